// PNG output: the figure rasterised at a pixel density above 1 (2× by default) for sharp screens.

@preconcurrency import CCairo
import Foundation

extension Figure {
    /// The figure as PNG bytes: `width` × `height` points drawn at `scale` pixels per point, so the image
    /// is `ceil(width × scale)` × `ceil(height × scale)` pixels on an opaque white background.
    public func png(width: Double, height: Double, scale: Double = 2) throws -> Data {
        try TextRenderingLock.run {
            guard width.isFinite, height.isFinite, width > 0, height > 0, scale.isFinite, scale > 0 else {
                throw PlotError.invalidSize(width: width, height: height)
            }
            let pixelWidth = Int32((width * scale).rounded(.up)), pixelHeight = Int32((height * scale).rounded(.up))
            let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixelWidth, pixelHeight)!
            defer { cairo_surface_destroy(surface) }
            try checkCairo(cairo_surface_status(surface))
            let context = cairo_create(surface)!
            defer { cairo_destroy(context) }
            cairo_scale(context, scale, scale)
            try draw(in: context, x: 0, y: 0, width: width, height: height)
            cairo_surface_flush(surface)
            let sink = CairoByteSink()
            try withExtendedLifetime(sink) {
                try checkCairo(cairo_surface_write_to_png_stream(surface, CairoByteSink.write, sink.opaque))
            }
            return Data(sink.bytes)
        }
    }
}
