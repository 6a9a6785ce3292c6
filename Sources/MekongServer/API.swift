import Foundation
import GeoCore
import MekongAnalysis
import MekongData
import MekongNetwork
import MekongReports

/// An HTTP answer before it meets the wire: status, content type, body, extra headers.
public struct APIResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The Content-Type header.
    public var contentType: String
    /// The body.
    public var body: Data
    /// The Allow header of a 405: the methods the path takes.
    public var allow: String?

    /// A response of `body` as `contentType` with `status`.
    public init(status: Int = 200, contentType: String, body: Data) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    /// The JSON error response of `error`.
    public init(_ error: APIError) {
        self.init(status: error.status, contentType: "application/json; charset=utf-8", body: Data(error.body.utf8))
    }
}

/// The server's endpoints, apart from HTTP: a method, a path, a query string and a body in, a
/// response out. Every answer is rendered by MekongReports, as the CLI's are.
public struct MekongAPI: Sendable {
    /// The loaded data.
    public let data: ServerData
    /// Bounds on what one request may ask for.
    public var limits: Limits

    /// What one request may ask for at most, each with its reason.
    public struct Limits: Sendable {
        /// A POST body, bytes: a scenario with a few hundred edits fits in 64 KiB.
        public var bodyBytes = 64 * 1024
        /// The request target (path and query), bytes; longer is a 414. Well under the 80 KiB of
        /// request line and headers that SwiftNIO's parser reads (beyond which the answer is a
        /// 431, see ``OversizedHeadHandler``), with room for every list of an endpoint at its
        /// longest (1,000 characters each) written plainly; a longer list belongs in a POSTed body.
        public var uriBytes = 16 * 1024
        /// Cells of a table (sources × destinations): 100 × 100, answered in well under a second.
        public var matrixCells = 10_000
        /// Distinct places in a table, as `mekong matrix` allows.
        public var matrixPlaces = 400
        /// Alternatives to a route, as `mekong route` allows.
        public var alternatives = 5
        /// Reach budgets in one request (Valhalla allows 4 contours; outlines are GEOS unions).
        public var reachBudgets = 8
        /// Hours of one reach budget, as `mekong reach` allows.
        public var reachHours = 240.0
        /// Places of a via list.
        public var viaPoints = 25
        /// Coordinates of one nearest request.
        public var nearestPoints = 100
        /// Seconds a request may take before it is answered 503; its searches and analyses stop
        /// then too (they poll the request's ``Deadline``).
        public var seconds = 10.0

        /// The defaults above.
        public init() {}
    }

    /// The deadline of the request this copy of the API answers: ``respond(method:path:query:body:)``
    /// answers each request on a copy carrying its own, which the endpoints hand to every search
    /// and analysis.
    var deadline = Deadline.never

    /// The API over `data` with `limits`.
    public init(data: ServerData, limits: Limits = Limits()) {
        self.data = data
        self.limits = limits
    }

    /// Every data endpoint, for the 404's suggestions and the OpenAPI document.
    public static let endpoints = ["/route", "/table", "/reach", "/corridors", "/corridors/{id}", "/gaps", "/gaps/compare", "/projects",
                                   "/projects/{id}", "/projects/assessment", "/places", "/nearest", "/export"]

    /// The paths that take a posted scenario.
    static let postable: Set<String> = ["/route", "/table", "/reach", "/gaps"]

    /// Answers one request. Never throws: every failure becomes a JSON error response.
    public func respond(method: String, path: String, query: String?, body: Data?) async -> APIResponse {
        do {
            if let page = try WebMap.response(method: method, path: path, dataset: data.dataset, basemap: data.basemap) { return page }
            guard method == "GET" || method == "POST" || method == "HEAD" else {
                throw APIError(status: 405, code: "MethodNotAllowed", message: "\(method) is not supported; use GET (or POST with a JSON body)")
            }
            var query = try Parameters(query: query)
            if method == "POST" {
                guard Self.postable.contains(path) else {
                    throw APIError(status: 405, code: "MethodNotAllowed", message: "\(path.prefix(100)) takes GET only; POST is for /route, /table, /reach and /gaps")
                }
                guard let body, !body.isEmpty else {
                    throw APIError(status: 400, code: "InvalidQuery", message: "a POST carries its parameters as a JSON object in the body; send one, or use GET")
                }
                try query.addBody(body)
            }
            let parameters = query
            var request = self
            request.deadline = Deadline(seconds: limits.seconds)
            let handler = try request.handler(for: path)
            let timeout = request.timeout
            return try await Self.withTimeLimit(limits.seconds, timeout: timeout) { () throws(APIError) -> APIResponse in try handler(parameters) }
        } catch let error as APIError {
            var response = APIResponse(error)
            if error.status == 405 { response.allow = Self.postable.contains(path) ? "GET, HEAD, POST" : "GET, HEAD" }
            return response
        } catch {
            return APIResponse(APIError(status: 500, code: "InternalError", message: "\(error)"))
        }
    }

    /// The handler of `path`, or a 404 naming the nearest endpoint.
    func handler(for path: String) throws(APIError) -> @Sendable (Parameters) throws(APIError) -> APIResponse {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.count == 0 ? "" : parts[0] {
        case "openapi.json" where parts.count == 1:
            let text = data.openAPI
            return { _ throws(APIError) in APIResponse(contentType: "application/json; charset=utf-8", body: Data(text.utf8)) }
        case "health" where parts.count == 1:
            return { _ throws(APIError) in APIResponse(contentType: "application/json; charset=utf-8", body: Data("{\"status\":\"ok\"}\n".utf8)) }
        case "route" where parts.count == 1: return route
        case "table" where parts.count == 1: return table
        case "reach" where parts.count == 1: return reach
        case "corridors" where parts.count == 1: return corridors
        case "corridors" where parts.count == 2: let id = parts[1]; return { p throws(APIError) in try corridor(id, p) }
        case "gaps" where parts.count == 1: return gaps
        case "gaps" where parts.count == 2 && parts[1] == "compare": return gapComparison
        case "projects" where parts.count == 1: return projects
        case "projects" where parts.count == 2 && parts[1] == "assessment": return assessment
        case "projects" where parts.count == 2: let id = parts[1]; return { p throws(APIError) in try project(id, p) }
        case "places" where parts.count == 1: return places
        case "nearest" where parts.count == 1: return nearest
        case "export" where parts.count == 1: return export
        default:
            let closest = Suggestions.closest(to: path, among: Self.endpoints + ["/openapi.json", "/"], limit: 2)
            throw APIError(status: 404, code: "NotFound", message: "no endpoint \(path.prefix(100)); see /openapi.json", suggestions: closest)
        }
    }

    /// 503 `Timeout`: the request took longer than the server's limit.
    var timeout: APIError {
        APIError(status: 503, code: "Timeout",
                 message: String(format: "the request took longer than the server's limit of %g s; ask for less (fewer places, budgets or alternatives)", limits.seconds))
    }

    /// Runs `work` off the request's task and answers `timeout` when it takes longer than
    /// `seconds`. The work stops by itself at the request's deadline, which its searches and
    /// analyses poll, and then answers `timeout` too; the timer covers what polls nothing (a GEOS
    /// union, rendering), whose answer is then dropped. The timer cannot be relied on alone: work
    /// that fills every core (the assessment's parallel scenarios) keeps it from running.
    static func withTimeLimit(_ seconds: Double, timeout: APIError, _ work: @escaping @Sendable () throws(APIError) -> APIResponse) async throws(APIError) -> APIResponse {
        let once = ResumeOnce()
        let result: Result<APIResponse, APIError> = await withCheckedContinuation { continuation in
            once.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                if !Task.isCancelled { once.resume(.failure(timeout)) }
            }
            Task.detached {
                let outcome = Result { () throws(APIError) -> APIResponse in try work() }
                timer.cancel()
                once.resume(outcome)
            }
        }
        return try result.get()
    }
}

/// Resumes a continuation once, whichever of the work and the timer comes first.
final class ResumeOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Result<APIResponse, APIError>, Never>?

    func set(_ c: CheckedContinuation<Result<APIResponse, APIError>, Never>) {
        lock.lock(); defer { lock.unlock() }
        continuation = c
    }

    func resume(_ value: Result<APIResponse, APIError>) {
        lock.lock()
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume(returning: value)
    }
}
