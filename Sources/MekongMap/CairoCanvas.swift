internal import CCairo
import Foundation

/// Bytes a Cairo surface streams out, collected in memory so the file can be written atomically
/// afterwards.
final class ByteSink {
    var bytes: [UInt8] = []
}

/// An RGBA colour, each channel 0…1.
struct Colour: Hashable, Sendable {
    var red: Double, green: Double, blue: Double, alpha: Double

    /// `0xRRGGBB` with an opacity.
    init(hex: UInt32, alpha: Double = 1) {
        red = Double((hex >> 16) & 0xFF) / 255
        green = Double((hex >> 8) & 0xFF) / 255
        blue = Double(hex & 0xFF) / 255
        self.alpha = alpha
    }

    func with(alpha: Double) -> Colour { var c = self; c.alpha = alpha; return c }

    static let white = Colour(hex: 0xFFFFFF)
    static let black = Colour(hex: 0x000000)
}

/// A rectangle in pixels, y down.
public struct PixelRect: Sendable, Hashable {
    /// Left edge, pixels.
    public var x: Double
    /// Top edge, pixels.
    public var y: Double
    /// Width, pixels.
    public var width: Double
    /// Height, pixels.
    public var height: Double

    /// A rectangle from its top-left corner and size, in pixels.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// Right edge, pixels.
    public var maxX: Double { x + width }
    /// Bottom edge, pixels.
    public var maxY: Double { y + height }

    /// Whether the two rectangles share any area (touching edges do not count).
    public func intersects(_ other: PixelRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether the point (x, y) in pixels lies inside or on the edge.
    public func contains(x px: Double, y py: Double) -> Bool {
        px >= x && px <= maxX && py >= y && py <= maxY
    }

    /// Whether `other` lies wholly inside.
    public func contains(_ other: PixelRect) -> Bool {
        other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
    }
}

/// The one owner of a Cairo surface and its drawing context: created together, destroyed
/// together in `deinit`. Every Cairo failure becomes a thrown ``MapError`` with Cairo's own text.
///
/// PNG draws on an ARGB32 image surface and encodes it at the end; SVG and PDF stream to memory
/// (`cairo_svg_surface_create_for_stream`, `cairo_pdf_surface_create_for_stream`). One pixel is
/// one SVG user unit (`px`) and one PDF point.
final class CairoCanvas {
    let format: MapFormat
    let width: Int
    let height: Int
    private let cairo: UnsafePointer<MekongCairo>
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let sink = ByteSink()
    private var finished = false

    /// The write callback of the stream surfaces: appends to the `ByteSink` passed as closure.
    private static let write: cairo_write_func_t = { closure, data, length in
        guard let closure else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
        if let data, length > 0 { sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length))) }
        return CAIRO_STATUS_SUCCESS
    }

    init(format: MapFormat, width: Int, height: Int) throws(MapError) {
        self.format = format
        self.width = width
        self.height = height
        let cairo = try CairoLibrary.functions()
        self.cairo = cairo
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let made: OpaquePointer?
        switch format {
        case .png: made = cairo.pointee.cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        case .svg: made = cairo.pointee.cairo_svg_surface_create_for_stream(Self.write, closure, Double(width), Double(height))
        case .pdf: made = cairo.pointee.cairo_pdf_surface_create_for_stream(Self.write, closure, Double(width), Double(height))
        }
        // Cairo returns a "nil surface" in an error state rather than NULL; check both.
        guard let made else { throw .cairo(operation: "create a \(format.rawValue) surface", message: "no surface") }
        let status = cairo.pointee.cairo_surface_status(made)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo.pointee.cairo_surface_destroy(made)
            throw .cairo(operation: "create a \(width) × \(height) \(format.rawValue) surface", message: Self.text(cairo, status))
        }
        if format == .svg { cairo.pointee.cairo_svg_surface_set_document_unit(made, CAIRO_SVG_UNIT_PX) }
        guard let context = cairo.pointee.cairo_create(made) else {
            cairo.pointee.cairo_surface_destroy(made)
            throw .cairo(operation: "create a drawing context", message: "no context")
        }
        surface = made
        cr = context
        try check("create a drawing context")
        cairo.pointee.cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo.pointee.cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    }

    deinit {
        cairo.pointee.cairo_destroy(cr)
        cairo.pointee.cairo_surface_destroy(surface)
    }

    private static func text(_ cairo: UnsafePointer<MekongCairo>, _ status: cairo_status_t) -> String {
        guard let text = cairo.pointee.cairo_status_to_string(status) else { return "status \(status.rawValue)" }
        return String(cString: text)
    }

    /// Throws when the context has entered an error state (Cairo then ignores every later call).
    func check(_ operation: String) throws(MapError) {
        let status = cairo.pointee.cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: operation, message: Self.text(cairo, status)) }
    }

    /// Finishes the surface and returns the file's bytes.
    func finish() throws(MapError) -> [UInt8] {
        try check("draw the map")
        precondition(!finished, "a canvas is finished once")
        finished = true
        cairo.pointee.cairo_surface_flush(surface)
        if format == .png {
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            let status = cairo.pointee.cairo_surface_write_to_png_stream(surface, Self.write, closure)
            guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: "encode the PNG", message: Self.text(cairo, status)) }
        } else {
            cairo.pointee.cairo_surface_finish(surface)
            let status = cairo.pointee.cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: "write the \(format.rawValue)", message: Self.text(cairo, status)) }
        }
        return sink.bytes
    }

    // MARK: drawing

    func save() { cairo.pointee.cairo_save(cr) }
    func restore() { cairo.pointee.cairo_restore(cr) }
    func newPath() { cairo.pointee.cairo_new_path(cr) }
    func move(_ x: Double, _ y: Double) { cairo.pointee.cairo_move_to(cr, x, y) }
    func line(_ x: Double, _ y: Double) { cairo.pointee.cairo_line_to(cr, x, y) }
    func closePath() { cairo.pointee.cairo_close_path(cr) }
    func rectangle(_ r: PixelRect) { cairo.pointee.cairo_rectangle(cr, r.x, r.y, r.width, r.height) }
    func circle(_ x: Double, _ y: Double, radius: Double) {
        cairo.pointee.cairo_new_sub_path(cr)
        cairo.pointee.cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
    }
    func clip() { cairo.pointee.cairo_clip(cr) }
    func set(_ c: Colour) { cairo.pointee.cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    func lineWidth(_ w: Double) { cairo.pointee.cairo_set_line_width(cr, w) }
    func dash(_ pattern: [Double]) { pattern.withUnsafeBufferPointer { cairo.pointee.cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) } }
    func evenOdd() { cairo.pointee.cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD) }
    func stroke() { cairo.pointee.cairo_stroke(cr) }
    func strokePreserve() { cairo.pointee.cairo_stroke_preserve(cr) }
    func fill() { cairo.pointee.cairo_fill(cr) }
    func fillPreserve() { cairo.pointee.cairo_fill_preserve(cr) }
    func paint() { cairo.pointee.cairo_paint(cr) }

    /// Chooses the font for the following text: DejaVu Sans (fontconfig falls back to any sans).
    func font(size: Double, bold: Bool = false, italic: Bool = false) {
        cairo.pointee.cairo_select_font_face(cr, "DejaVu Sans", italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo.pointee.cairo_set_font_size(cr, size)
    }

    /// The ink box of `text` in the current font, relative to the baseline origin
    /// (`cairo_text_extents`): x, y (negative above the baseline), width, height and the advance.
    func extents(_ text: String) -> (box: PixelRect, advance: Double) {
        var e = cairo_text_extents_t()
        cairo.pointee.cairo_text_extents(cr, text, &e)
        return (PixelRect(x: e.x_bearing, y: e.y_bearing, width: e.width, height: e.height), e.x_advance)
    }

    /// The font's ascent and descent, pixels, for line boxes that do not depend on the letters.
    func fontHeight() -> (ascent: Double, descent: Double) {
        var e = cairo_font_extents_t()
        cairo.pointee.cairo_font_extents(cr, &e)
        return (e.ascent, e.descent)
    }

    /// Draws `text` with its baseline starting at (x, y), optionally with a halo of `halo`
    /// pixels around the glyphs so it reads over lines and fills.
    func text(_ text: String, x: Double, y: Double, colour: Colour, halo: Double = 0, haloColour: Colour = .white) {
        if halo > 0 {
            newPath()
            move(x, y)
            cairo.pointee.cairo_text_path(cr, text)
            set(haloColour)
            lineWidth(halo * 2)
            dash([])
            strokePreserve()
            set(colour)
            fill()
        } else {
            move(x, y)
            set(colour)
            cairo.pointee.cairo_show_text(cr, text)
            newPath()
        }
    }
}
