import Foundation
import Testing

/// The interface a careless or hostile user meets: names as people write them, coordinates that
/// are wrong, ids in capitals, an output that cannot be written.
struct InterfaceCLITests {
    /// Each was exit 64 "unknown place" though `places` found exactly one place for it.
    @Test(arguments: [("Na Phao", "na-phao-border"), ("Dansavanh", "dansavanh-border"), ("Cha Lo", "cha-lo-border"),
                      ("Lao Bao", "lao-bao-border"), ("Cau Treo", "cau-treo-border"), ("Ho Chi Minh", "ho-chi-minh-city")])
    func aNameAsAPersonWritesItResolvesAndSaysTo(name: String, id: String) throws {
        let r = try CLI.run("route", "Thakhek", name, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(((try CLI.json(r.stdout) as? [String: Any])?["to"] as? String) == id)
        #expect(r.stderr.contains("note: \(name) →"))
    }

    @Test func aPointFarFromEveryPlaceIsRefusedNamingTheNearestAndItsDistance() throws {
        let r = try CLI.run("route", "0,0", "Hanoi")
        #expect(r.status == 64)
        #expect(r.stderr.contains("from the nearest place, Mandalay (mandalay)"))
        #expect(r.stderr.contains("--snap-km is 25"))
    }

    @Test(arguments: [("200,13", "longitude 200.0 is outside"), ("nan,nan", "not a finite number"),
                      ("13.75,100.5", "longitude first, e.g. 100.5,13.75")])
    func aCoordinateOutOfRangeIsAUsageErrorNotAnUnknownPlace(text: String, message: String) throws {
        let r = try CLI.run("route", text, "Hanoi")
        #expect(r.status == 64)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!r.stderr.contains("unknown place"))
    }

    @Test func aPointNearAPlaceSnapsAndSaysHowFar() throws {
        let r = try CLI.run("route", "100.52,13.75", "Hanoi")
        #expect(r.status == 0)
        #expect(r.stderr.contains("snapped to bangkok (2.1 km away)"))
    }

    @Test func corridorAndProjectIdsIgnoreCase() throws {
        #expect(try CLI.run("corridor", "show", "EWEC").status == 0)
        #expect(try CLI.run("projects", "show", "KH-Neak-Loeung-Bridge").status == 0)
        #expect(try CLI.run("route", "Phnom Penh", "Ho Chi Minh City", "--without", "KH-NEAK-LOEUNG-BRIDGE").status == 0)
    }

    /// Exit 132 (a crash) before: FileHandle raised an exception on a full or closed stdout.
    @Test(arguments: ["> /dev/full", ">&-"])
    func anUnwritableStandardOutputIsAnIOErrorWithTheSystemsWords(redirect: String) throws {
        let r = try CLI.runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", "\"$0\" route Bangkok Hanoi \(redirect)", try CLI.binary.path])
        #expect(r.status == 74)
        #expect(r.stderr.contains("cannot write to standard output"))
    }

    /// It listed all places before: every character was dropped, leaving an empty query.
    @Test(arguments: ["!!!", "🚚"])
    func placesFindsNothingForAQueryWithoutLetters(query: String) throws {
        let none = try CLI.run("places", query, "--format", "json")
        #expect(none.status == 0)
        #expect((try CLI.json(none.stdout) as? [Any])?.isEmpty == true)
    }
}
