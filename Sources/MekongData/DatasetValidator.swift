import Foundation
import GeoCore

/// Every rule the data must keep beyond its schema: valid geometry, link ends on their places,
/// declared lengths against geodesic lengths, years in order, border links, river crossings,
/// corridors connected, coordinates inside the region.
public struct DatasetValidator {
    /// Tolerances, with the reasons behind them.
    public struct Tolerances: Sendable {
        /// A link's end may be this far from its place, in km (coordinates carry 5 decimals ≈ 1 m,
        /// so anything more is a link drawn to the wrong place).
        public var linkEndKm = 0.5
        /// Declared length against geodesic length: the line may not be longer than the road by
        /// more than 10 %, and a road up to 10 % longer than its line passes silently.
        public var lengthRatio = 0.10
        /// A published length may exceed a simplified line by up to this factor (mountain roads
        /// drawn town to town miss their hairpins: Myitta – Htee Khee is 101 km on a 59 km line);
        /// beyond it the line or the figure is wrong.
        public var maximumLengthStretch = 2.0
        /// A road line longer than this (km) that runs within 2 % of the straight line between its
        /// ends, and declares no length, is probably a chord and not the road.
        public var chordWarningKm = 40.0
        /// Turns sharper than this, in degrees, several in a row, look like an invented zigzag.
        public var zigzagTurnDegrees = 100.0
        /// The default tolerances; each property's comment gives its reason.
        public init() {}
    }

    /// The tolerances the rules use; change them to test a rule's edges.
    public var tolerances = Tolerances()
    /// The year whose network must connect every corridor's waypoints.
    public var year: Int

    /// A validator whose corridor check uses the network of `year` (by default this year).
    public init(year: Int = Scenario.currentYear) { self.year = year }

    /// All findings for `dataset`, sorted by file and feature.
    /// - Complexity: O(L·R) prepared intersection tests for L links and R rivers, plus O(n) for the rest.
    public func validate(_ dataset: Dataset) throws(GeoCoreError) -> [Finding] {
        var findings: [Finding] = []
        let geos = try GEOSContext()
        checkPlaces(dataset, &findings)
        try checkLinks(dataset, geos, &findings)
        try checkRiverCrossings(dataset, geos, &findings)
        checkCorridors(dataset, &findings)
        checkProjects(dataset, &findings)
        return findings
    }

    private func checkPlaces(_ d: Dataset, _ findings: inout [Finding]) {
        let used = Set(d.links.flatMap { [$0.from, $0.to] })
        for place in d.places {
            func f(_ s: Finding.Severity, _ rule: String, _ m: String) {
                findings.append(Finding(s, file: "places.geojson", feature: place.id.rawValue, rule: rule, m))
            }
            if !Region.contains(place.coordinate) {
                f(.error, "outside-region", "coordinate \(place.coordinate) is outside the region (lon 92…110, lat 5…29); is the order [longitude, latitude]?")
            }
            if let o = place.period.opened, let c = place.period.closed, o >= c {
                f(.error, "years-out-of-order", "opened \(o) is not before closed \(c)")
            }
            if place.kind == .city && place.population == nil {
                f(.warning, "missing-population", "a city without a population figure counts for nothing in population-weighted results")
            }
            if !used.contains(place.id) {
                f(.warning, "isolated-place", "no link starts or ends here, so no route can reach it")
            }
        }
    }

    private func checkLinks(_ d: Dataset, _ geos: GEOSContext, _ findings: inout [Finding]) throws(GeoCoreError) {
        let retiring = Dictionary(grouping: d.links.filter { $0.project != nil }, by: { $0.project! })
        for link in d.links {
            func f(_ s: Finding.Severity, _ rule: String, _ m: String) {
                findings.append(Finding(s, file: "links.geojson", feature: link.id.rawValue, rule: rule, m))
            }
            guard let first = link.geometry.first, let last = link.geometry.last, link.geometry.count >= 2 else {
                f(.error, "wrong-geometry", "a link needs at least 2 positions")
                continue
            }
            let line = Geometry.lineString(link.geometry)
            if let outside = link.geometry.first(where: { !Region.contains($0) }) {
                f(.error, "outside-region", "vertex \(outside) is outside the region (lon 92…110, lat 5…29)")
                continue
            }
            if link.from == link.to { f(.error, "loop-link", "starts and ends at the same place \"\(link.from)\"") }
            if !(try geos.isSimple(line)) {
                f(.error, "self-intersecting", "the line crosses itself\(Self.selfCrossing(link.geometry).map { " near \($0)" } ?? "")")
            }
            for (end, id, coordinate) in [("start", link.from, first), ("end", link.to, last)] {
                guard let place = d.place(id) else { continue }
                let km = try Geodesic.wgs84.distanceMetres(from: coordinate, to: place.coordinate) / 1000
                if km > tolerances.linkEndKm {
                    f(.error, "end-off-place", "its \(end) is \(String(format: "%.1f", km)) km from its place \"\(id)\" (allowed \(tolerances.linkEndKm) km)")
                }
            }
            let geodesic = link.geodesicLengthKm
            if let declared = link.declaredLengthKm {
                let stretch = declared / geodesic
                if stretch < 1 - tolerances.lengthRatio || stretch > tolerances.maximumLengthStretch {
                    f(.error, "length-mismatch", String(format: "declared length %.1f km but the geometry is %.1f km (declared/line %.2f; allowed %.2f–%.2f)",
                                                         declared, geodesic, stretch, 1 - tolerances.lengthRatio, tolerances.maximumLengthStretch))
                } else if stretch > 1 + tolerances.lengthRatio {
                    f(.warning, "straighter-than-road", String(format: "the line (%.1f km) is %.0f %% shorter than the published %.1f km: redraw it along the road",
                                                               geodesic, (1 - geodesic / declared) * 100, declared))
                }
            } else if link.mode == .road, geodesic > tolerances.chordWarningKm, let first = link.geometry.first, let last = link.geometry.last,
                      let chord = try? Geodesic.wgs84.distanceMetres(from: first, to: last) / 1000, geodesic < chord * 1.02 {
                f(.warning, "straight-chord", String(format: "a %.0f km road drawn within 2 %% of a straight line and no published length_km: the road is probably longer", geodesic))
            }
            if let o = link.period.opened, let c = link.period.closed, o >= c {
                f(.error, "years-out-of-order", "opened \(o) is not before closed \(c)")
            }
            if let retiredBy = link.retiredBy {
                if link.period.closed == nil {
                    f(.error, "retired-without-closed", "retired by \"\(retiredBy)\" but has no \"closed\" year, so it would stay in service beside its replacement")
                } else if let replacementYears = retiring[retiredBy]?.compactMap(\.period.opened), !replacementYears.isEmpty,
                          !replacementYears.contains(link.period.closed!) {
                    f(.warning, "retirement-year", "closed \(link.period.closed!) but \"\(retiredBy)\" opened its features in \(Set(replacementYears).sorted().map(String.init).joined(separator: ", "))")
                }
            }
            if let a = d.place(link.from), let b = d.place(link.to) {
                if a.country != b.country && !link.crossesBorder && link.mode != .sea {
                    f(.error, "border-without-crossing", "joins \(a.country) and \(b.country) but has no \"border\" crossing delays")
                }
                if a.country == b.country && link.crossesBorder {
                    f(.warning, "border-inside-country", "has \"border\" delays but both ends are in \(a.country)")
                }
            }
            if link.mode == .road && link.surface == nil { f(.warning, "missing-field", "a road without \"surface\" (paved assumed)") }
            if link.mode == .road && link.condition == nil { f(.warning, "missing-field", "a road without \"condition\" (good assumed)") }
            let zigzags = sharpTurns(link.geometry)
            if zigzags >= 3 {
                f(.warning, "zigzag", "\(zigzags) turns sharper than \(Int(tolerances.zigzagTurnDegrees))°: a road does not double back like this; redraw it along the real road")
            }
        }
    }

    /// Where a line that GEOS found not simple crosses itself: a sweep over its segments sorted
    /// by west edge, testing only segments whose longitudes overlap, so an 8,000-vertex line is
    /// located in milliseconds instead of the 30 s that testing every pair with GEOS took.
    /// - Complexity: O(n log n + k) for n segments and k pairs whose longitudes overlap.
    static func selfCrossing(_ line: [Coordinate]) -> Coordinate? {
        guard line.count >= 4 else { return nil }
        let order = (0..<(line.count - 1)).sorted { min(line[$0].longitude, line[$0 + 1].longitude) < min(line[$1].longitude, line[$1 + 1].longitude) }
        for (k, i) in order.enumerated() {
            let (a, b) = (line[i], line[i + 1])
            let east = max(a.longitude, b.longitude)
            for j in order[(k + 1)...] {
                let (c, d) = (line[j], line[j + 1])
                if min(c.longitude, d.longitude) > east { break }
                // Neighbouring segments share a vertex; that is not a crossing.
                if abs(i - j) < 2 { continue }
                if let x = intersection(a, b, c, d) { return x }
            }
        }
        return nil
    }

    /// The point where segments a–b and c–d meet, in the plane of longitude and latitude (enough
    /// to say where a line crosses itself), nil when they do not.
    static func intersection(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Coordinate? {
        let r = (x: b.longitude - a.longitude, y: b.latitude - a.latitude)
        let s = (x: d.longitude - c.longitude, y: d.latitude - c.latitude)
        let denominator = r.x * s.y - r.y * s.x
        let q = (x: c.longitude - a.longitude, y: c.latitude - a.latitude)
        if denominator == 0 {
            // Parallel: they meet only when collinear and overlapping; report the first shared point.
            guard q.x * r.y - q.y * r.x == 0 else { return nil }
            for p in [c, d] where min(a.longitude, b.longitude) <= p.longitude && p.longitude <= max(a.longitude, b.longitude)
                && min(a.latitude, b.latitude) <= p.latitude && p.latitude <= max(a.latitude, b.latitude) { return p }
            return nil
        }
        let t = (q.x * s.y - q.y * s.x) / denominator, u = (q.x * r.y - q.y * r.x) / denominator
        guard (0...1).contains(t), (0...1).contains(u) else { return nil }
        return Coordinate(longitude: a.longitude + t * r.x, latitude: a.latitude + t * r.y)
    }

    /// Number of vertices where the line turns by more than the zigzag threshold.
    private func sharpTurns(_ line: [Coordinate]) -> Int {
        guard line.count >= 3 else { return 0 }
        var count = 0
        for i in 1..<(line.count - 1) {
            guard let a = try? Geodesic.wgs84.inverse(from: line[i - 1], to: line[i]),
                  let b = try? Geodesic.wgs84.inverse(from: line[i], to: line[i + 1]),
                  a.distanceMetres > 1, b.distanceMetres > 1 else { continue }
            var turn = abs(b.initialAzimuthDegrees - a.finalAzimuthDegrees)
            if turn > 180 { turn = 360 - turn }
            if turn > tolerances.zigzagTurnDegrees { count += 1 }
        }
        return count
    }

    private func checkRiverCrossings(_ d: Dataset, _ geos: GEOSContext, _ findings: inout [Finding]) throws(GeoCoreError) {
        for river in d.rivers {
            if let reason = try geos.validityReason(river.geometry) {
                findings.append(Finding(.error, file: "rivers.geojson", feature: river.id.rawValue, rule: "invalid-geometry", reason))
            }
            let prepared = try geos.prepare(river.geometry)
            for link in d.links where link.mode == .road || link.mode == .rail {
                guard !link.isBridge else { continue }
                let line = Geometry.lineString(link.geometry)
                guard try prepared.intersects(line) else { continue }
                let at = try geos.intersection(line, river.geometry).coordinates.first
                findings.append(Finding(.error, file: "links.geojson", feature: link.id.rawValue, rule: "river-crossing",
                                        "crosses the \(river.name)\(at.map { String(format: " at (%.4f, %.4f)", $0.longitude, $0.latitude) } ?? "") but is neither a bridge nor a ferry; split it at the banks and add the bridge or ferry"))
            }
        }
    }

    private func checkCorridors(_ d: Dataset, _ findings: inout [Finding]) {
        for corridor in d.corridors {
            let scenario = Scenario(year: year, with: Set(corridor.requires))
            var connectivity = Connectivity(places: scenario.places(of: d), links: scenario.links(of: d))
            for (a, b) in zip(corridor.waypoints, corridor.waypoints.dropFirst()) {
                guard d.place(a) != nil, d.place(b) != nil else { continue }
                if !connectivity.connected(a, b) {
                    findings.append(Finding(.error, file: "corridors.json", feature: corridor.id.rawValue, rule: "corridor-break",
                                            "waypoints \"\(a)\" and \"\(b)\" are not connected in the \(year) network\(corridor.requires.isEmpty ? "" : " with " + corridor.requires.map(\.rawValue).joined(separator: ", "))"))
                }
            }
        }
    }

    private func checkProjects(_ d: Dataset, _ findings: inout [Finding]) {
        for project in d.projects {
            func f(_ s: Finding.Severity, _ rule: String, _ m: String) {
                findings.append(Finding(s, file: "projects.json", feature: project.id.rawValue, rule: rule, m))
            }
            let built = d.links.filter { $0.project == project.id }
            if project.status == .completed, let year = project.completed {
                for link in built where link.retiredBy == nil {
                    if let opened = link.period.opened, opened > year {
                        f(.warning, "project-year", "completed in \(year) but its link \"\(link.id)\" opens in \(opened)")
                    }
                }
            }
            if [.completed, .underConstruction].contains(project.status) {
                for link in built where link.period.opened == nil {
                    f(.warning, "project-without-year", "its link \"\(link.id)\" has no \"opened\" year: if \(project.id) upgraded an existing road, model the old road as its own feature retired by the project, else give the year")
                }
            }
            if [.planned, .stalled, .underConstruction].contains(project.status) {
                for link in built where link.period.opened == nil {
                    f(.note, "unbuilt-without-year", "is \(project.status.rawValue) with no expected year: its link \"\(link.id)\" is in service only with --with \(project.id)")
                }
            }
        }
    }
}
