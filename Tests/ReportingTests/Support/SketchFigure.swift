// A test-only figure: log-log-like axes, a fitted line with markers, a circle and a text label,
// drawn with Cairo + Pango both into a given context (PDF) and onto a Cairo SVG surface (HTML).

import Foundation
@preconcurrency import CCairo
@preconcurrency import CPangoCairo
import Reporting

/// A small chart-like drawing standing in for Plotting's `Figure`.
struct SketchFigure: ReportFigure {
    /// The label drawn inside the plot (any UTF-8, including markup-like text).
    var label: String
    /// Slope of the line on the log-log-like axes.
    var slope: Double = -0.34
    /// When set, both drawing methods throw this error (for atomicity tests).
    var failure: SketchFigureError?

    func svg(width: Double, height: Double) throws -> String {
        if let failure { throw failure }
        let sink = ByteSink()
        let write: cairo_write_func_t = { closure, data, length in
            let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        try withExtendedLifetime(sink) {
            let surface = cairo_svg_surface_create_for_stream(write, Unmanaged.passUnretained(sink).toOpaque(),
                                                              width, height)!
            let context = cairo_create(surface)!
            defer { cairo_destroy(context) }
            try draw(in: context, x: 0, y: 0, width: width, height: height)
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
        }
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    func draw(in context: OpaquePointer, x: Double, y: Double, width: Double, height: Double) throws {
        if let failure { throw failure }
        cairo_save(context)
        defer { cairo_restore(context) }
        let left = x + 48, right = x + width - 16, top = y + 14, bottom = y + height - 36
        cairo_set_line_width(context, 0.8)
        cairo_set_source_rgb(context, 0.2, 0.2, 0.2)
        cairo_move_to(context, left, top)
        cairo_line_to(context, left, bottom)
        cairo_line_to(context, right, bottom)
        cairo_stroke(context)
        for decade in 0...4 {
            let tickX = left + Double(decade) / 4 * (right - left)
            cairo_move_to(context, tickX, bottom)
            cairo_line_to(context, tickX, bottom + 4)
            text(context, "10^\(decade + 5)", x: tickX - 12, y: bottom + 7, size: 7)
        }
        cairo_stroke(context)
        cairo_set_source_rgb(context, 0.0, 0.447, 0.698)
        cairo_set_line_width(context, 1.4)
        for step in 0...20 {
            let fraction = Double(step) / 20
            let pointX = left + fraction * (right - left)
            let pointY = top + (bottom - top) * (0.1 + 0.8 * fraction * -slope / 0.34)
            if step == 0 { cairo_move_to(context, pointX, pointY) } else { cairo_line_to(context, pointX, pointY) }
        }
        cairo_stroke(context)
        cairo_set_source_rgb(context, 0.835, 0.369, 0.0)
        cairo_arc(context, left + 0.5 * (right - left), top + 0.5 * (bottom - top), 5, 0, 2 * Double.pi)
        cairo_fill(context)
        cairo_set_source_rgb(context, 0.1, 0.1, 0.1)
        text(context, label, x: left + 0.55 * (right - left), y: top + 0.25 * (bottom - top), size: 9)
    }

    private func text(_ context: OpaquePointer, _ text: String, x: Double, y: Double, size: Double) {
        let layout = pango_cairo_create_layout(context)!
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let font = pango_font_description_from_string("DejaVu Sans \(size)")
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        pango_layout_set_text(layout, text, -1)
        cairo_move_to(context, x, y)
        pango_cairo_show_layout(context, layout)
    }
}

/// The error a failing `SketchFigure` throws.
struct SketchFigureError: Error, Equatable, Sendable {
    let reason: String
}

/// Collects the bytes Cairo's SVG surface writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}
