internal import CGDAL
import GeoCore

/// The attribute type a GeoJSON property becomes in a typed table.
enum FieldKind: Equatable {
    /// Every value a whole number within ±2^53 (exact in a JSON number).
    case integer
    /// Numbers, some fractional.
    case real
    /// `true`/`false` only; stored as 0/1 with GDAL's boolean subtype.
    case boolean
    /// Text; numbers or booleans mixed with text are written as their JSON text.
    case string
    /// Arrays or objects, written as JSON text with GDAL's JSON subtype.
    case json

    var ogrType: OGRFieldType {
        switch self {
        case .integer: OFTInteger64
        case .real: OFTReal
        case .boolean: OFTInteger
        case .string, .json: OFTString
        }
    }

    /// The kind of one value, nil for null (which fits any kind).
    static func of(_ value: JSONValue) -> FieldKind? {
        switch value {
        case .null: nil
        case .bool: .boolean
        case .number(let number): number.rounded() == number && abs(number) <= 9_007_199_254_740_992 ? .integer : .real
        case .string: .string
        case .array, .object: .json
        }
    }

    /// The kind that holds values of both kinds.
    func widened(with other: FieldKind) -> FieldKind {
        if self == other { return self }
        if Set([self, other]) == [.integer, .real] { return .real }
        return .string
    }

    func set(_ value: JSONValue, at index: Int32, of feature: OGRFeatureH, gdal: UnsafePointer<MekongGDAL>) {
        let api = gdal.pointee
        switch (self, value) {
        case (_, .null): return
        case (.integer, .number(let number)): api.OGR_F_SetFieldInteger64(feature, index, Int64(number))
        case (.real, .number(let number)): api.OGR_F_SetFieldDouble(feature, index, number)
        case (.boolean, .bool(let flag)): api.OGR_F_SetFieldInteger(feature, index, flag ? 1 : 0)
        case (_, .string(let text)): api.OGR_F_SetFieldString(feature, index, text)
        default:
            // Arrays, objects, and numbers or booleans in a text column: their JSON text.
            let text = (try? JSONWriter().string(value)) ?? ""
            api.OGR_F_SetFieldString(feature, index, text)
        }
    }
}

/// The columns of a layer: every property name any feature has, typed by all its values.
struct FieldSchema {
    var name: String
    var kind: FieldKind

    /// `id`, `name` and `layer` first (what a reader looks for), then the rest alphabetically.
    ///
    /// - Complexity: O(n) in the properties of all features, plus sorting the names.
    static func infer(from features: [Feature]) -> [FieldSchema] {
        var kinds: [String: FieldKind?] = [:]
        for feature in features {
            for (name, value) in feature.properties {
                let kind = FieldKind.of(value)
                switch (kinds[name], kind) {
                case (nil, _): kinds[name] = .some(kind)
                case (.some(nil), _): kinds[name] = .some(kind)
                case (.some(.some(let known)), .some(let new)): kinds[name] = .some(known.widened(with: new))
                case (.some(.some), nil): break
                }
            }
        }
        let leading = ["id", "name", "layer"]
        let names = kinds.keys.sorted { a, b in
            let (ia, ib) = (leading.firstIndex(of: a) ?? leading.count, leading.firstIndex(of: b) ?? leading.count)
            return ia != ib ? ia < ib : a < b
        }
        // A column that is null everywhere is still kept, as text, so no property is lost.
        return names.map { FieldSchema(name: $0, kind: (kinds[$0] ?? nil) ?? .string) }
    }
}
