import Foundation
import GeoCore

/// Compares the data set with reference layers (Natural Earth, clipped to the region): each
/// city, port and airport against the reference point of the same name, and each road link
/// against the nearest reference road.
///
/// A place farther than ``placeToleranceKm`` from its reference point is an error unless
/// GeoData/README.md explains it (its id in backticks under a heading that mentions Natural
/// Earth); then it is a note.
public struct ReferenceComparison {
    /// Tolerance for a place against its reference point, in km.
    public var placeToleranceKm = 10.0
    /// A road link whose median vertex distance to the nearest reference road exceeds this, in
    /// km, is reported (a warning: the reference lacks many roads).
    public var roadMedianToleranceKm = 5.0

    /// The default tolerances.
    public init() {}

    /// One place matched to a reference point.
    public struct PlaceMatch: Sendable {
        /// The place of the data set.
        public var place: PlaceID
        /// The name of the reference point it was matched to.
        public var referenceName: String
        /// The geodesic distance between the two, km.
        public var distanceKm: Double
    }

    /// What the comparison found: the findings and the matches they were made from.
    public struct Report: Sendable {
        /// Places too far from their reference point, and road links far from any reference road.
        public var findings: [Finding]
        /// Every place matched, with its distance, whether or not it was within tolerance.
        public var matches: [PlaceMatch]
        /// Cities, ports and airports with no reference point of the same name in their country.
        public var unmatched: [PlaceID]
    }

    /// Compares every city, port and airport with Natural Earth's point of the same name, and every
    /// road link with the nearest Natural Earth road.
    /// - Parameters:
    ///   - directory: the folder holding `ne_10m_populated_places_mekong.geojson`,
    ///     `ne_10m_ports_mekong.geojson`, `ne_10m_airports_mekong.geojson` and
    ///     `ne_10m_roads_mekong_z7tiles.geojson`.
    ///   - explained: place ids whose distance GeoData/README.md explains.
    /// - Throws: when a reference file is missing or is not GeoJSON.
    /// - Complexity: O(P·R) name comparisons for P places and R reference points, and
    ///   O(V log E) for V link vertices against E reference roads.
    public func compare(_ dataset: Dataset, referenceDirectory directory: URL, explained: Set<String>) throws -> Report {
        var findings: [Finding] = []
        let populated = try load(directory, "ne_10m_populated_places_mekong.geojson")
        let ports = try load(directory, "ne_10m_ports_mekong.geojson")
        let airports = try load(directory, "ne_10m_airports_mekong.geojson")
        var matches: [PlaceMatch] = []
        var unmatched: [PlaceID] = []
        for place in dataset.places {
            let candidates: [Feature]
            let countryKey: String
            switch place.kind {
            case .city: candidates = populated; countryKey = "adm0_a3"
            case .port: candidates = ports; countryKey = "x_adm0_a3"
            case .airport: candidates = airports; countryKey = "x_adm0_a3"
            default: continue
            }
            guard let (feature, name) = bestMatch(for: place, among: candidates, countryKey: countryKey),
                  case .point(let point)? = feature.geometry else {
                unmatched.append(place.id)
                continue
            }
            let km = try Geodesic.wgs84.distanceMetres(from: place.coordinate, to: point) / 1000
            matches.append(PlaceMatch(place: place.id, referenceName: name, distanceKm: km))
            if km > placeToleranceKm {
                let explainedHere = explained.contains(place.id.rawValue)
                findings.append(Finding(explainedHere ? .note : .error, file: "places.geojson", feature: place.id.rawValue,
                                        rule: "reference-distance",
                                        String(format: "%.1f km from Natural Earth's \"%@\" (tolerance %.0f km)%@", km, name, placeToleranceKm,
                                               explainedHere ? "; explained in GeoData/README.md" : "; fix it or explain it in GeoData/README.md")))
            }
        }
        findings += try compareRoads(dataset, directory)
        return Report(findings: findings, matches: matches, unmatched: unmatched)
    }

    private func load(_ directory: URL, _ name: String) throws -> [Feature] {
        let url = directory.appending(path: name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the reference file \(url.path) is missing"])
        }
        return try GeoJSON.decodeFeatureCollection(from: Data(contentsOf: url)).features
    }

    /// Words that name the kind of thing rather than the thing.
    private static let genericWords: Set<String> = ["port", "international", "intl", "airport", "deep", "sea", "seaport",
                                                    "terminal", "container", "new", "old", "city", "the", "of"]

    static func key(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "'", with: "").split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { NameResolver.normalise(String($0)) }.filter { !$0.isEmpty && !genericWords.contains($0) }
        return words.joined()
    }

    private func bestMatch(for place: Place, among features: [Feature], countryKey: String) -> (Feature, String)? {
        let ours = Set(([place.name] + place.aliases).map(Self.key).filter { $0.count >= 3 })
        var best: (Feature, String, Int)?
        for feature in features {
            guard feature.properties[countryKey]?.stringValue == place.country else { continue }
            let names = ["name", "nameascii", "name_en", "namealt", "abbrev", "iata_code"]
                .compactMap { feature.properties[$0]?.stringValue }
                .flatMap { $0.split(whereSeparator: { $0 == "|" || $0 == "," || $0 == ";" }).map(String.init) }
            for name in names {
                let theirs = Self.key(name)
                guard theirs.count >= 3 else { continue }
                // Exact key match scores 2; containment of a key of 5 letters or more (e.g.
                // "Wattay" in "Wattay Int'l") scores 1, so "HAN" is not found inside "Long Thanh".
                let contains = ours.contains { ($0.count >= 5 && theirs.contains($0)) || (theirs.count >= 5 && $0.contains(theirs)) }
                let score = ours.contains(theirs) ? 2 : (contains ? 1 : 0)
                if score > 0, score > (best?.2 ?? 0) {
                    best = (feature, feature.properties["name"]?.stringValue ?? name, score)
                }
            }
        }
        return best.map { ($0.0, $0.1) }
    }

    private func compareRoads(_ dataset: Dataset, _ directory: URL) throws -> [Finding] {
        let metric = try RegionalMetric()
        let roads = try load(directory, "ne_10m_roads_mekong_z7tiles.geojson").compactMap(\.geometry)
        let index = try SpatialIndex(context: metric.geos, geometries: try roads.map { try metric.project($0) })
        var findings: [Finding] = []
        for link in dataset.links where link.mode == .road && link.geometry.count >= 2 {
            let projected = try metric.project(.multiPoint(link.geometry)).coordinates
            var distances: [Double] = []
            for vertex in projected {
                if let hit = try index.nearest(to: .point(vertex)) { distances.append(hit.distance / 1000) }
            }
            guard !distances.isEmpty else { continue }
            distances.sort()
            let median = distances[distances.count / 2], maximum = distances.last!
            if median > roadMedianToleranceKm {
                findings.append(Finding(.warning, file: "links.geojson", feature: link.id.rawValue, rule: "reference-road-distance",
                                        String(format: "vertices lie a median %.1f km (max %.1f km) from the nearest Natural Earth road; check the alignment (the reference lacks many roads)", median, maximum)))
            }
        }
        return findings
    }

    /// Place ids that GeoData/README.md explains: ids in backticks in a section whose heading
    /// mentions Natural Earth.
    public static func explainedIDs(readme: String) -> Set<String> {
        var out: Set<String> = []
        var inSection = false
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { inSection = line.localizedCaseInsensitiveContains("natural earth") }
            guard inSection else { continue }
            for (i, part) in line.split(separator: "`", omittingEmptySubsequences: false).enumerated() where i % 2 == 1 {
                out.insert(String(part))
            }
        }
        return out
    }
}
