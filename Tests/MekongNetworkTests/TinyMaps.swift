import Foundation
import GeoCore
@testable import MekongData
@testable import MekongNetwork

/// Builds small maps whose answers a reader can check by eye. Every link declares its length,
/// and the test profile drives every road class at 60 km/h, so hours = km / 60.
struct TinyMap {
    var places: [Place] = []
    var links: [Link] = []

    /// A place on a 0.5° grid near the equator, at column `x`, row `y`.
    mutating func place(_ id: PlaceID, _ x: Double, _ y: Double, country: String = "THA", kind: PlaceKind = .junction) {
        places.append(Place(id: id, name: id.rawValue.uppercased(), kind: kind, country: country, source: "test",
                            coordinate: Coordinate(longitude: 100 + x * 0.5, latitude: 10 + y * 0.5)))
    }

    mutating func road(_ a: PlaceID, _ b: PlaceID, km: Double, mode: Mode = .road, roadClass: RoadClass = .trunk,
                       border: [ProfileID: Double]? = nil, oneway: Bool = false, bridge: Bool = false,
                       opened: Int? = nil, closed: Int? = nil, project: ProjectID? = nil, retiredBy: ProjectID? = nil,
                       id: LinkID? = nil) {
        let pa = places.first { $0.id == a }!, pb = places.first { $0.id == b }!
        links.append(Link(id: id ?? LinkID("\(a)-\(b)"), name: "\(a)-\(b)", from: a, to: b, mode: mode, route: "R\(links.count)",
                          roadClass: mode == .road ? roadClass : nil, surface: .paved, condition: .good, isBridge: bridge,
                          borderDelayHours: border, declaredLengthKm: km, oneway: oneway,
                          period: ServicePeriod(opened: opened, closed: closed), project: project, retiredBy: retiredBy,
                          source: "test", geometry: [pa.coordinate, pb.coordinate]))
    }

    static let profile = Profile(
        id: "truck", name: "test truck",
        roadSpeedKmh: [.expressway: 60, .trunk: 60, .primary: 60, .secondary: 60, .track: 20],
        railSpeedKmh: 60, seaSpeedKmh: 30, surfaceFactor: [.paved: 1, .unpaved: 0.5],
        conditionFactor: [.good: 1, .fair: 1, .poor: 0.5], ferryWaitHours: 1, ferryHandlingHours: 0.5,
        ferryCrossingSpeedKmh: 10, borderDelayHours: 3, modeChangeHours: 12)

    func dataset(projects: [Project] = []) -> Dataset {
        Dataset(places: places, links: links, projects: projects, profiles: [Self.profile])
    }

    func network(year: Int = 2020, with: Set<ProjectID> = [], without: Set<ProjectID> = [], projects: [Project] = []) -> Network {
        Network(dataset: dataset(projects: projects), scenario: Scenario(year: year, with: with, without: without), profile: Self.profile)
    }
}

extension Route {
    /// The places passed, in order: the path a reader compares with the drawing.
    func placesPassed(in network: Network) -> [String] {
        guard let first = edges.first else { return [] }
        var out = [network.label(of: network.graph.tail(first)).rawValue]
        for e in edges {
            let p = network.label(of: network.graph.head(e)).rawValue
            if out.last != p { out.append(p) }
        }
        return out
    }
}
