// SVG output: the figure drawn on a Cairo SVG surface that streams into memory.

@preconcurrency import CCairo

extension Figure {
    /// The figure as a standalone SVG document of `width` × `height` points (`width="…pt"`), UTF-8 text.
    /// Text is drawn as glyph outlines (Cairo 1.16), so the SVG needs no fonts to display.
    public func svg(width: Double, height: Double) throws -> String {
        guard width.isFinite, height.isFinite, width > 0, height > 0 else {
            throw PlotError.invalidSize(width: width, height: height)
        }
        let sink = CairoByteSink()
        try withExtendedLifetime(sink) {
            let surface = cairo_svg_surface_create_for_stream(CairoByteSink.write, sink.opaque, width, height)!
            defer { cairo_surface_destroy(surface) }
            cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
            try render(onto: surface, width: width, height: height)
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Draws the figure on a fresh context over `surface`, then finishes the surface so every byte is written.
    func render(onto surface: OpaquePointer, width: Double, height: Double) throws {
        try checkCairo(cairo_surface_status(surface))
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        try draw(in: context, x: 0, y: 0, width: width, height: height)
        cairo_surface_finish(surface)
        try checkCairo(cairo_surface_status(surface))
    }
}
