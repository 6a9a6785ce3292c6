import Foundation
import GeoCore
@testable import MekongData
@testable import MekongNetwork

/// Small maps built in code, every length declared, the profile at 60 km/h on roads, so the
/// expected figures can be worked out by hand.
struct AnalysisMap {
    var places: [Place] = []
    var links: [Link] = []
    var corridors: [Corridor] = []
    var projects: [Project] = []

    mutating func place(_ id: PlaceID, lon: Double, lat: Double, kind: PlaceKind = .city, population: Int? = nil,
                        country: String = "THA", project: ProjectID? = nil, opened: Int? = nil) {
        places.append(Place(id: id, name: id.rawValue.capitalized, kind: kind, country: country,
                            population: population ?? (kind == .city ? 100_000 : nil),
                            period: ServicePeriod(opened: opened), project: project, source: "test",
                            coordinate: Coordinate(longitude: lon, latitude: lat)))
    }

    mutating func link(_ a: PlaceID, _ b: PlaceID, km: Double, mode: Mode = .road, surface: Surface = .paved,
                       border: [ProfileID: Double]? = nil, bridge: Bool = false, opened: Int? = nil, closed: Int? = nil,
                       project: ProjectID? = nil, retiredBy: ProjectID? = nil, id: LinkID? = nil) {
        let pa = places.first { $0.id == a }!.coordinate, pb = places.first { $0.id == b }!.coordinate
        links.append(Link(id: id ?? LinkID("\(a)-\(b)"), name: "\(a)-\(b)", from: a, to: b, mode: mode, route: "R\(links.count)",
                          roadClass: mode == .road ? .trunk : nil, surface: surface, condition: .good, isBridge: bridge,
                          borderDelayHours: border, declaredLengthKm: km, period: ServicePeriod(opened: opened, closed: closed),
                          project: project, retiredBy: retiredBy, source: "test", geometry: [pa, pb]))
    }

    static let profile = Profile(
        id: "truck", name: "test", roadSpeedKmh: [.expressway: 60, .trunk: 60, .primary: 60, .secondary: 60, .track: 60],
        railSpeedKmh: 60, seaSpeedKmh: 30, surfaceFactor: [.paved: 1, .unpaved: 0.5], conditionFactor: [.good: 1, .fair: 1, .poor: 0.5],
        ferryWaitHours: 1, ferryHandlingHours: 0.5, ferryCrossingSpeedKmh: 10, borderDelayHours: 3, modeChangeHours: 12)

    var dataset: Dataset {
        Dataset(places: places, links: links, corridors: corridors, projects: projects, profiles: [Self.profile])
    }

    func network(_ scenario: Scenario = Scenario(year: 2020)) -> Network {
        Network(dataset: dataset, scenario: scenario, profile: Self.profile)
    }
}
