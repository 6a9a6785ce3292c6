/// The countries of the data set (ISO 3166-1 alpha-3).
public enum Countries {
    /// The codes a place's `country` may take; the reader refuses any other.
    public static let all: Set<String> = ["KHM", "LAO", "MMR", "THA", "VNM", "CHN"]
    /// A display name for each code in ``all``; "China (Yunnan)" because only Yunnan is in the data.
    public static let names: [String: String] = [
        "KHM": "Cambodia", "LAO": "Lao PDR", "MMR": "Myanmar", "THA": "Thailand", "VNM": "Viet Nam", "CHN": "China (Yunnan)",
    ]
}
