import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

/// The data endpoints: each reads its parameters, asks the libraries and renders a report.
extension MekongAPI {
    /// The parameters of a scenario, shared by every endpoint that builds a network.
    static let scenarioParameters = ["year", "with", "without", "profile", "no_permit", "format"]

    /// The content type of each format.
    static func contentType(_ format: OutputFormat) -> String {
        switch format {
        case .json: "application/json; charset=utf-8"
        case .geojson: "application/geo+json; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .table: "text/plain; charset=utf-8"
        }
    }

    /// `report` in the `format` asked for (JSON by default), or a 400 naming the formats it has;
    /// 503 past the request's deadline, when the report may be incomplete.
    func render(_ report: some Report, _ p: Parameters) throws(APIError) -> APIResponse {
        if deadline.hasPassed { throw timeout }
        let names = report.formats.map(\.rawValue)
        let chosen = try p.choice("format", among: names) ?? (names.contains("json") ? "json" : names[0])
        let format = OutputFormat(rawValue: chosen)!
        do {
            return APIResponse(contentType: Self.contentType(format), body: Data(try report.render(format, tableWidth: nil).utf8))
        } catch {
            throw APIError(status: 500, code: "InternalError", message: error.description)
        }
    }

    // MARK: Scenario

    /// The scenario and profile of the parameters, and the network they make (the data's own,
    /// or a copy edited by a posted scenario's `edits`).
    func network(_ p: Parameters) throws(APIError) -> Network {
        var scenario = try self.scenario(p)
        var dataset = data.dataset
        if let edits = p.edits {
            do {
                let body = try JSONWriter().string(["edits": edits])
                (scenario, dataset) = try ScenarioFile.apply(Data(body.utf8), base: data.dataset, defaults: scenario, yearGiven: true)
            } catch let error as ScenarioFile.Error {
                throw APIError(status: 400, code: "InvalidValue", message: error.description, parameter: "edits")
            } catch {
                throw APIError(status: 400, code: "InvalidValue", message: "\(error)", parameter: "edits")
            }
        }
        let profile = try self.profile(p, in: dataset)
        if p.edits != nil { return Network(dataset: dataset, scenario: scenario, profile: profile) }
        return data.network(scenario, profile: profile)
    }

    /// The `profile` parameter (truck by default), with `no_permit` applied.
    func profile(_ p: Parameters, in dataset: Dataset) throws(APIError) -> Profile {
        let name = try p.string("profile") ?? "truck"
        guard var profile = dataset.profile(ProfileID(name.lowercased())) else {
            let all = dataset.profiles.map(\.id.rawValue)
            throw .invalid("profile", "unknown profile \"\(name.prefix(40))\"", suggestions: Suggestions.closest(to: name, among: all))
        }
        if try p.flag("no_permit") {
            guard profile.transloadHours != nil else {
                throw .invalid("no_permit", "no_permit is for a freight profile; \(profile.id) carries no cargo across borders",
                               suggestions: dataset.profiles.filter { $0.transloadHours != nil }.map(\.id.rawValue))
            }
            profile.holdsPermit = false
        }
        return profile
    }

    /// The names of `dataset` (with the cached index when its places are the data's own) and
    /// the `snap_km` of the parameters.
    func names(in dataset: Dataset, _ p: Parameters) throws(APIError) -> QueryNames {
        QueryNames(dataset: dataset, resolver: dataset.places.count == data.dataset.places.count ? data.names : nil,
                   snapKm: try p.double("snap_km", in: 0.001...500) ?? QueryNames.defaultSnapKm)
    }

    /// What `lookup` finds for the value of `parameter`; a name that resolves to nothing is a 400
    /// with the nearest valid choices.
    func resolve<T>(_ parameter: String, _ lookup: () throws(QueryNameError) -> T) throws(APIError) -> T {
        do { return try lookup() } catch { throw APIError(error, parameter: parameter) }
    }

    /// The scenario of `year`, `with` and `without`: unknown projects, or one given both ways, are refused.
    func scenario(_ p: Parameters) throws(APIError) -> Scenario {
        let year = try p.int("year", in: Scenario.years) ?? Scenario.currentYear
        let scenario = Scenario(year: year, with: Set(p.list("with").map { ProjectID($0.lowercased()) }),
                                without: Set(p.list("without").map { ProjectID($0.lowercased()) }))
        if let unknown = scenario.unknownProjects(in: data.dataset).first {
            let parameter = scenario.with.contains(unknown.id) ? "with" : "without"
            throw .invalid(parameter, "unknown project \"\(unknown.id.rawValue.prefix(60))\"", suggestions: unknown.suggestions)
        }
        if let both = scenario.with.intersection(scenario.without).sorted().first {
            throw .invalid("without", "project \"\(both)\" is given both with and without")
        }
        return scenario
    }

    /// The scenario's network on the plan laid onto the graph of `--network` (made by `import
    /// --plan`), as `route --network` searches it for via points, avoidances, alternatives and
    /// projects: the plan's edges switched by the scenario, the other roads costed by the profile.
    func importedPlanNetwork(_ p: Parameters) throws(APIError) -> Network {
        let imported = try importedGraph()
        if p.edits != nil {
            throw .invalid("edits", "edits work on the curated network only; add graph=curated", suggestions: ["curated"])
        }
        let scenario = try self.scenario(p)
        let profile = try self.profile(p, in: data.dataset)
        let plan: PlanGraph
        do { plan = try data.importedPlan(of: imported.graph, profile: profile) } catch {
            throw .invalid("graph", "\(imported.file): \(error); or add graph=curated", suggestions: ["curated"])
        }
        return data.importedPlanNetwork(scenario, plan: plan, profile: profile)
    }

    /// The graph of `--network`; refused when the server was started without one.
    func importedGraph() throws(APIError) -> (graph: RoutingGraph, file: String) {
        guard let imported = data.imported else {
            throw .invalid("graph", "the server was started without --network: no imported graph", suggestions: ["curated"])
        }
        return imported
    }

    /// `optimize`: time (default) or distance.
    func optimization(_ p: Parameters) throws(APIError) -> Optimization {
        try p.choice("optimize", among: ["time", "distance"]).flatMap(Optimization.init(rawValue:)) ?? .time
    }

    // MARK: Endpoints

    /// `GET /route`: the best route and alternatives (OSRM's route service, in the CLI's units).
    func route(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["from", "to", "via", "avoid", "optimize", "alternatives", "depart", "graph", "snap_km", "edits"])
        let optimization = try self.optimization(p)
        let graph = try p.choice("graph", among: ["curated", "imported"]) ?? (data.imported == nil ? "curated" : "imported")
        // Between coordinates or places with nothing of the plan asked, the imported graph's own
        // route; via points, avoidances, alternatives and projects are questions of the plan.
        let asksThePlan = ["via", "avoid", "alternatives", "with", "without"].contains { !(p.values[$0] ?? []).isEmpty } || p.edits != nil
        if graph == "imported" && !asksThePlan { return try importedRoute(p, optimization: optimization) }
        let alternatives = try p.int("alternatives", in: 0...limits.alternatives) ?? 0
        let departure = try p.string("depart").map { text throws(APIError) -> Double in
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0..<24).contains(h), (0..<60).contains(m) else {
                throw .invalid("depart", "\"\(text.prefix(20))\" is not a time of day written HH:MM", suggestions: ["08:00"])
            }
            return Double(h) + Double(m) / 60
        } ?? 8
        let via = p.list("via"), avoid = p.list("avoid")
        guard via.count <= limits.viaPoints else { throw .tooBig("via", "\(via.count) via points; at most \(limits.viaPoints)") }
        let network = graph == "imported" ? try importedPlanNetwork(p) : try self.network(p)
        let names = try self.names(in: network.dataset, p)
        let from = try p.required("from"), to = try p.required("to")
        let request = RouteRequest(from: try resolve("from") { () throws(QueryNameError) in try names.place(from).place },
                                   to: try resolve("to") { () throws(QueryNameError) in try names.place(to).place },
                                   via: try resolve("via") { () throws(QueryNameError) in try via.map { v throws(QueryNameError) in try names.waypoint(v).waypoint } },
                                   avoid: try resolve("avoid") { () throws(QueryNameError) in try avoid.map { a throws(QueryNameError) in try names.avoidance(a).avoidance } },
                                   optimization: optimization)
        let planner = RoutePlanner(network: network, deadline: deadline)
        let routes: [Route]
        do {
            routes = alternatives > 0 ? try planner.alternatives(request, count: alternatives + 1) : [try planner.route(request)]
        } catch {
            throw routeError(error)
        }
        return try render(RouteReport(network: network, request: request, routes: routes, departureHour: departure), p)
    }

    /// A route error as an API error: no route is OSRM's `NoRoute`; a point out of service or a
    /// contradiction in the request is a bad value; a search past the deadline is a timeout.
    func routeError(_ error: RouteError) -> APIError {
        switch error {
        case .unreachable: APIError(status: 400, code: "NoRoute", message: error.description)
        case .notInService, .conflict: APIError(status: 400, code: "InvalidValue", message: error.description)
        case .deadlinePassed: timeout
        }
    }

    /// An analysis error as an API error: past the deadline a timeout, else the server's fault.
    func analysisError(_ error: AnalysisError, _ what: String) -> APIError {
        switch error {
        case .deadlinePassed: timeout
        case .geometry: APIError(status: 500, code: "InternalError", message: "\(what) failed: \(error)")
        }
    }

    /// `/route` on the graph of `--network`: between two coordinates or named places, nothing of the plan asked.
    func importedRoute(_ p: Parameters, optimization: Optimization) throws(APIError) -> APIResponse {
        let imported = try importedGraph()
        let profile = try self.profile(p, in: data.dataset)
        let names = try self.names(in: data.dataset, p)
        let from = try p.required("from"), to = try p.required("to")
        let start = try resolve("from") { () throws(QueryNameError) in try names.coordinate(from) }
        let end = try resolve("to") { () throws(QueryNameError) in try names.coordinate(to) }
        let network = data.importedNetworks.value(for: "\(profile.id)|\(profile.holdsPermit)|\(optimization.rawValue)") {
            ImportedNetwork(graph: imported.graph, profile: profile, optimization: optimization)
        }
        let route: ImportedRoute
        do { route = try network.route(from: start, to: end, snapKm: names.snapKm, deadline: deadline) } catch { throw routeError(error) }
        return try render(ImportedRouteReport(route: route, file: imported.file, profile: profile.id.rawValue, optimization: optimization), p)
    }

    /// `GET /table`: travel times and distances from sources to destinations (OSRM's table).
    func table(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["sources", "destinations", "optimize", "avoid", "snap_km", "edits"])
        let optimization = try self.optimization(p)
        let sourceNames = p.list("sources")
        let destinationNames = p.list("destinations").isEmpty ? sourceNames : p.list("destinations")
        guard !sourceNames.isEmpty else { throw APIError(status: 400, code: "InvalidQuery", message: "sources is required (places separated by ;)", parameter: "sources") }
        guard sourceNames.count * destinationNames.count <= limits.matrixCells else {
            throw .tooBig("destinations", "\(sourceNames.count) × \(destinationNames.count) cells; at most \(limits.matrixCells)")
        }
        let network = try self.network(p)
        let names = try self.names(in: network.dataset, p)
        let sources = try resolve("sources") { () throws(QueryNameError) in try sourceNames.map { s throws(QueryNameError) in try names.place(s).place } }
        let destinations = try resolve("destinations") { () throws(QueryNameError) in try destinationNames.map { s throws(QueryNameError) in try names.place(s).place } }
        guard Set(sources + destinations).count <= limits.matrixPlaces else {
            throw .tooBig("sources", "\(Set(sources + destinations).count) distinct places; at most \(limits.matrixPlaces)")
        }
        let avoid = try resolve("avoid") { () throws(QueryNameError) in try p.list("avoid").map { a throws(QueryNameError) in try names.avoidance(a).avoidance } }
        return try render(MatrixReport(network: network, sources: sources, destinations: destinations, optimization: optimization, avoid: avoid,
                                       deadline: deadline), p)
    }

    /// `GET /reach`: what can be reached within each of several budgets (Valhalla's isochrone).
    func reach(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["from", "hours", "buffer_km", "avoid", "snap_km", "edits"])
        let budgetTexts = p.list("hours").flatMap { $0.split(separator: ",").map(String.init) }
        guard !budgetTexts.isEmpty else { throw APIError(status: 400, code: "InvalidQuery", message: "hours is required: one or more budgets, e.g. hours=2,4,6", parameter: "hours") }
        guard budgetTexts.count <= limits.reachBudgets else { throw .tooBig("hours", "\(budgetTexts.count) budgets; at most \(limits.reachBudgets)") }
        var budgets: [Double] = []
        for text in budgetTexts {
            let h = try Parameters.number(text, name: "hours", in: 0...limits.reachHours)
            guard h > 0 else { throw .invalid("hours", "a budget must be more than 0 hours", suggestions: ["1"]) }
            budgets.append(h)
        }
        let bufferKm = try p.double("buffer_km", in: 0.1...100) ?? 10
        let network = try self.network(p)
        let names = try self.names(in: network.dataset, p)
        let from = try p.required("from")
        let origin = try resolve("from") { () throws(QueryNameError) in try names.place(from).place }
        let avoid = try resolve("avoid") { () throws(QueryNameError) in try p.list("avoid").map { a throws(QueryNameError) in try names.avoidance(a).avoidance } }
        var reports: [ReachReport] = []
        for hours in budgets {
            do {
                let reach = try Reachability(network: network, from: origin, budgetHours: hours, avoid: avoid, deadline: deadline)
                reports.append(ReachReport(network: network, reach: reach, bufferKm: bufferKm))
            } catch { throw routeError(error) }
        }
        if budgets.count == 1, let format = try p.string("format"), format.lowercased() == "table" || format.lowercased() == "csv" {
            return try render(reports[0], p)
        }
        return try render(ReachContoursReport(contours: reports), p)
    }

    /// `GET /corridors`: every corridor routed in the scenario.
    func corridors(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["edits"])
        return try render(CorridorListReport(network: try network(p), deadline: deadline), p)
    }

    /// `GET /corridors/{id}`: one corridor's route, substandard legs and projects.
    func corridor(_ id: String, _ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["edits"])
        let network = try self.network(p)
        let dataset = network.dataset
        guard let corridor = dataset.corridor(CorridorID(id)) ?? dataset.corridor(CorridorID(id.lowercased())) else {
            throw APIError(status: 404, code: "NotFound", message: "unknown corridor \"\(id.prefix(60))\"", parameter: "id",
                           suggestions: Suggestions.closest(to: id, among: dataset.corridors.map(\.id.rawValue)))
        }
        guard !corridor.waypoints.isEmpty else {
            throw APIError(status: 400, code: "InvalidValue", message: "\(corridor.id) is made of routes; ask for one of them", parameter: "id",
                           suggestions: dataset.corridors.filter { $0.parent == corridor.id }.map(\.id.rawValue))
        }
        do {
            return try render(CorridorReport(network: network, routed: try CorridorRoute(corridor: corridor, network: network, deadline: deadline)), p)
        } catch let error as APIError { throw error } catch let error as RouteError { throw routeError(error) } catch {
            throw APIError(status: 500, code: "InternalError", message: "\(error)")
        }
    }

    /// The gap kinds of `kind`, all when absent.
    func gapKinds(_ p: Parameters) throws(APIError) -> Set<GapKind> {
        let all = GapKind.allCases.map(\.rawValue)
        var kinds: Set<GapKind> = []
        for text in p.list("kind").flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let kind = GapKind(rawValue: text.lowercased()) else {
                throw .invalid("kind", "unknown gap kind \"\(text.prefix(40))\"", suggestions: Suggestions.closest(to: text, among: all))
            }
            kinds.insert(kind)
        }
        return kinds.isEmpty ? Set(GapKind.allCases) : kinds
    }

    /// All gaps of `network`, cached for the data's own scenarios (an analysis cut off by the
    /// deadline throws, so it is never cached).
    func gapReport(_ network: Network, edited: Bool) throws(APIError) -> GapAnalysis.Report {
        let key = ServerData.NetworkKey(scenario: network.scenario, profile: network.costModel.profile.id, holdsPermit: network.costModel.profile.holdsPermit)
        let deadline = self.deadline
        do {
            if edited { return try GapAnalysis().run(network, deadline: deadline) }
            return try data.gaps.value(for: key) { () throws(AnalysisError) -> GapAnalysis.Report in try GapAnalysis().run(network, deadline: deadline) }
        } catch {
            throw analysisError(error, "gap analysis")
        }
    }

    /// `GET /gaps`: the gaps of the scenario.
    func gaps(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["kind", "edits"])
        let kinds = try gapKinds(p)
        let network = try self.network(p)
        let gaps = try gapReport(network, edited: p.edits != nil).gaps.filter { kinds.contains($0.kind) }
        return try render(GapsReport(gaps: gaps, scenario: network.scenario, profile: network.costModel.profile.id), p)
    }

    /// `GET /gaps/compare`: the gaps closed, opened and remaining between two scenarios.
    func gapComparison(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["against_year", "against_with", "against_without"])
        let network = try self.network(p)
        var other = network.scenario
        if let year = try p.int("against_year", in: Scenario.years) { other.year = year }
        other.with.formUnion(p.list("against_with").map { ProjectID($0.lowercased()) })
        other.without.formUnion(p.list("against_without").map { ProjectID($0.lowercased()) })
        if let unknown = other.unknownProjects(in: network.dataset).first {
            throw .invalid(other.with.contains(unknown.id) ? "against_with" : "against_without", "unknown project \"\(unknown.id.rawValue.prefix(60))\"",
                           suggestions: unknown.suggestions)
        }
        let otherNetwork = data.network(other, profile: network.costModel.profile)
        let change = GapComparison(before: try gapReport(network, edited: false), beforeNetwork: network,
                                   after: try gapReport(otherNetwork, edited: false), afterNetwork: otherNetwork)
        return try render(GapComparisonReport(change: change, before: network.scenario, after: other), p)
    }

    /// `GET /projects`: every project.
    func projects(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: ["format"])
        return try render(ProjectListReport(dataset: data.dataset), p)
    }

    /// `GET /projects/{id}`: one project.
    func project(_ id: String, _ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: ["format"])
        guard let project = data.dataset.project(ProjectID(id)) ?? data.dataset.project(ProjectID(id.lowercased())) else {
            throw APIError(status: 404, code: "NotFound", message: "unknown project \"\(id.prefix(60))\"", parameter: "id",
                           suggestions: Suggestions.closest(to: id, among: data.dataset.projects.map(\.id.rawValue)))
        }
        return try render(ProjectReport(dataset: data.dataset, project: project), p)
    }

    /// `GET /projects/assessment`: every project with and without it on a base year, ranked.
    func assessment(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: ["base_year", "profile", "format"])
        let baseYear = try p.int("base_year", in: Scenario.years) ?? 2012
        let profile = try self.profile(p, in: data.dataset)
        let assessment: ProjectAssessment
        let deadline = self.deadline
        do {
            assessment = try data.assessments.value(for: "\(baseYear)|\(profile.id)") { () throws(AnalysisError) -> ProjectAssessment in
                try ProjectAssessment(dataset: data.dataset, profile: profile, baseYear: baseYear, deadline: deadline)
            }
        } catch { throw analysisError(error, "assessment") }
        return try render(AssessmentReport(assessment: assessment, dataset: data.dataset, profile: profile.id.rawValue,
                                           seaportHours: GapThresholds().seaportHours), p)
    }

    /// `GET /places`: search by name, kind, country, year and distance from a point.
    func places(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: ["q", "kind", "country", "near", "within_km", "year", "limit", "format"])
        let dataset = data.dataset
        var places = dataset.places
        if let year = try p.int("year", in: Scenario.years) {
            let scenario = Scenario(year: year)
            places = places.filter { scenario.isInService($0, in: dataset) }
        }
        if let query = try p.string("q"), !query.isEmpty {
            let hits = Set(data.names.search(query))
            places = places.filter { hits.contains($0.id) }
        }
        if let kind = try p.choice("kind", among: PlaceKind.allCases.map(\.rawValue)) { places = places.filter { $0.kind.rawValue == kind } }
        if let country = try p.string("country") {
            let iso = country.uppercased()
            guard Countries.all.contains(iso) else {
                throw .invalid("country", "unknown country \"\(country.prefix(20))\"", suggestions: Suggestions.closest(to: iso, among: Countries.all.sorted()))
            }
            places = places.filter { $0.country == iso }
        }
        var distances: [PlaceID: Double] = [:]
        let near = try p.string("near")
        let withinKm = try p.double("within_km", in: 0.001...5000)
        if withinKm != nil && near == nil { throw .invalid("within_km", "within_km needs near=LON,LAT") }
        if let near {
            let centre = try resolve("near") { () throws(QueryNameError) in try QueryNames.coordinate(near) }
            for place in places {
                guard let metres = try? Geodesic.wgs84.distanceMetres(from: centre, to: place.coordinate) else { continue }
                distances[place.id] = metres / 1000
            }
            let radius = withinKm ?? 50
            places = places.filter { (distances[$0.id] ?? .infinity) <= radius }.sorted { distances[$0.id]! < distances[$1.id]! }
        }
        if let limit = try p.int("limit", in: 1...10_000) { places = Array(places.prefix(limit)) }
        return try render(PlacesReport(places: places, distances: distances, withDistance: near != nil), p)
    }

    /// `GET /nearest`: the places coordinates snap to (OSRM's nearest service).
    func nearest(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: ["point", "format"])
        let points = p.list("point")
        guard !points.isEmpty else { throw APIError(status: 400, code: "InvalidQuery", message: "point=LON,LAT is required", parameter: "point") }
        guard points.count <= limits.nearestPoints else { throw .tooBig("point", "\(points.count) points; at most \(limits.nearestPoints)") }
        let locator: PlaceLocator
        do { locator = try PlaceLocator(dataset: data.dataset) } catch { throw APIError(status: 500, code: "InternalError", message: "\(error)") }
        var waypoints: [SnapReport.Waypoint] = []
        for text in points {
            let c = try resolve("point") { () throws(QueryNameError) in try QueryNames.coordinate(text) }
            do {
                let snap = try locator.snap(c)
                guard let place = data.dataset.place(snap.place) else { continue }
                waypoints.append(SnapReport.Waypoint(requested: c, place: place, km: snap.km, nearestLink: snap.nearestLink))
            } catch { throw .invalid("point", "cannot snap \(text): \(error)") }
        }
        return try render(SnapReport(waypoints: waypoints), p)
    }

    /// `GET /export`: the scenario's network as GeoJSON layers, with each link's hours.
    func export(_ p: Parameters) throws(APIError) -> APIResponse {
        try p.check(known: Self.scenarioParameters + ["layers", "edits"])
        var layers: [ExportLayer] = []
        let all = ExportLayer.allCases.map(\.rawValue)
        for name in p.list("layers").flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) {
            guard let layer = ExportLayer(rawValue: name) else {
                throw .invalid("layers", "unknown layer \"\(name.prefix(40))\"", suggestions: Suggestions.closest(to: name, among: all))
            }
            if !layers.contains(layer) { layers.append(layer) }
        }
        if layers.isEmpty { layers = [.places, .links] }
        let network = try self.network(p)
        var hours: [LinkID: [String: JSONValue]] = [:]
        for link in network.dataset.links {
            guard let edge = network.edges(of: link.id).first else { continue }
            hours[link.id] = ["hours": .number(Rounded.to(3, network.cost(of: edge).hours)), "profile": .string(network.costModel.profile.id.rawValue)]
        }
        let collection = MapExport.collection(of: network.dataset, layers: layers, scenario: network.scenario, linkProperties: hours)
        return try render(FeatureCollectionReport(collection: collection), p)
    }
}
