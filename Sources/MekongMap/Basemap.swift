import Foundation
import GeoCore
import MekongData

/// The base map under every map: countries, lakes and rivers from Natural Earth (public
/// domain), simplified and embedded as `GeoData/basemap.geojson` (see GeoData/README.md).
public struct Basemap: Sendable {
    /// A country: its name, ISO 3166-1 alpha-3 code and (multi)polygon.
    public struct Country: Sendable {
        /// The country's English name in Natural Earth.
        public var name: String
        /// ISO 3166-1 alpha-3 (Natural Earth's `adm0_a3`).
        public var iso: String
        /// Longitude/latitude (multi)polygon.
        public var geometry: Geometry
    }

    /// A named lake or river (longitude/latitude).
    public struct Water: Sendable {
        /// The English name (empty for unnamed rivers).
        public var name: String
        /// Longitude/latitude polygon (lakes) or lines (rivers).
        public var geometry: Geometry
    }

    /// The file's name in a data directory and in the embedded GeoData.
    public static let fileName = "basemap.geojson"
    /// The countries the data set covers, drawn lighter than their neighbours.
    public static let mekongCountries: Set<String> = ["KHM", "LAO", "MMR", "THA", "VNM"]

    /// Country polygons.
    public let countries: [Country]
    /// Lakes and reservoirs.
    public let lakes: [Water]
    /// River centre-lines.
    public let rivers: [Water]

    /// The base map of a data source: its own `basemap.geojson` when it has one, else the
    /// embedded one, so a data directory need not carry a copy.
    /// - Throws: ``MapError/basemap(_:)`` when the file is malformed.
    public static func load(from source: DataSource) throws(MapError) -> Basemap {
        let data: Data?
        do { data = try source.read(fileName) ?? DataSource.embedded.read(fileName) } catch { throw .basemap("\(source): \(error)") }
        guard let data else { throw .basemap("no \(fileName) in \(source) or the embedded GeoData") }
        return try Basemap(geoJSON: data)
    }

    /// Reads the layered GeoJSON: features with `layer` `country` (with `iso_a3`), `lake` or `river`.
    /// - Throws: ``MapError/basemap(_:)`` with the decoder's reason.
    public init(geoJSON data: Data) throws(MapError) {
        let collection: FeatureCollection
        do { collection = try GeoJSON.decodeFeatureCollection(from: data) } catch { throw .basemap("\(error)") }
        var countries: [Country] = [], lakes: [Water] = [], rivers: [Water] = []
        for feature in collection.features {
            guard let geometry = feature.geometry, geometry.firstInvalidCoordinate == nil else { continue }
            let name = feature.properties["name"]?.stringValue ?? ""
            switch feature.properties["layer"]?.stringValue {
            case "country": countries.append(Country(name: name, iso: feature.properties["iso_a3"]?.stringValue ?? "", geometry: geometry))
            case "lake": lakes.append(Water(name: name, geometry: geometry))
            case "river": rivers.append(Water(name: name, geometry: geometry))
            default: continue
            }
        }
        self.countries = countries; self.lakes = lakes; self.rivers = rivers
    }
}
