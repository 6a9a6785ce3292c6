import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers a request whose head (request line and header fields) is longer than SwiftNIO's
/// parser reads, 80 KiB, with the API's JSON error as a 431: Hummingbird wrote a bare 400 with no
/// body. The parser stops such a request before its head is complete, so no responder sees it;
/// this handler, between the HTTP codec and Hummingbird, catches the parser's `headerOverflow`.
/// A URI longer than ``MekongAPI/Limits/uriBytes`` but within the parser's limit reaches the
/// responder, which answers 414. (NIO counts the request line and the header fields together,
/// so the parser's error cannot tell a long URI from long headers: 431 covers both.)
///
/// The answer goes out after the response to any earlier request on the connection, then the
/// server stops sending and lets the client close (the bytes the client is still sending are
/// dropped rather than answered with a reset that could discard the answer).
final class OversizedHeadHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// The most bytes of request line and header fields the parser reads (Hummingbird's and
    /// NIO's default), named in the answer.
    static let parserLimit = 80 * 1024

    /// A request's head came in and its response has not ended yet.
    private var responding = false
    /// The answer waiting for that response to end.
    private var pending: APIResponse?
    /// The answer has been given: what the parser still reports is the rest of the same request.
    private var answered = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { responding = true }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        context.write(data, promise: promise)
        guard case .end = part else { return }
        responding = false
        if let answer = pending {
            pending = nil
            send(answer, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if answered { return }
        guard let parserError = error as? HTTPParserError, case .headerOverflow = parserError else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let answer = APIResponse(APIError(status: 431, code: "HeaderTooLarge",
                                          message: "the request line and header fields are longer than the \(Self.parserLimit / 1024) KiB the server reads; "
                                              + "a URI may have at most \(MekongAPI.Limits().uriBytes / 1024) KiB: put long lists in a POSTed JSON body"))
        if responding { pending = answer } else { send(answer, context: context) }
    }

    /// Writes `answer` as the connection's last response and stops sending.
    private func send(_ answer: APIResponse, context: ChannelHandlerContext) {
        var fields = HTTPFields()
        fields[.contentType] = answer.contentType
        fields[.contentLength] = String(answer.body.count)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .init(code: answer.status), headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: answer.body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            // Where the channel cannot half-close, it closes.
            let halfClosed = channel.eventLoop.makePromise(of: Void.self)
            halfClosed.futureResult.whenFailure { _ in channel.close(promise: nil) }
            channel.close(mode: .output, promise: halfClosed)
        }
    }
}
