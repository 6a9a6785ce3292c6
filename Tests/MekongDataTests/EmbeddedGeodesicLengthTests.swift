import GeoCore
@testable import MekongData
import Testing

/// The embedded links' geodesic lengths are measured when the binary is built (embed-geodata),
/// so that routing need not load PROJ. They must be PROJ's own numbers, bit for bit, or every
/// printed length and time could drift.
struct EmbeddedGeodesicLengthTests {
    @Test func everyEmbeddedLinkCarriesPROJsLengthBitForBit() throws {
        let dataset = try Dataset.load(from: .embedded).dataset
        #expect(!dataset.links.isEmpty)
        #expect(EmbeddedGeoData.linkGeodesicLengths.count == dataset.links.count)
        for link in dataset.links {
            let stored = try #require(Link.embeddedGeodesicLength(of: link.id, geometry: link.geometry), "\(link.id) has no stored length")
            let measured = try Geodesic.wgs84.lengthMetres(of: link.geometry)
            #expect(stored.bitPattern == measured.bitPattern, "\(link.id): stored \(stored) m, PROJ now \(measured) m")
            #expect(link.geodesicLengthKm.bitPattern == (measured / 1000).bitPattern, "\(link.id)")
        }
    }

    @Test func aMovedPointIsMeasuredAgain() throws {
        let dataset = try Dataset.load(from: .embedded).dataset
        var link = try #require(dataset.links.first { $0.geometry.count >= 2 })
        let before = link.geodesicLengthKm
        link.geometry[0].longitude = link.geometry[0].longitude.nextUp
        #expect(Link.embeddedGeodesicLength(of: link.id, geometry: link.geometry) == nil)
        let measured = try Geodesic.wgs84.lengthMetres(of: link.geometry) / 1000
        #expect(link.geodesicLengthKm.bitPattern == measured.bitPattern)
        #expect(abs(link.geodesicLengthKm - before) < 1e-6)
    }
}
