/// The file formats a map is written in; all three come from the same drawing code through
/// Cairo's image, SVG and PDF surfaces.
public enum MapFormat: String, Sendable, CaseIterable {
    case svg, png, pdf

    /// The format a file name's extension names (`.svg`, `.png`, `.pdf`, any case), or nil.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }
}
