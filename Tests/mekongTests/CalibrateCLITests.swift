import Foundation
import Testing
import TestSupport

/// End-to-end tests of `calibrate` and the door-to-door schedule of `route`.
struct CalibrateCLITests {
    /// Every observation of the data appears once, with its model and observed times.
    @Test func everyObservationIsComparedInJSON() throws {
        let r = try CLI.run("calibrate", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        let trips = try #require(report["trips"] as? [[String: Any]])
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: PackagePaths.geoData.appending(path: "observations.json"))) as? [String: Any])
        #expect(trips.count == (file["observations"] as? [Any])?.count)
        let time = try #require(report["time"] as? [String: Any])
        #expect((time["median_absolute_error"] as? Double).map { $0 >= 0 && $0 < 1 } == true)
        #expect(report["by"] as? [String: Any] != nil)
    }

    /// The plan's before/after pairs on the published trips: each trip within the ±40 % the
    /// calibration promises, and the time the project saved (after over before, medians of the
    /// trips of each side) within 25 % of what travellers saw.
    ///
    /// - Neak Loeung: Ho Chi Minh City – Phnom Penh by bus over the ferry (2014) and the bridge (2019);
    /// - QL5 Hanoi – Hai Phong (2014) and the expressway (2015, 2019);
    /// - NR13N Vientiane – Vang Vieng (the official 4 h, 2020) and the expressway (official 1 h, 2020; 2024);
    /// - NR4 Phnom Penh – Sihanoukville, damaged (2019) and the expressway (2023).
    @Test(arguments: [
        (["ho-chi-minh-city-phnom-penh-2014-bus-ferry"], ["ho-chi-minh-city-phnom-penh-2019-bus-bridge"]),
        (["hanoi-hai-phong-ql5-before-expressway-retrospective"], ["hanoi-hai-phong-2015-expressway", "hanoi-hai-phong-expressway-2019-guide"]),
        (["vientiane-vang-vieng-nr13n-official-2020"], ["vientiane-vang-vieng-expressway-official-2020", "vientiane-vang-vieng-expressway-2024-blog"]),
        (["sihanoukville-phnom-penh-2019-taxi-nr4", "phnom-penh-sihanoukville-2019-car-nr4-jetro"],
         ["phnom-penh-sihanoukville-expressway-2023", "phnom-penh-sihanoukville-expressway-2023-xinhua-march"]),
    ])
    func aProjectsBeforeAndAfterTripsComeOutRight(before: [String], after: [String]) throws {
        let r = try CLI.run("calibrate", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let trips = try #require((try CLI.json(r.stdout) as? [String: Any])?["trips"] as? [[String: Any]])
        func hours(_ ids: [String]) throws -> (observed: Double, model: Double) {
            var observed: [Double] = [], model: [Double] = []
            for id in ids {
                let trip = try #require(trips.first { $0["id"] as? String == id }, "\(id)")
                let o = try #require(trip["observed_hours"] as? Double), m = try #require(trip["model_hours"] as? Double)
                #expect(abs(m / o - 1) <= 0.4, "\(id): model \(m) h against \(o) h")
                observed.append(o); model.append(m)
            }
            func median(_ v: [Double]) -> Double { let s = v.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
            return (median(observed), median(model))
        }
        let b = try hours(before), a = try hours(after)
        let observedSaving = a.observed / b.observed, modelSaving = a.model / b.model
        #expect(modelSaving < 1)
        #expect(abs(modelSaving / observedSaving - 1) <= 0.25, "after/before: model \(modelSaving) against observed \(observedSaving)")
    }

    /// Two profiles fitted at once: the pooled line counts every trip of both fits, and the
    /// median of the errors taken together lies between the two profiles' own medians.
    @Test func thePooledCrossValidatedErrorLiesBetweenTheProfilesOwn() throws {
        let r = try CLI.run("calibrate", "--fit", "--profile", "bus", "--profile", "truck", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        let fits = try #require(report["fits"] as? [[String: Any]])
        let pooled = try #require(report["fits_pooled"] as? [String: Any])
        #expect(fits.count == 2)
        #expect(pooled["trips"] as? Double == fits.compactMap { $0["trips"] as? Double }.reduce(0, +))
        let own = fits.compactMap { $0["median_absolute_error_cross_validated"] as? Double }
        let together = try #require(pooled["median_absolute_error_cross_validated"] as? Double)
        #expect(own.count == 2)
        #expect(together >= own.min()! && together <= own.max()!, "\(together) against \(own)")
    }

    @Test func fittingTheEmbeddedDataSaysItCannotWriteIt() throws {
        let r = try CLI.run("calibrate", "--fit", "--profile", "bus", "--worst", "0")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("The embedded data cannot be written"))
    }

    /// The fit writes into a copy of the data, which still validates, and the model run on it
    /// is no worse than the fit reported.
    @Test func aFitIsWrittenIntoTheDataDirectoryAndStillValidates() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "mekong-calibrate-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.copyItem(at: PackagePaths.geoData, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try String(contentsOf: dir.appending(path: "profiles.json"), encoding: .utf8)
        var profiles = try #require(try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
        // Start the bus near walking pace on its main roads so the fit has something to do.
        var list = try #require(profiles["profiles"] as? [[String: Any]])
        let bus = try #require(list.firstIndex { $0["id"] as? String == "bus" })
        var speeds = try #require(list[bus]["speeds_kmh"] as? [String: Any])
        var road = try #require(speeds["road"] as? [String: Any])
        road["trunk"] = 36
        road["primary"] = 26
        speeds["road"] = road
        list[bus]["speeds_kmh"] = speeds
        profiles["profiles"] = list
        try JSONSerialization.data(withJSONObject: profiles, options: [.prettyPrinted, .sortedKeys]).write(to: dir.appending(path: "profiles.json"))
        let r = try CLI.run("calibrate", "--data", dir.path, "--fit", "--profile", "bus", "--worst", "0")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Wrote the fitted values into"))
        let written = try String(contentsOf: dir.appending(path: "profiles.json"), encoding: .utf8)
        #expect(written.contains("Fitted "))
        #expect(try CLI.run("validate", "--data", dir.path).status == 0)
    }

    @Test func aRouteGivesItsDoorToDoorScheduleAndRefusesABadDepartureTime() throws {
        let r = try CLI.run("route", "Bangkok", "Hanoi", "--depart", "21:30", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let route = try #require((try CLI.json(r.stdout) as? [String: Any])?["route"] as? [String: Any])
        let door = try #require(route["door_to_door"] as? [String: Any])
        let elapsed = try #require(door["elapsed_hours"] as? Double), hours = try #require(route["hours"] as? Double)
        #expect(elapsed > hours)
        #expect(((door["stops"] as? [[String: Any]])?.contains { $0["kind"] as? String == "rest" }) == true)
        let bad = try CLI.run("route", "Bangkok", "Hanoi", "--depart", "25:00")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("HH:MM"))
    }
}
