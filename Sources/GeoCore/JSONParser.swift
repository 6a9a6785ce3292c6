import Foundation

/// A strict RFC 8259 JSON parser into ``JSONValue``, over UTF-8 bytes.
///
/// Foundation's `JSONDecoder` builds a coding path and throws for every type it tries while
/// decoding an untyped value, which made loading the GeoData six times slower than parsing it;
/// this parser reads each byte once and reports the line and column of any mistake.
///
/// - Complexity: O(n) in the length of the text.
struct JSONParser {
    private let bytes: [UInt8]
    private var index = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    static func parse(_ data: Data) throws(GeoCoreError) -> JSONValue {
        var parser = JSONParser(data)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        if parser.index < parser.bytes.count { throw parser.failure("unexpected text after the JSON value") }
        return value
    }

    private func failure(_ message: String) -> GeoCoreError {
        var line = 1, column = 1
        for b in bytes[..<min(index, bytes.count)] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        let found = index < bytes.count ? "'\(String(decoding: bytes[index..<min(index + 12, bytes.count)], as: UTF8.self))'" : "the end of the text"
        return .geoJSON(path: "", message: "malformed JSON at line \(line), column \(column): \(message), found \(found)")
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(GeoCoreError) -> JSONValue {
        guard depth < 512 else { throw failure("nesting deeper than 512 levels") }
        guard index < bytes.count else { throw failure("expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure("expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(GeoCoreError) {
        let text = word.withUTF8Buffer { Array($0) }
        guard index + text.count <= bytes.count, Array(bytes[index..<index + text.count]) == text else {
            throw failure("expected \(word)")
        }
        index += text.count
    }

    private mutating func object(depth: Int) throws(GeoCoreError) -> JSONValue {
        index += 1
        // Members are gathered in order and hashed once at the end, into a dictionary of the
        // right size: growing it member by member rehashed every key several times.
        var members: [(String, JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object([:]) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name in quotes") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after a member name") }
            index += 1
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                // A repeated name keeps its last value, as before.
                return .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
            }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func array(depth: Int) throws(GeoCoreError) -> JSONValue {
        index += 1
        var out: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(out) }
        while true {
            skipWhitespace()
            out.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw failure("expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(out) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func string() throws(GeoCoreError) -> String {
        index += 1
        // The text after the last escape is copied as it stands; escapes (rare: a quote inside a
        // quote) gather the UTF-8 bytes of the string so far in `escaped`.
        var escaped: [UInt8] = []
        var runStart = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let text: String
                if !escaped.isEmpty {
                    escaped.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: escaped, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[runStart..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if b < 0x20 { throw failure("control character in a string") }
            if b == UInt8(ascii: "\\") {
                escaped.append(contentsOf: bytes[runStart..<index])
                index += 1
                guard index < bytes.count else { throw failure("unfinished escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escaped.append(e)
                case UInt8(ascii: "b"): escaped.append(0x08)
                case UInt8(ascii: "f"): escaped.append(0x0C)
                case UInt8(ascii: "n"): escaped.append(0x0A)
                case UInt8(ascii: "r"): escaped.append(0x0D)
                case UInt8(ascii: "t"): escaped.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw failure("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
                    escaped.append(contentsOf: String(scalar).utf8)
                default: index -= 1; throw failure("unknown escape")
                }
                runStart = index
                continue
            }
            index += 1
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws(GeoCoreError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("expected 4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw failure("expected a hex digit")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    private mutating func number() throws(GeoCoreError) -> Double {
        let start = index
        let negative = bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        // The digits are also gathered into a whole number, for the exact fast path below.
        var mantissa: UInt64 = 0, significantDigits = 0, fractionDigits = 0
        func digits(fraction: Bool) -> Int {
            let s = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
                if significantDigits < 19 {
                    mantissa = mantissa * 10 + UInt64(bytes[index] - UInt8(ascii: "0"))
                    if fraction { fractionDigits += 1 }
                }
                // Leading zeros are not significant; past 19 digits the whole number would overflow.
                if mantissa != 0 { significantDigits += 1 }
                index += 1
            }
            return index - s
        }
        guard index < bytes.count else { throw failure("expected digits") }
        if bytes[index] == UInt8(ascii: "0") { index += 1 } else if digits(fraction: false) == 0 { throw failure("expected digits") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits(fraction: true) == 0 { throw failure("expected digits after the decimal point") }
        }
        var hasExponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            hasExponent = true
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            if digits(fraction: false) == 0 { throw failure("expected digits in the exponent") }
        }
        // Clinger's fast path: a whole number below 2^53 divided by an exact power of ten
        // (10^0 ... 10^22 are exact in a Double) is one correctly rounded operation, so it equals
        // what strtod gives, without making a String. Coordinates (six or seven decimals) all
        // take it; longer numbers and every exponent form go to the library.
        if !hasExponent, significantDigits <= 19, mantissa < 1 << 53, fractionDigits < Self.exactPowersOfTen.count {
            let magnitude = Double(mantissa) / Self.exactPowersOfTen[fractionDigits]
            return negative ? -magnitude : magnitude
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { index = start; throw failure("number out of range") }
        return value
    }

    /// 10^0 ... 10^22, each exactly representable as a Double.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { power, _ in power * 10 }
    }
}
