import Foundation
import GeoCore
import MekongNetwork
import MekongReports

/// A request the server refuses or cannot answer, with the HTTP status and a JSON body in OSRM's
/// error shape (`code`, `message`) plus the parameter at fault and the nearest valid choices.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status: 400, 404, 405, 413, 414, 431, 500, 503.
    public var status: Int
    /// OSRM-style code: `InvalidQuery`, `InvalidValue`, `InvalidOptions`, `TooBig`, `NoRoute`,
    /// `NotFound`, `MethodNotAllowed`, `PayloadTooLarge`, `URITooLong`, `HeaderTooLarge`,
    /// `Timeout`, `InternalError`.
    public var code: String
    /// What went wrong, for people.
    public var message: String
    /// The query parameter (or body member) at fault, when one is.
    public var parameter: String?
    /// The nearest valid choices for that parameter, best first.
    public var suggestions: [String]

    /// An error with every field given.
    public init(status: Int, code: String, message: String, parameter: String? = nil, suggestions: [String] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.suggestions = suggestions
    }

    /// 400 `InvalidValue`: `parameter` has a value the server cannot use.
    public static func invalid(_ parameter: String, _ message: String, suggestions: [String] = []) -> APIError {
        APIError(status: 400, code: "InvalidValue", message: message, parameter: parameter, suggestions: suggestions)
    }

    /// 400 `TooBig`: `parameter` asks for more than the server's bound.
    public static func tooBig(_ parameter: String, _ message: String) -> APIError {
        APIError(status: 400, code: "TooBig", message: message, parameter: parameter)
    }

    /// The message, with the parameter.
    public var description: String { parameter.map { "\($0): \(message)" } ?? message }

    /// The JSON body: `{"code", "message", "parameter", "suggestions"}`.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["code": .string(code), "message": .string(message), "suggestions": .array(suggestions.map(JSONValue.string))]
        o["parameter"] = parameter.map(JSONValue.string) ?? .null
        return .object(o)
    }

    /// The JSON body as text (never fails: every member is a string).
    public var body: String {
        (try? JSONWriter(leadingKeys: ["code", "message", "parameter", "suggestions"]).string(json)).map { $0 + "\n" }
            ?? "{\"code\":\"\(code)\"}\n"
    }
}

extension APIError {
    /// 400 `InvalidValue`: a name in `parameter` resolves to nothing, worded for a client, with the
    /// nearest valid choices ``QueryNames`` found (the CLI suggests the same ones).
    init(_ error: QueryNameError, parameter: String) {
        let message: String
        switch error {
        case .notACoordinate(let text):
            message = "\"\(text.prefix(60))\" is not LON,LAT (two numbers, e.g. 104.75,16.55)"
        case .invalidCoordinate(let text, let reason, _):
            message = "\(text.prefix(60)): \(reason)"
        case .cannotSnap(let text, let reason):
            message = "cannot snap \(text.prefix(60)) to the network: \(reason)"
        case .tooFar(let text, let km, let nearest, let snapKm):
            message = String(format: "%@ is %.0f km from the nearest place, %@; snap_km is %g", String(text.prefix(60)), km, nearest, snapKm)
        case .ambiguous(let text, _):
            message = "\"\(text.prefix(60))\" is ambiguous; give the id"
        case .unknownPlace(let text, _):
            message = "unknown place \"\(text.prefix(60))\""
        case .unknownPlaceOrLink(let text, _):
            message = "unknown place or link \"\(text.prefix(60))\""
        case .unknownCountry(let iso):
            message = "unknown country \"\(iso.prefix(20))\""
        }
        self = .invalid(parameter, message, suggestions: error.suggestions)
    }
}
