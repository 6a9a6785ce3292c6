import Foundation
import GeoCore

/// A scenario written down: the year, projects with and without, and edits to the network.
///
///     {"year": 2016, "with": ["vn-dai-ngai-bridge"], "without": [],
///      "edits": [{"remove_link": "neak-loeung-bridge"},
///                {"change_link": "nr12-thakhek-gnommalat", "set": {"condition": "good"}},
///                {"border_delay": "third-thai-lao-friendship-bridge", "truck": 1.5},
///                {"add_link": {"type": "Feature", "properties": {...}, "geometry": {...}}}]}
public enum ScenarioFile {
    /// Every problem found in a scenario file, so one run reports them all.
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        /// One sentence per problem, e.g. an unknown id with the closest known ones.
        public var problems: [String]
        /// The problems, joined by "; ".
        public var description: String { problems.joined(separator: "; ") }
    }

    /// Reads the file and applies its edits to a copy of `base`.
    /// - Parameters:
    ///   - defaults: the scenario given on the command line; the file's `with` and `without` add
    ///     to it and its `year` replaces it unless `yearGiven`.
    /// - Throws: ``Error`` listing every problem (unknown ids with the closest ones, bad values);
    ///   Foundation's error when the file cannot be read.
    public static func load(from url: URL, base: Dataset, defaults: Scenario, yearGiven: Bool) throws -> (scenario: Scenario, dataset: Dataset) {
        try apply(Data(contentsOf: url), base: base, defaults: defaults, yearGiven: yearGiven)
    }

    /// Reads a scenario from the bytes of its JSON (a file's, or a request body's) and applies its
    /// edits to a copy of `base`, as ``load(from:base:defaults:yearGiven:)`` does.
    /// - Throws: ``Error`` listing every problem.
    public static func apply(_ data: Data, base: Dataset, defaults: Scenario, yearGiven: Bool) throws(Error) -> (scenario: Scenario, dataset: Dataset) {
        let value: JSONValue
        do { value = try JSONValue.parse(data) } catch { throw Error(problems: ["\(error)"]) }
        guard let object = value.objectValue else { throw Error(problems: ["a scenario file is a JSON object"]) }
        var problems: [String] = []
        let known: Set<String> = ["year", "with", "without", "edits", "name", "description"]
        for key in object.keys.sorted() where !known.contains(key) {
            problems.append("unknown member \"\(key)\"\(Suggestions.hint(for: key, among: Array(known)))")
        }
        var scenario = defaults
        if let year = object["year"] {
            if let y = year.intValue, Scenario.years.contains(y) { if !yearGiven { scenario.year = y } } else {
                problems.append("\"year\" must be a year \(Scenario.years.lowerBound)–\(Scenario.years.upperBound)")
            }
        }
        func projects(_ key: String) -> Set<ProjectID> {
            guard let list = object[key] else { return [] }
            guard let ids = list.arrayValue?.compactMap(\.stringValue), ids.count == list.arrayValue?.count else {
                problems.append("\"\(key)\" must be an array of project ids"); return []
            }
            return Set(ids.map(ProjectID.init))
        }
        scenario.with.formUnion(projects("with"))
        scenario.without.formUnion(projects("without"))
        for (id, suggestions) in scenario.unknownProjects(in: base) {
            problems.append("unknown project \"\(id)\"; closest: \(suggestions.joined(separator: ", "))")
        }
        if let p = scenario.conflicts.first { problems.append("project \"\(p)\" is both with and without") }

        var links = base.links
        let allIDs = base.links.map(\.id.rawValue)
        func index(of id: String, in edit: Int) -> Int? {
            if let i = links.firstIndex(where: { $0.id.rawValue == id }) { return i }
            problems.append("edits[\(edit)]: unknown link \"\(id)\"; closest: \(Suggestions.closest(to: id, among: allIDs).joined(separator: ", "))")
            return nil
        }
        for (n, edit) in (object["edits"]?.arrayValue ?? []).enumerated() {
            guard let e = edit.objectValue else { problems.append("edits[\(n)] must be an object"); continue }
            if let id = e["remove_link"]?.stringValue {
                if let i = index(of: id, in: n) { links.remove(at: i) }
            } else if let feature = e["add_link"] {
                do {
                    let f = try GeoJSON.feature(from: feature, path: "edits[\(n)].add_link")
                    var reader = RecordReader(f.properties, file: "scenario", feature: "edits[\(n)]")
                    if let link = DatasetReader.parseLink(f, &reader), !reader.findings.contains(where: { $0.severity == .error }) {
                        if links.contains(where: { $0.id == link.id }) { problems.append("edits[\(n)]: link \"\(link.id)\" already exists") }
                        problems += Self.endProblems(of: link, in: base).map { "edits[\(n)]: \($0)" }
                        links.append(link)
                    }
                    // A scenario's new link is held to the data's rules: a misspelt member is an
                    // error here, not a warning, since nothing else would read it.
                    reader.reportUnknownKeys()
                    problems += reader.findings.map { "edits[\(n)]: \($0.message)" }
                } catch {
                    problems.append("\(error)")
                }
            } else if let id = e["change_link"]?.stringValue {
                guard let i = index(of: id, in: n) else { continue }
                guard let set = e["set"]?.objectValue else { problems.append("edits[\(n)]: change_link needs a \"set\" object"); continue }
                var properties = FeatureEncoding.properties(of: links[i])
                for (k, v) in set { properties[k] = v }
                var reader = RecordReader(properties, file: "scenario", feature: "edits[\(n)]")
                if let link = DatasetReader.parseLink(Feature(geometry: .lineString(links[i].geometry), properties: properties), &reader) {
                    links[i] = link
                }
                reader.reportUnknownKeys()
                problems += reader.findings.map { "edits[\(n)]: \($0.message)" }
            } else if let id = e["border_delay"]?.stringValue {
                guard let i = index(of: id, in: n) else { continue }
                var delays = links[i].borderDelayHours ?? [:]
                for (k, v) in e where k != "border_delay" {
                    guard let hours = v.numberValue, ProfileBounds.hours.contains(hours) else {
                        problems.append("edits[\(n)]: \"\(k)\" must be a number of hours from \(ProfileBounds.text(ProfileBounds.hours))"); continue
                    }
                    guard base.profile(ProfileID(k)) != nil else { problems.append("edits[\(n)]: unknown profile \"\(k)\""); continue }
                    delays[ProfileID(k)] = hours
                }
                links[i].borderDelayHours = delays
            } else {
                problems.append("edits[\(n)]: expected one of remove_link, add_link, change_link, border_delay")
            }
        }
        let dataset = Dataset(places: base.places, links: links, rivers: base.rivers, corridors: base.corridors,
                              projects: base.projects, profiles: base.profiles, source: base.source,
                              observations: base.observations)
        problems += ReferenceChecks.check(dataset).filter { $0.severity == .error && $0.file == "links.geojson" }.map(\.message)
        if !problems.isEmpty { throw Error(problems: problems) }
        return (scenario, dataset)
    }

    /// A new link must start and end on its places, as every link of the data does
    /// (`DatasetValidator`'s 0.5 km), and name places that exist.
    static func endProblems(of link: Link, in dataset: Dataset) -> [String] {
        var problems: [String] = []
        for (end, id, coordinate) in [("start", link.from, link.geometry.first), ("end", link.to, link.geometry.last)] {
            guard let place = dataset.place(id) else {
                problems.append("\"\(end == "start" ? "from" : "to")\" names the place \"\(id)\", which does not exist\(Suggestions.hint(for: id.rawValue, among: dataset.places.map(\.id.rawValue)))")
                continue
            }
            guard let coordinate, let metres = try? Geodesic.wgs84.distanceMetres(from: coordinate, to: place.coordinate) else { continue }
            let tolerance = DatasetValidator.Tolerances().linkEndKm
            if metres / 1000 > tolerance {
                problems.append(String(format: "the line's %@ is %.1f km from its place \"%@\" (allowed %g km)", end, metres / 1000, id.rawValue, tolerance))
            }
        }
        return problems
    }
}
