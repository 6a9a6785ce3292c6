/// The countries of the data set (ISO 3166-1 alpha-3).
public enum Countries {
    public static let all: Set<String> = ["KHM", "LAO", "MMR", "THA", "VNM", "CHN"]
    public static let names: [String: String] = [
        "KHM": "Cambodia", "LAO": "Lao PDR", "MMR": "Myanmar", "THA": "Thailand", "VNM": "Viet Nam", "CHN": "China (Yunnan)",
    ]
}
