import Foundation
import Testing
@testable import MekongData

/// observations.json: the tiny fixture's two observations load field by field, and each planted
/// defect gives one finding that names the observation, the rule and the reason.
struct ObservationTests {
    @Test func goodObservationsLoadWithEveryField() throws {
        let (dataset, findings) = DatasetReader.read(.directory(Fixture.tiny))
        #expect(findings.filter { $0.file == "observations.json" }.isEmpty, "\(findings)")
        #expect(dataset.observations.map(\.id) == ["town-a-bank-west-2012", "town-a-town-b-2016"])

        let run = try #require(dataset.observation("town-a-town-b-2016"))
        #expect(run.from == "town-a" && run.to == "town-b")
        #expect(run.via == ["bank-west", "bridge-ab"])
        #expect(run.year == 2016 && run.vehicle == "car" && run.observedVehicle == "van")
        #expect(run.hours == 3.5 && run.km == 110)
        #expect(run.measured == .driving && run.includesBorder == true && run.kind == .measuredRun)
        #expect(run.source == ObservationSource(url: "https://example.org/bridge-run", title: "Across the new bridge",
                                                publisher: "Test Press", date: "2016-03-01",
                                                quote: "Three and a half hours from Town A to Town B, border included."))
        #expect(run.note == "test fixture")

        let figure = try #require(dataset.observation("town-a-bank-west-2012"))
        #expect(figure.hours == nil && figure.km == 54 && figure.via.isEmpty)
        #expect(figure.measured == .doorToDoor && figure.kind == .officialFigure && figure.includesBorder == nil)
        #expect(figure.source.publisher == nil && figure.source.date == nil && figure.note == nil)
    }

    @Test func absentObservationsFileMeansNoObservations() throws {
        let dir = try Fixture.copy { $0.removeValue(forKey: "observations.json") }
        let (dataset, findings) = DatasetReader.read(.directory(dir))
        #expect(dataset.observations.isEmpty)
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
    }

    @Test func observationWithAnErrorStopsTheDataSetFromLoading() throws {
        let dir = try Fixture.copy { $0["observations.json"] = try $0["observations.json"]!.replacingOnce(#""hours": 3.5"#, with: #""hours": -3.5"#) }
        #expect(throws: DataError.self) { _ = try Dataset.load(from: .directory(dir)) }
        #expect(DatasetReader.read(.directory(dir)).dataset.observation("town-a-town-b-2016") == nil)
    }

    @Test func scenarioFileEditsKeepTheObservations() throws {
        let base = try Dataset.load(from: .directory(Fixture.tiny)).dataset
        let file = FileManager.default.temporaryDirectory.appending(path: "mekong-scenario-\(UUID().uuidString).json")
        try Data(#"{"year": 2016, "edits": [{"remove_link": "ferry-ab"}]}"#.utf8).write(to: file)
        let edited = try ScenarioFile.load(from: file, base: base, defaults: Scenario(year: 2016), yearGiven: false).dataset
        #expect(edited.link("ferry-ab") == nil)
        #expect(edited.observations == base.observations && edited.observations.count == 2)
    }

    @Test func fileThatIsNotAnObjectWithAnObservationsArrayIsAnError() throws {
        let dir = try Fixture.copy { $0["observations.json"] = "[]" }
        let found = DatasetReader.read(.directory(dir)).findings.filter { $0.file == "observations.json" }
        #expect(found.map(\.rule) == ["wrong-type"])
        #expect(found.first?.message == #"must be an object with an "observations" array of objects"#)
    }

    /// One defect planted in the fixture's observations.json and the one finding it must give.
    struct Defect: Sendable, CustomTestStringConvertible {
        var name: String
        var replace: String
        var with: String
        var feature: String
        var severity: Finding.Severity = .error
        var rule: String
        var message: String
        var testDescription: String { name }
    }

    static let defects: [Defect] = [
        Defect(name: "zero hours", replace: #""hours": 3.5"#, with: #""hours": 0"#, feature: "town-a-town-b-2016",
               rule: "bad-value", message: #""hours" must be a number more than 0, not 0.0"#),
        Defect(name: "hours in minutes", replace: #""hours": 3.5"#, with: #""hours": 210"#, feature: "town-a-town-b-2016",
               rule: "bad-value", message: #""hours" is 210.0, more than 200 (no trip in the region takes that long); is it in minutes?"#),
        Defect(name: "negative km", replace: #""km": 54"#, with: #""km": -5"#, feature: "town-a-bank-west-2012",
               rule: "bad-value", message: #""km" must be a number more than 0, not -5.0"#),
        Defect(name: "km in metres", replace: #""km": 54"#, with: #""km": 54000"#, feature: "town-a-bank-west-2012",
               rule: "bad-value", message: #""km" is 54000.0, more than 5000 (no road trip in the region is that long); is it in metres or miles?"#),
        Defect(name: "hours as a string", replace: #""hours": 3.5"#, with: #""hours": "3.5""#, feature: "town-a-town-b-2016",
               rule: "wrong-type", message: #""hours" must be a number, not string"#),
        Defect(name: "neither hours nor km", replace: "\"km\": 54,\n", with: "", feature: "town-a-bank-west-2012",
               rule: "missing-field", message: #"an observation needs "hours" or "km", or both"#),
        Defect(name: "year outside the data's years", replace: #""year": 2012"#, with: #""year": 1780"#, feature: "town-a-bank-west-2012",
               rule: "bad-year", message: #""year" 1780 is not a plausible year (1800–2100)"#),
        Defect(name: "missing year", replace: "\"year\": 2012,\n", with: "", feature: "town-a-bank-west-2012",
               rule: "missing-field", message: #"missing required property "year""#),
        Defect(name: "from equals to", replace: #""to": "town-b""#, with: #""to": "town-a""#, feature: "town-a-town-b-2016",
               rule: "same-ends", message: #""from" and "to" are both "town-a"; an observation is a trip between two places"#),
        Defect(name: "unknown place", replace: #""to": "bank-west""#, with: #""to": "bank-wst""#, feature: "town-a-bank-west-2012",
               rule: "dangling-reference", message: #""to" names the place "bank-wst", which does not exist (did you mean "bank-west"?)"#),
        Defect(name: "via neither place nor link", replace: #""bridge-ab"]"#, with: #""bridge-abc"]"#, feature: "town-a-town-b-2016",
               rule: "dangling-reference", message: #""via" names "bridge-abc", which is neither a place nor a link (did you mean "bridge-ab"?)"#),
        Defect(name: "vehicle that is no profile", replace: #""vehicle": "car""#, with: #""vehicle": "bus""#, feature: "town-a-town-b-2016",
               rule: "dangling-reference", message: #""vehicle" names the profile "bus", which is not in profiles.json; choose car, truck"#),
        Defect(name: "url without a scheme", replace: #""url": "http://example.org/r1-survey""#, with: #""url": "example.org/r1-survey""#,
               feature: "town-a-bank-west-2012", rule: "bad-value",
               message: #""source.url" must start with http:// or https://, not "example.org/r1-survey""#),
        Defect(name: "empty quote", replace: #""quote": "Three and a half hours from Town A to Town B, border included.""#, with: #""quote": " ""#,
               feature: "town-a-town-b-2016", rule: "missing-field", message: #""source.quote" is empty"#),
        Defect(name: "source as a string, as in the other files",
               replace: "{\n        \"url\": \"http://example.org/r1-survey\",\n        \"title\": \"R1 survey\",\n        \"quote\": \"R1 runs 54 km from Town A to the river.\"\n      }",
               with: #""R1 survey""#, feature: "town-a-bank-west-2012",
               rule: "wrong-type", message: #""source" must be an object, not string"#),
        Defect(name: "unknown measurement", replace: #""measured": "driving""#, with: #""measured": "door to door""#,
               feature: "town-a-town-b-2016", rule: "unknown-value",
               message: #""measured" is "door to door"; allowed: driving, door-to-door (did you mean "door-to-door"?)"#),
        Defect(name: "unknown kind", replace: #""kind": "measured-run""#, with: #""kind": "measured-rn""#, feature: "town-a-town-b-2016",
               rule: "unknown-value",
               message: #""kind" is "measured-rn"; allowed: measured-run, official-figure, timetable, traveller-report (did you mean "measured-run"?)"#),
        Defect(name: "id that is not a slug", replace: #""id": "town-a-town-b-2016""#, with: #""id": "Town-A_2016""#, feature: "Town-A_2016",
               rule: "bad-id", message: #""id" "Town-A_2016" is not a lowercase slug (a-z, 0-9, single hyphens)"#),
        Defect(name: "duplicate id", replace: #""id": "town-a-town-b-2016""#, with: #""id": "town-a-bank-west-2012""#,
               feature: "town-a-bank-west-2012", rule: "duplicate-id", message: #"the id "town-a-bank-west-2012" is used more than once"#),
        Defect(name: "misspelt key", replace: #""observed_vehicle": "van""#, with: #""observed_vehicel": "van""#, feature: "town-a-town-b-2016",
               severity: .warning, rule: "unknown-property", message: #"unknown property "observed_vehicel" (did you mean "observed_vehicle"?)"#),
        Defect(name: "misspelt key in the source", replace: #""publisher": "Test Press""#, with: #""publsher": "Test Press""#,
               feature: "town-a-town-b-2016", severity: .warning, rule: "unknown-property",
               message: #"unknown property "source.publsher" (did you mean "publisher"?)"#),
    ]

    @Test(arguments: defects)
    func defectGivesOneFindingNamingTheObservation(_ defect: Defect) throws {
        let dir = try Fixture.copy { $0["observations.json"] = try $0["observations.json"]!.replacingOnce(defect.replace, with: defect.with) }
        let found = DatasetReader.read(.directory(dir)).findings.filter { $0.file == "observations.json" }
        #expect(found.count == 1, "\(found)")
        let finding = try #require(found.first)
        #expect(finding.feature == defect.feature)
        #expect(finding.severity == defect.severity)
        #expect(finding.rule == defect.rule)
        #expect(finding.message == defect.message)
    }
}
