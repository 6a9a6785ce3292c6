import Foundation
import Testing

/// End-to-end tests of `gaps` and `projects assess`.
struct AnalysisCLITests {
    @Test func gapsOfTheTinyMapIn2012IncludeTheFerry() throws {
        let r = try CLI.run("gaps", "--data", CLI.tiny, "--year", "2012", "--kind", "corridor-continuity", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let gaps = try #require((try CLI.json(r.stdout) as? [String: Any])?["gaps"] as? [[String: Any]])
        // The ferry (until 2015) and R2, unpaved and in poor condition.
        #expect(Set(gaps.compactMap { ($0["links"] as? [String])?.first }) == ["ferry-ab", "road-east-b"])
    }

    @Test func comparingYearsNamesTheProjectThatClosedTheGap() throws {
        let r = try CLI.run("gaps", "--data", CLI.tiny, "--year", "2012", "--against-year", "2016", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let change = try #require(try CLI.json(r.stdout) as? [String: Any])
        let closed = try #require(change["closed"] as? [[String: Any]])
        let ferry = try #require(closed.first { ($0["links"] as? [String]) == ["ferry-ab"] })
        #expect(ferry["projects"] as? [String] == ["bridge-project"])
    }

    @Test func gapsOnTheMapAreGeoJSON() throws {
        let r = try CLI.run("gaps", "--kind", "seaport-access", "--format", "geojson")
        #expect(r.status == 0)
        let collection = try #require(try CLI.json(r.stdout) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        #expect(((collection["features"] as? [[String: Any]])?.isEmpty) == false)
    }

    @Test func badThresholdIsRefused() throws {
        let r = try CLI.run("gaps", "--circuity", "0.9")
        #expect(r.status == 64)
        #expect(r.stderr.contains("--circuity must be above 1"))
    }

    @Test func unknownGapKindListsTheKinds() throws {
        let r = try CLI.run("gaps", "--kind", "seaport")
        #expect(r.status == 64)
        #expect(r.stderr.contains("seaport-access"))
    }

    @Test func assessRanksTheBridgeAndListsTheStudy() throws {
        let r = try CLI.run("projects", "assess", "--data", CLI.tiny, "--format", "json", "--min-population", "0")
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try CLI.json(r.stdout) as? [String: Any])
        let projects = try #require(report["projects"] as? [[String: Any]])
        #expect(projects.first?["id"] as? String == "bridge-project")
        #expect(projects.first?["rank"] as? Double == 1)
        #expect((projects.last?["no_network_effect"] as? String)?.contains("study") == true)
    }
}
