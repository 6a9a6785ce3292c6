/// Greedy label placement: labels in order of priority, each tried at eight positions around
/// its anchor (right, left, above, below, then the corners, as cartographers prefer), and kept at
/// the first position that overlaps no label already placed, no obstacle and stays inside the
/// bounds; a label with no free position is skipped.
///
/// Placed boxes are kept in a uniform grid of cells, so a test looks only at the boxes in the
/// cells it covers.
///
///     var placer = LabelPlacer(bounds: area, obstacles: [legendBox])
///     let placed = placer.place([LabelPlacer.Candidate(anchorX: 10, anchorY: 20, width: 40, height: 12, clearance: 4, priority: 1)])
public struct LabelPlacer: Sendable {
    /// A label to place: its anchor (the feature's pixel), the box of its text, and the gap to
    /// keep between the anchor and the text, all in pixels.
    public struct Candidate: Sendable, Hashable {
        /// The anchor's column, pixels.
        public var anchorX: Double
        /// The anchor's row, pixels (y down).
        public var anchorY: Double
        /// The text box's width, pixels.
        public var width: Double
        /// The text box's height, pixels.
        public var height: Double
        /// Pixels between the anchor and the nearest edge of the text box (the marker's radius and a margin).
        public var clearance: Double
        /// Higher is placed first; ties keep the given order.
        public var priority: Double

        /// A candidate from its anchor, box size and clearance (pixels) and its priority.
        public init(anchorX: Double, anchorY: Double, width: Double, height: Double, clearance: Double, priority: Double) {
            self.anchorX = anchorX; self.anchorY = anchorY; self.width = width; self.height = height
            self.clearance = clearance; self.priority = priority
        }

        /// The eight boxes tried, in order of preference.
        var positions: [PixelRect] {
            let c = clearance, w = width, h = height, x = anchorX, y = anchorY
            let d = c * 0.7
            return [
                PixelRect(x: x + c, y: y - h / 2, width: w, height: h),          // right
                PixelRect(x: x - c - w, y: y - h / 2, width: w, height: h),      // left
                PixelRect(x: x - w / 2, y: y - c - h, width: w, height: h),      // above
                PixelRect(x: x - w / 2, y: y + c, width: w, height: h),          // below
                PixelRect(x: x + d, y: y - d - h, width: w, height: h),          // upper right
                PixelRect(x: x + d, y: y + d, width: w, height: h),              // lower right
                PixelRect(x: x - d - w, y: y - d - h, width: w, height: h),      // upper left
                PixelRect(x: x - d - w, y: y + d, width: w, height: h),          // lower left
            ]
        }
    }

    /// A label kept: the index of its candidate in the input and its box, pixels.
    public struct Placement: Sendable, Hashable {
        /// The candidate's index in the input.
        public var index: Int
        /// Where its text goes, pixels.
        public var box: PixelRect
    }

    private let bounds: PixelRect
    private let obstacles: [PixelRect]
    private let cell: Double
    private var grid: [Int: [PixelRect]] = [:]

    /// A placer for labels inside `bounds` that must avoid `obstacles` (pixels).
    /// - Parameter cellPixels: the grid's cell size; about the size of a label.
    public init(bounds: PixelRect, obstacles: [PixelRect] = [], cellPixels: Double = 64) {
        self.bounds = bounds
        self.obstacles = obstacles
        self.cell = max(cellPixels, 1)
    }

    private func cells(_ r: PixelRect) -> [Int] {
        let x0 = Int((r.x / cell).rounded(.down)), x1 = Int((r.maxX / cell).rounded(.down))
        let y0 = Int((r.y / cell).rounded(.down)), y1 = Int((r.maxY / cell).rounded(.down))
        var out: [Int] = []
        for gy in y0...y1 { for gx in x0...x1 { out.append(gy &* 1_000_003 &+ gx) } }
        return out
    }

    private func isFree(_ r: PixelRect) -> Bool {
        guard bounds.contains(r), !obstacles.contains(where: { $0.intersects(r) }) else { return false }
        for key in cells(r) { if grid[key]?.contains(where: { $0.intersects(r) }) == true { return false } }
        return true
    }

    /// Marks a box as taken without a label (a marker, the scale bar).
    public mutating func reserve(_ r: PixelRect) {
        // Only the part inside the bounds matters (and keeps the cell numbers small).
        let x0 = max(r.x, bounds.x), y0 = max(r.y, bounds.y), x1 = min(r.maxX, bounds.maxX), y1 = min(r.maxY, bounds.maxY)
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, x0 <= x1, y0 <= y1 else { return }
        let r = PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
        for key in cells(r) { grid[key, default: []].append(r) }
    }

    /// Places the candidates, most important first.
    /// - Returns: the labels kept, in order of placement.
    /// - Complexity: O(n log n) to sort plus O(n · 8 · k) tests, where k is the number of boxes
    ///   in the grid cells a label covers (small while labels are about a cell in size): in
    ///   practice linear in n.
    public mutating func place(_ candidates: [Candidate]) -> [Placement] {
        let order = candidates.indices.sorted { (candidates[$0].priority, -$0) > (candidates[$1].priority, -$1) }
        var placed: [Placement] = []
        for index in order {
            let c = candidates[index]
            guard c.width.isFinite, c.height.isFinite, c.anchorX.isFinite, c.anchorY.isFinite, c.width > 0, c.height > 0 else { continue }
            guard let box = c.positions.first(where: isFree) else { continue }
            reserve(box)
            placed.append(Placement(index: index, box: box))
        }
        return placed
    }
}
