import Foundation
import Testing
import TestSupport

/// The libraries' public API is read through its doc comments (Xcode, DocC, the README's
/// pointers), so every public or open declaration in the library modules carries one, and this
/// test keeps it so. The CLI and the benchmark and fuzz executables are not libraries.
struct DocCommentTests {
    static let libraryFolders = ["GeoCore", "RoutingGraph", "RoutingEngine", "MekongData", "MekongNetwork", "MekongAnalysis",
                                 "VectorIO", "NetworkImport", "MekongMap", "PillarReport", "MekongReports", "MekongServer"]

    /// Lists `file:line: declaration` for each public declaration of the six library modules
    /// that has no `///` line right above it (attributes may stand between).
    @Test func everyPublicDeclarationOfTheLibrariesHasADocComment() throws {
        var missing: [String] = []
        var scanned = 0
        for folder in Self.libraryFolders {
            let sources = PackagePaths.root.appending(path: "Sources/\(folder)")
            let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            for case let file as URL in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                let relative = "Sources/\(folder)/" + file.path.dropFirst(sources.path.count + 1)
                missing += DocCommentScanner.undocumented(in: text).map { "\(relative):\($0.line): \($0.declaration)" }
                scanned += 1
            }
        }
        #expect(scanned > 50, "the library sources were not found under \(PackagePaths.root.path)")
        #expect(missing.count == 0, "\(missing.count) public declarations without a /// doc comment:\n\(missing.sorted().joined(separator: "\n"))")
    }

    /// The scanner itself: attributes over several lines keep the comment attached; a blank line
    /// or a plain `//` comment detaches it; requirements of a public protocol and members of a
    /// `public extension` are public without the keyword; enum cases and non-public code are not
    /// asked for.
    @Test func multiLineAttributesKeepTheCommentAndBlankLinesDropIt() {
        let source = """
            /// Documented.
            @available(*, deprecated,
                       message: "a ) in a string (")
            @discardableResult
            public func documented() -> Int { 1 }

            /// Detached by the blank line.

            public func detached() {}
            // A plain comment is not a doc comment.
            @inlinable public func plain() {}
            public internal(set) var setter = 0
            /// Documented.
            public enum Kind {
                case a, b
                public static let open = Kind.a
            }
            func internalFunction() { let open = 1; _ = open }
            /// Documented.
            public protocol Requirements {
                func required()
                /// Documented.
                var documented: Int { get }
            }
            /// Extensions need no comment of their own.
            public extension Kind {
                var implicitlyPublic: Int {
                    let local = 1
                    return local
                }
                private var hidden: Int { 0 }
            }
            """
        let found = DocCommentScanner.undocumented(in: source).map { "\($0.line): \($0.declaration)" }
        #expect(found == [
            "9: public func detached() {}",
            "11: @inlinable public func plain() {}",
            "12: public internal(set) var setter = 0",
            "16: public static let open = Kind.a",
            "21: func required()",
            "27: var implicitlyPublic: Int {",
        ])
    }
}

/// A line scanner for undocumented public declarations, enough for this package's formatting
/// (4-space indents, one declaration per line; the first declaration of a line speaks for the
/// rest of it, as in `public struct PlaceID: … { public let rawValue: String; … }`).
enum DocCommentScanner {
    /// A declaration keyword after any modifiers, e.g. `public internal(set) var` or
    /// `public static func`. Modifiers are captured to tell public from internal.
    static var declaration: Regex<(Substring, Substring, Substring)> { /^((?:(?:(?:public|open|internal|fileprivate|private|package)(?:\(set\))?|static|class|final|override|convenience|required|mutating|nonmutating|nonisolated|indirect|lazy|weak|unowned|dynamic|optional|prefix|postfix|infix)\s+)*)(func|init|var|let|struct|class|enum|protocol|typealias|associatedtype|subscript|actor|extension|macro|operator)\b/ }

    /// Undocumented public declarations in `text`, with their 1-based line numbers.
    static func undocumented(in text: String) -> [(line: Int, declaration: String)] {
        var found: [(line: Int, declaration: String)] = []
        let pattern = declaration       // built once: building a Regex costs more than matching it
        var documented = false          // the last line that counts was `///`
        var attributeParens = 0         // open parentheses of an attribute that goes on below
        var implicitScope: String?      // indent of an open `public protocol`/`public extension`
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = String(rawLine.prefix { $0 == " " || $0 == "\t" })
            var rest = Substring(rawLine.drop { $0 == " " || $0 == "\t" })
            if let scope = implicitScope, indent == scope, rest.hasPrefix("}") { implicitScope = nil }
            var attributeLine = false   // a line of attributes alone keeps the comment attached
            if attributeParens > 0 {
                attributeParens = skipParentheses(in: &rest, depth: attributeParens)
                if attributeParens > 0 { continue }
                attributeLine = true
            } else if rest.hasPrefix("///") {
                documented = true
                continue
            }
            attributeLine = attributeLine || rest.hasPrefix("@")
            attributeParens = skipAttributes(in: &rest)
            if attributeParens > 0 || (attributeLine && rest.isEmpty) { continue }
            defer { documented = false }
            guard let match = rest.prefixMatch(of: pattern) else { continue }
            let modifiers = match.output.1.split(whereSeparator: \.isWhitespace)
            let isPublic = modifiers.contains("public") || modifiers.contains("open")
            let hasAccess = modifiers.contains { ["private", "fileprivate", "internal", "package"].contains($0) }
            let keyword = match.output.2
            if isPublic, keyword == "protocol" || keyword == "extension", !rest.hasSuffix("}") {
                implicitScope = indent
            }
            let inheritsPublic = !hasAccess && implicitScope.map { indent == $0 + "    " } == true
            guard isPublic || inheritsPublic, keyword != "extension", !documented else { continue }
            found.append((index + 1, rawLine.trimmingCharacters(in: .whitespaces)))
        }
        return found
    }

    /// Drops the leading `@attribute` and `@attribute(…)` from `line`. Returns how many
    /// parentheses are still open at the end of the line (an attribute that continues below).
    static func skipAttributes(in line: inout Substring) -> Int {
        while line.hasPrefix("@") {
            line = line.dropFirst().drop { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            if line.hasPrefix("(") {
                let open = skipParentheses(in: &line, depth: 0)
                if open > 0 { return open }
            }
            line = line.drop(while: \.isWhitespace)
        }
        return 0
    }

    /// Drops characters from `line` until the parentheses balance, starting `depth` deep;
    /// parentheses inside string literals do not count. Returns the depth left at the end.
    static func skipParentheses(in line: inout Substring, depth: Int) -> Int {
        var depth = depth, inString = false, escaped = false
        while let c = line.first {
            line = line.dropFirst()
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
            } else if c == "(" {
                depth += 1
            } else if c == ")" {
                depth -= 1
                if depth == 0 { line = line.drop(while: \.isWhitespace); return 0 }
            }
        }
        return depth
    }
}
