import GeoCore

/// Checks across files that loading needs: unique ids, references that resolve, and a way to
/// measure every link.
enum ReferenceChecks {
    /// - Complexity: O(n) in the number of features.
    static func check(_ d: Dataset) -> [Finding] {
        var findings: [Finding] = []
        func duplicates<ID: Hashable & CustomStringConvertible>(_ ids: [ID], file: String) {
            var seen: Set<ID> = []
            for id in ids where !seen.insert(id).inserted {
                findings.append(Finding(.error, file: file, feature: id.description, rule: "duplicate-id", "the id \"\(id)\" is used more than once"))
            }
        }
        duplicates(d.places.map(\.id), file: "places.geojson")
        duplicates(d.links.map(\.id), file: "links.geojson")
        duplicates(d.rivers.map(\.id), file: "rivers.geojson")
        duplicates(d.corridors.map(\.id), file: "corridors.json")
        duplicates(d.projects.map(\.id), file: "projects.json")
        duplicates(d.profiles.map(\.id), file: "profiles.json")
        duplicates(d.observations.map(\.id), file: "observations.json")
        // Places and links share one namespace on the command line (--via X takes either).
        let placeIDs = Set(d.places.map(\.id.rawValue))
        for link in d.links where placeIDs.contains(link.id.rawValue) {
            findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "duplicate-id",
                                    "the id \"\(link.id)\" is also a place id; --via and --avoid could not tell them apart"))
        }

        let placeNames = d.places.map(\.id.rawValue)
        let projectNames = d.projects.map(\.id.rawValue)
        func missingPlace(_ id: PlaceID, file: String, feature: String, field: String) {
            guard d.place(id) == nil else { return }
            findings.append(Finding(.error, file: file, feature: feature, rule: "dangling-reference",
                                    "\"\(field)\" names the place \"\(id)\", which does not exist\(Suggestions.hint(for: id.rawValue, among: placeNames))"))
        }
        func missingProject(_ id: ProjectID?, file: String, feature: String, field: String) {
            guard let id, d.project(id) == nil else { return }
            findings.append(Finding(.error, file: file, feature: feature, rule: "dangling-reference",
                                    "\"\(field)\" names the project \"\(id)\", which is not in projects.json\(Suggestions.hint(for: id.rawValue, among: projectNames))"))
        }
        for place in d.places {
            missingProject(place.project, file: "places.geojson", feature: place.id.rawValue, field: "project")
        }
        let profileIDs = Set(d.profiles.map(\.id))
        for link in d.links {
            missingPlace(link.from, file: "links.geojson", feature: link.id.rawValue, field: "from")
            missingPlace(link.to, file: "links.geojson", feature: link.id.rawValue, field: "to")
            missingProject(link.project, file: "links.geojson", feature: link.id.rawValue, field: "project")
            missingProject(link.retiredBy, file: "links.geojson", feature: link.id.rawValue, field: "retired_by")
            for profile in (link.borderDelayHours ?? [:]).keys.sorted() where !profileIDs.isEmpty && !profileIDs.contains(profile) {
                findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "dangling-reference",
                                        "border delay for profile \"\(profile)\", which is not in profiles.json"))
            }
            for (i, regime) in link.regimes.enumerated() {
                let named = (regime.openTo ?? []).union(regime.delayHours.keys)
                for profile in named.sorted() where !profileIDs.isEmpty && !profileIDs.contains(profile) {
                    findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "dangling-reference",
                                            "regimes[\(i)] names the profile \"\(profile)\", which is not in profiles.json"))
                }
                // Regimes follow each other: each starts on or after the end of the one before.
                if i > 0, let end = link.regimes[i - 1].until, regime.from < end {
                    findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "overlapping-regimes",
                                            "regimes[\(i)] starts on \(regime.from), before regimes[\(i - 1)] ends on \(end)"))
                } else if i > 0, link.regimes[i - 1].until == nil {
                    findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "overlapping-regimes",
                                            "regimes[\(i - 1)] has no \"until\" but regimes[\(i)] follows it; give it the day regimes[\(i)] begins"))
                } else if i > 0, regime.from < link.regimes[i - 1].from {
                    findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "overlapping-regimes",
                                            "regimes[\(i)] is not in time order"))
                }
            }
        }
        for corridor in d.corridors {
            for waypoint in corridor.waypoints {
                missingPlace(waypoint, file: "corridors.json", feature: corridor.id.rawValue, field: "waypoints")
            }
            if corridor.waypoints.isEmpty && !d.corridors.contains(where: { $0.parent == corridor.id }) {
                findings.append(Finding(.error, file: "corridors.json", feature: corridor.id.rawValue, rule: "empty-corridor",
                                        "has no waypoints and no routes naming it as their parent"))
            }
            for project in corridor.requires {
                missingProject(project, file: "corridors.json", feature: corridor.id.rawValue, field: "requires")
            }
            if let parent = corridor.parent, d.corridor(parent) == nil {
                findings.append(Finding(.error, file: "corridors.json", feature: corridor.id.rawValue, rule: "dangling-reference",
                                        "\"parent\" names the corridor \"\(parent)\", which does not exist"))
            }
        }
        let linkNames = d.links.map(\.id.rawValue)
        let profileNames = d.profiles.map(\.id.rawValue).sorted()
        for observation in d.observations {
            let file = "observations.json", feature = observation.id.rawValue
            missingPlace(observation.from, file: file, feature: feature, field: "from")
            missingPlace(observation.to, file: file, feature: feature, field: "to")
            for via in observation.via where d.place(PlaceID(via)) == nil && d.link(LinkID(via)) == nil {
                findings.append(Finding(.error, file: file, feature: feature, rule: "dangling-reference",
                                        "\"via\" names \"\(via)\", which is neither a place nor a link\(Suggestions.hint(for: via, among: placeNames + linkNames))"))
            }
            if !profileIDs.isEmpty && !profileIDs.contains(observation.vehicle) {
                findings.append(Finding(.error, file: file, feature: feature, rule: "dangling-reference",
                                        "\"vehicle\" names the profile \"\(observation.vehicle)\", which is not in profiles.json; choose \(profileNames.joined(separator: ", "))\(Suggestions.hint(for: observation.vehicle.rawValue, among: profileNames))"))
            }
        }
        if let finding = unmeasurableLength(d) { findings.append(finding) }
        return findings
    }

    /// An error when some link's line is not the embedded data's, so that PROJ must measure it,
    /// and PROJ cannot be loaded: its length would be NaN km, which no search ever takes, and
    /// routes would go round the link without a word. Embedded lines need no PROJ.
    /// - Complexity: O(n) in the links' points.
    static func unmeasurableLength(_ d: Dataset) -> Finding? {
        guard let link = d.links.first(where: { Link.embeddedGeodesicLength(of: $0.id, geometry: $0.geometry) == nil }) else { return nil }
        do {
            try Geodesic.wgs84.checkLoaded()
            return nil
        } catch {
            return Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "unmeasurable-length",
                           "the line is not the embedded data's, so PROJ must measure its length, and \(error)")
        }
    }
}
