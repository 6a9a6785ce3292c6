internal import CCairo
import Foundation

/// A decoded PNG: width × height pixels, read through Cairo (`cairo_image_surface_create_from_png_stream`),
/// so tests and tools can look at what a map drew without another image library.
///
///     let image = try RasterImage(png: data)
///     let p = image.pixel(x: 10, y: 20)   // (red, green, blue, alpha), 0…255
public struct RasterImage: Sendable {
    /// One pixel, each channel 0…255, not premultiplied.
    public struct Pixel: Sendable, Hashable {
        /// The channels, 0…255.
        public var red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8

        /// A pixel from its four channels, 0…255.
        public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
            self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
        }
    }

    /// Width, pixels.
    public let width: Int
    /// Height, pixels.
    public let height: Int
    /// Row-major ARGB, premultiplied, as Cairo holds it (`0xAARRGGBB` in a `UInt32`).
    private let argb: [UInt32]

    /// Decodes PNG bytes.
    /// - Throws: ``MapError/cairo(operation:message:)`` with Cairo's reason when the bytes are no PNG.
    /// - Complexity: O(width × height).
    public init(png: Data) throws(MapError) {
        let cairo = try CairoLibrary.functions()
        final class Source { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
        let source = Source(Array(png))
        let read: cairo_read_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
            let source = Unmanaged<Source>.fromOpaque(closure).takeUnretainedValue()
            let n = Int(length)
            guard source.offset + n <= source.bytes.count else { return CAIRO_STATUS_READ_ERROR }
            source.bytes.withUnsafeBufferPointer { data.update(from: $0.baseAddress! + source.offset, count: n) }
            source.offset += n
            return CAIRO_STATUS_SUCCESS
        }
        let surface = withExtendedLifetime(source) {
            cairo.pointee.cairo_image_surface_create_from_png_stream(read, Unmanaged.passUnretained(source).toOpaque())
        }
        guard let surface else { throw .cairo(operation: "decode the PNG", message: "no surface") }
        defer { cairo.pointee.cairo_surface_destroy(surface) }
        let status = cairo.pointee.cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw .cairo(operation: "decode the PNG", message: cairo.pointee.cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)")
        }
        cairo.pointee.cairo_surface_flush(surface)
        let w = Int(cairo.pointee.cairo_image_surface_get_width(surface)), h = Int(cairo.pointee.cairo_image_surface_get_height(surface))
        let stride = Int(cairo.pointee.cairo_image_surface_get_stride(surface))
        let format = cairo.pointee.cairo_image_surface_get_format(surface)
        guard let base = cairo.pointee.cairo_image_surface_get_data(surface) else { throw .cairo(operation: "read the PNG's pixels", message: "no data") }
        var pixels = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(base + y * stride)
            for x in 0..<w {
                switch format {
                case CAIRO_FORMAT_ARGB32: pixels[y * w + x] = row.load(fromByteOffset: x * 4, as: UInt32.self)
                case CAIRO_FORMAT_RGB24: pixels[y * w + x] = row.load(fromByteOffset: x * 4, as: UInt32.self) | 0xFF00_0000
                case CAIRO_FORMAT_A8: pixels[y * w + x] = UInt32(row.load(fromByteOffset: x, as: UInt8.self)) << 24
                default: throw .cairo(operation: "read the PNG's pixels", message: "unexpected pixel format \(format.rawValue)")
                }
            }
        }
        width = w; height = h; argb = pixels
    }

    /// The pixel at column `x`, row `y` (0-based, y down), un-premultiplied.
    /// - Precondition: `0 ≤ x < width`, `0 ≤ y < height`.
    public func pixel(x: Int, y: Int) -> Pixel {
        let v = argb[y * width + x]
        let a = UInt8(v >> 24)
        func channel(_ shift: UInt32) -> UInt8 {
            let c = UInt32((v >> shift) & 0xFF)
            return a == 0 ? 0 : UInt8(min(255, (c * 255 + UInt32(a) / 2) / UInt32(a)))
        }
        return Pixel(red: channel(16), green: channel(8), blue: channel(0), alpha: a)
    }

    /// How many distinct colours the image holds: 1 for a blank image.
    /// - Complexity: O(width × height).
    public var distinctColourCount: Int { Set(argb).count }
}
