import Foundation
import Hummingbird
import Logging
import MekongData
import NIOCore

/// `mekong serve`: the API and the web map over HTTP/1.1 with Hummingbird. SIGINT and SIGTERM
/// shut it down gracefully (Hummingbird's ServiceLifecycle): the listener closes, requests in
/// flight finish, then `run` returns.
public enum MekongServer {
    /// Serves `api` on `host`:`port` until SIGINT or SIGTERM. `onListening` receives the bound
    /// port (useful with port 0) once the server accepts connections.
    public static func run(api: MekongAPI, host: String, port: Int, onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let limit = api.limits.bodyBytes, uriLimit = api.limits.uriBytes
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            var request = request
            let method = request.method.rawValue
            let uriBytes = request.uri.string.utf8.count
            guard uriBytes <= uriLimit else {
                let error = APIError(status: 414, code: "URITooLong",
                                     message: "the URI is \(uriBytes) bytes; at most \(uriLimit): put long lists in a POSTed JSON body (\(MekongAPI.postable.sorted().joined(separator: ", ")))")
                return response(APIResponse(error), head: request.method == .head)
            }
            var body: Data?
            if request.method == .post || request.method == .put || request.method == .patch {
                if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
                    return response(APIResponse(APIError(status: 413, code: "PayloadTooLarge", message: "the body is \(length) bytes; at most \(limit)")), head: false)
                }
                do {
                    let buffer = try await request.collectBody(upTo: limit)
                    body = Data(buffer.readableBytesView)
                } catch {
                    return response(APIResponse(APIError(status: 413, code: "PayloadTooLarge", message: "the body is larger than \(limit) bytes")), head: false)
                }
            }
            let answer = await api.respond(method: method == "HEAD" ? "GET" : method, path: request.uri.path, query: request.uri.query, body: body)
            return response(answer, head: request.method == .head)
        }
        var logger = Logger(label: "mekong-serve")
        logger.logLevel = .notice
        let app = Application(
            responder: responder,
            server: .http1(configuration: .init(additionalChannelHandlers: [OversizedHeadHandler()])),
            configuration: .init(address: .hostname(host, port: port), serverName: "mekong"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
        try await app.runService()
    }

    /// The Hummingbird response of an API answer.
    static func response(_ answer: APIResponse, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: answer.contentType]
        if answer.status == 503 { headers[.retryAfter] = "1" }
        if let allow = answer.allow { headers[.allow] = allow }
        headers[.contentLength] = String(answer.body.count)
        let body: ResponseBody = head ? .init() : .init(byteBuffer: ByteBuffer(bytes: answer.body))
        return Response(status: .init(code: answer.status), headers: headers, body: body)
    }
}
