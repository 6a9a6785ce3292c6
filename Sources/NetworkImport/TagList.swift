/// Reads the `other_tags` column GDAL's OSM driver writes: the tags it has no column for, as
/// PostgreSQL hstore text, `"surface"=>"paved","oneway"=>"yes"`, with `\"` and `\\` escaped.
///
///     TagList.parse(#""oneway"=>"yes","maxspeed"=>"50""#)["maxspeed"]   // "50"
///
/// - Complexity: O(n) in the text's length.
enum TagList {
    static func parse(_ text: String) -> [String: String] {
        var tags: [String: String] = [:]
        var iterator = text.unicodeScalars.makeIterator()
        /// The next quoted string, or nil at the end.
        func quoted() -> String? {
            while let c = iterator.next() { if c == "\"" { break } }
            var value = String.UnicodeScalarView()
            while let c = iterator.next() {
                if c == "\\" { if let escaped = iterator.next() { value.append(escaped) }; continue }
                if c == "\"" { return String(value) }
                value.append(c)
            }
            return nil
        }
        while let key = quoted() {
            guard let value = quoted() else { break }
            tags[key] = value
        }
        return tags
    }
}
