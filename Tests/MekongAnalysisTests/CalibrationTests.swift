import Foundation
import TestSupport
import Testing
@testable import MekongAnalysis
@testable import MekongData
@testable import MekongNetwork

/// The calibration end to end on a map whose true speeds are planted: trips timed with the
/// truth, a profile that starts wrong, and a fit that must find the truth again.
struct CalibrationTests {
    /// A chain of 12 junctions, each road of one class (trunk, primary, secondary in turn), 40 to
    /// 100 km long; no towns, so no urban km. Trips run between random pairs.
    static func plantedMap(seed: UInt64, truth: Profile, trips: Int) -> Dataset {
        var rng = SplitMix64(state: seed)
        var m = AnalysisMap()
        for i in 0..<12 { m.place(PlaceID("j\(i)"), lon: 100 + Double(i) * 0.5, lat: 15, kind: .junction) }
        let classes: [RoadClass] = [.trunk, .primary, .secondary]
        for i in 0..<11 {
            m.link(PlaceID("j\(i)"), PlaceID("j\(i + 1)"), km: Double(Int.random(in: 40...100, using: &rng)))
            m.links[i].roadClass = classes[i % 3]
        }
        let truthNetwork = Network(dataset: Dataset(places: m.places, links: m.links, profiles: [truth]), scenario: Scenario(year: 2020), profile: truth)
        var observations: [Observation] = []
        for t in 0..<trips {
            var a = Int.random(in: 0..<12, using: &rng), b = Int.random(in: 0..<12, using: &rng)
            while a == b { b = Int.random(in: 0..<12, using: &rng) }
            if a > b { swap(&a, &b) }
            let hours = try! RoutePlanner(network: truthNetwork).route(RouteRequest(from: PlaceID("j\(a)"), to: PlaceID("j\(b)"))).hours
            observations.append(Observation(id: ObservationID("trip-\(t)"), from: PlaceID("j\(a)"), to: PlaceID("j\(b)"), year: 2020,
                                            vehicle: truth.id, hours: hours, measured: .driving, kind: .measuredRun,
                                            source: ObservationSource(url: "https://example.org", title: "planted", quote: "planted")))
        }
        var start = truth
        start.roadSpeedKmh = [.expressway: 90, .trunk: 70, .primary: 70, .secondary: 70, .track: 20]
        return Dataset(places: m.places, links: m.links, profiles: [start], observations: observations)
    }

    static var truth: Profile {
        var p = AnalysisMap.profile
        p.id = "car"
        p.roadSpeedKmh = [.expressway: 90, .trunk: 75, .primary: 55, .secondary: 42, .track: 20]
        return p
    }

    @Test(arguments: [1, 2] as [UInt64])
    func theFitFindsThePlantedSpeedsAgain(seed: UInt64) throws {
        let data = Self.plantedMap(seed: seed, truth: Self.truth, trips: 24)
        let calibration = Calibration(dataset: data)
        // Before the fit the secondary roads are far too fast: the model is off.
        let before = calibration.compare().compactMap(\.timeRatio)
        #expect(Median.of(before.map { abs($0 - 1) })! > 0.05)
        let fit = try calibration.fit("car", folds: 4)
        // Only the classes the map has are fitted: the trips can't tell the others.
        #expect(Set(fit.parameters) == [.trunk, .primary, .secondary])
        for (parameter, value) in zip(fit.parameters, fit.after) {
            #expect(abs(value - parameter.value(in: Self.truth)) < 0.01, "\(parameter): \(value)")
        }
        #expect(fit.errorsAfter.allSatisfy { abs($0) < 1e-4 })
        #expect(fit.crossValidatedErrors.allSatisfy { abs($0) < 1e-3 })
    }

    /// Trips timed as if primary roads were faster than trunk roads: the fit keeps the ladder
    /// (primary at most trunk) and says the primary speed ended on its bound.
    @Test func theFitNeverMakesAPrimaryRoadFasterThanATrunkRoad() throws {
        var inverted = Self.truth
        inverted.roadSpeedKmh = [.expressway: 90, .trunk: 55, .primary: 80, .secondary: 42, .track: 20]
        let fit = try Calibration(dataset: Self.plantedMap(seed: 4, truth: inverted, trips: 24)).fit("car", folds: 4)
        let trunk = try #require(fit.profile.roadSpeedKmh[.trunk]), primary = try #require(fit.profile.roadSpeedKmh[.primary])
        #expect(primary <= trunk + 1e-9)
        #expect(fit.atBound.contains(.primary))
        #expect((fit.profile.roadSpeedKmh[.secondary] ?? .infinity) <= primary + 1e-9)
    }

    /// Three towns in a row, a border between the first two: a (60 km, 1 h at 60 km/h) b, where
    /// the border costs 3 h, then (120 km, 2 h) c. A driving time that includes the border is
    /// compared with all 6 h; one that leaves the formalities out, with the 3 h on the move.
    @Test func aDrivingTimeWithoutTheBorderIsComparedWithoutTheBorderDelay() throws {
        var m = AnalysisMap()
        m.place("a", lon: 100, lat: 15)
        m.place("b", lon: 100.5, lat: 15, country: "LAO")
        m.place("c", lon: 101.5, lat: 15, country: "LAO")
        m.link("a", "b", km: 60, border: [:])
        m.link("b", "c", km: 120)
        func trip(_ id: String, includesBorder: Bool?) -> Observation {
            var observation = Observation(id: ObservationID(id), from: "a", to: "c", year: 2020, vehicle: "truck", hours: 3,
                                          measured: .driving, kind: .measuredRun,
                                          source: ObservationSource(url: "https://example.org", title: "hand-made", quote: "3 hours"))
            observation.includesBorder = includesBorder
            return observation
        }
        let data = Dataset(places: m.places, links: m.links, profiles: [AnalysisMap.profile],
                           observations: [trip("with", includesBorder: true), trip("without", includesBorder: false), trip("unsaid", includesBorder: nil)])
        let hours = Calibration(dataset: data).compare().map(\.modelHours)
        #expect(hours.map { $0.map { ($0 * 1e6).rounded() / 1e6 } } == [6, 3, 6])
    }

    /// A trip with a reason not to fit it is compared but never fitted.
    @Test func aTripNotToFitIsLeftOutOfTheFit() throws {
        var data = Self.plantedMap(seed: 3, truth: Self.truth, trips: 24)
        var observations = data.observations
        observations[0].hours = observations[0].hours! * 5
        observations[0].notFittedBecause = "a flooded road"
        data = Dataset(places: data.places, links: data.links, profiles: data.profiles, observations: observations)
        let fit = try Calibration(dataset: data).fit("car", folds: 4)
        #expect(!fit.trips.contains("trip-0"))
        #expect(fit.errorsAfter.allSatisfy { abs($0) < 1e-4 })
    }
}
