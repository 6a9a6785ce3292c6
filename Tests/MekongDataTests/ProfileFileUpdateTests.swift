import Testing
@testable import MekongData

/// Fitted values go into profiles.json where they stand, with a note on their reasoning.
struct ProfileFileUpdateTests {
    static let text = """
        {"profiles": [
          {
            "id": "truck",
            "speeds_kmh": {
              "road": {
                "trunk": 60
              },
              "urban": 25
            },
            "reasoning": {
              "speeds_kmh.road.trunk": "60: truck limit."
            }
          },
          {
            "id": "car",
            "speeds_kmh": {
              "road": {
                "trunk": 80
              },
              "urban": 30
            },
            "reasoning": {
              "speeds_kmh.road.trunk": "80: car limit."
            }
          }
        ]}
        """

    @Test func aFittedValueReplacesOnlyItsOwnProfilesNumberAndNotesItsReasoning() throws {
        let out = try ProfileFileUpdate.apply(to: Self.text, profile: "car", values: ["speeds_kmh.road.trunk": 71.2564, "speeds_kmh.urban": 17]) { path, old in
            "Fitted on 5 trips (was \(ProfileFileUpdate.format(old)))."
        }
        #expect(out.contains("\"trunk\": 60"))            // the truck's is untouched
        #expect(out.contains("\"trunk\": 71.256"))
        #expect(out.contains("\"urban\": 25") && out.contains("\"urban\": 17"))
        #expect(out.contains("\"speeds_kmh.road.trunk\": \"Fitted on 5 trips (was 80). 80: car limit.\""))
        #expect(out.contains("\"speeds_kmh.road.trunk\": \"60: truck limit.\""))
        // A second fit replaces the note instead of stacking another.
        let again = try ProfileFileUpdate.apply(to: out, profile: "car", values: ["speeds_kmh.road.trunk": 70]) { _, old in
            "Fitted again (was \(ProfileFileUpdate.format(old)))."
        }
        #expect(again.contains("\"speeds_kmh.road.trunk\": \"Fitted again (was 71.256). 80: car limit.\""))
    }

    @Test func anUnknownProfileOrPathIsRefusedByName() {
        #expect(throws: ProfileFileUpdate.Failure.self) { try ProfileFileUpdate.apply(to: Self.text, profile: "bus", values: ["speeds_kmh.urban": 1]) { _, _ in "" } }
        #expect(throws: ProfileFileUpdate.Failure.self) { try ProfileFileUpdate.apply(to: Self.text, profile: "car", values: ["ferry.wait_hours": 1]) { _, _ in "" } }
    }
}
