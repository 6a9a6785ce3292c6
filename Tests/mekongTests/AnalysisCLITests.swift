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

    /// Each kind's unit, as JSON and CSV print it (GapUnit's raw values): a lost link that cuts
    /// cities off counts "pairs cut", one that only slows them counts "h", and the text table
    /// lists the cutting ones first.
    @Test func everyGapCarriesItsKindsUnitInJSONCSVAndTheTable() throws {
        let json = try #require(try CLI.json(try CLI.run("gaps", "--format", "json").stdout) as? [String: Any])
        let gaps = try #require(json["gaps"] as? [[String: Any]])
        var units: [String: Set<String>] = [:]
        for gap in gaps { units[gap["kind"] as? String ?? "?", default: []].insert(gap["unit"] as? String ?? "?") }
        #expect(units == ["seaport-access": ["h"], "airport-access": ["h"], "corridor-coverage": ["km"], "missing-link": ["ratio"],
                          "corridor-continuity": ["km", "break"], "criticality": ["pairs cut", "h"], "border-friction": ["share"]])
        let csv = try CLI.run("gaps", "--format", "csv").stdout.split(separator: "\n").dropFirst()
        #expect(csv.count == gaps.count)
        #expect(zip(csv, gaps).allSatisfy { line, gap in line.split(separator: ",")[4] == (gap["unit"] as? String ?? "?") })
        let table = try CLI.run("gaps", "--kind", "criticality").stdout
        let lines = table.split(separator: "\n").filter { $0.hasPrefix("  [") }
        let cutting = lines.filter { $0.contains(" pairs cut]") }.count
        #expect(cutting > 0 && lines.prefix(cutting).allSatisfy { $0.contains(" pairs cut]") }, "\(lines)")
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
