// A Pango layout owned by Swift: set up from markup with a font, width and alignment, measured line
// by line (so the paginator can break between lines) and drawn line by line onto a Cairo context.

import Foundation
@preconcurrency import CCairo
@preconcurrency import CPangoCairo

/// How a block of text is set.
struct TextStyle {
    /// Pango font description, e.g. "DejaVu Serif 9.5".
    var font: String
    /// Text colour as (red, green, blue) in 0…1.
    var colour: (Double, Double, Double) = (0.1, 0.1, 0.12)
    /// Line spacing factor (1 = the font's natural line height).
    var lineSpacing: Double = 1.0
    /// Horizontal alignment.
    var alignment: ColumnAlignment = .left
    /// Whether to justify wrapped lines.
    var justify = false
}

/// One measured line: where it sits inside its layout, in points.
struct LineMetrics {
    /// Offset of the line's top from the layout's top.
    let top: Double
    /// Height of the line including spacing.
    let height: Double
    /// Offset of the baseline from the line's top.
    let baseline: Double
    /// Offset of the line's left edge from the layout's left edge (alignment, indentation).
    let left: Double
}

/// A laid-out paragraph of styled text.
final class TextLayout {
    private let layout: OpaquePointer
    private let colour: (Double, Double, Double)
    /// The lines, top to bottom.
    let lines: [LineMetrics]
    /// Logical width of the laid-out text (the widest line), in points.
    let naturalWidth: Double

    /// Lays out `markup` (Pango markup, already escaped) in `style`, wrapping at `width` points
    /// (between words, or inside a word only when it is wider than a line), or not wrapping when
    /// `width` is nil.
    init(markup: String, style: TextStyle, width: Double?, context: OpaquePointer) throws(PDFRenderingError) {
        guard let layout = pango_cairo_create_layout(context) else { throw .pango("cannot create a layout") }
        self.layout = layout
        self.colour = style.colour
        let font = pango_font_description_from_string(style.font)
        pango_layout_set_font_description(layout, font)
        pango_font_description_free(font)
        if let width {
            pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        pango_layout_set_justify(layout, style.justify ? 1 : 0)
        pango_layout_set_alignment(layout, Self.pangoAlignment(style.alignment))
        if style.lineSpacing != 1.0 { pango_layout_set_line_spacing(layout, Float(style.lineSpacing)) }

        var attributes: OpaquePointer?
        var text: UnsafeMutablePointer<CChar>?
        var error: UnsafeMutablePointer<GError>?
        guard pango_parse_markup(markup, -1, 0, &attributes, &text, nil, &error) != 0, let text else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "unknown reason"
            if let error { g_error_free(error) }
            g_object_unref(UnsafeMutableRawPointer(layout))
            throw .pango("invalid text markup (\(reason)) in: \(markup.prefix(120))")
        }
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
        g_free(text)

        var lines: [LineMetrics] = []
        let iterator = pango_layout_get_iter(layout)
        repeat {
            var lineTop: Int32 = 0
            var lineBottom: Int32 = 0
            pango_layout_iter_get_line_yrange(iterator, &lineTop, &lineBottom)
            let baseline = pango_layout_iter_get_baseline(iterator)
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let scale = Double(PANGO_SCALE)
            lines.append(LineMetrics(top: Double(lineTop) / scale, height: Double(lineBottom - lineTop) / scale,
                                     baseline: Double(baseline - lineTop) / scale,
                                     left: Double(logical.x) / scale))
        } while pango_layout_iter_next_line(iterator) != 0
        pango_layout_iter_free(iterator)
        self.lines = lines

        var extents = PangoRectangle()
        pango_layout_get_extents(layout, nil, &extents)
        self.naturalWidth = Double(extents.width) / Double(PANGO_SCALE)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// Total height of all lines, in points.
    var height: Double { lines.reduce(0) { $0 + $1.height } }

    /// Height of lines `rows`, in points.
    func height(of rows: Range<Int>) -> Double {
        lines[rows].reduce(0) { $0 + $1.height }
    }

    /// Draws lines `rows` with the top of the first at (`x`, `y`).
    func draw(rows: Range<Int>, x: Double, y: Double, context: OpaquePointer) {
        cairo_set_source_rgb(context, colour.0, colour.1, colour.2)
        var lineTop = y
        for index in rows {
            let metrics = lines[index]
            cairo_move_to(context, x + metrics.left, lineTop + metrics.baseline)
            pango_cairo_show_layout_line(context, pango_layout_get_line_readonly(layout, Int32(index)))
            lineTop += metrics.height
        }
    }

    /// Draws every line with the top of the layout at (`x`, `y`).
    func draw(x: Double, y: Double, context: OpaquePointer) {
        draw(rows: 0..<lines.count, x: x, y: y, context: context)
    }

    /// Rectangles (x, y, width, height) covering the text in UTF-8 byte range `bytes` on lines
    /// `rows`, when those lines are drawn with their top at (`x`, `y`); one per line the range touches.
    func rectangles(coveringBytes bytes: Range<Int>, rows: Range<Int>, x: Double,
                    y: Double) -> [(x: Double, y: Double, width: Double, height: Double)] {
        var rectangles: [(x: Double, y: Double, width: Double, height: Double)] = []
        let scale = Double(PANGO_SCALE)
        var lineTop = y
        for index in rows {
            let line = pango_layout_get_line_readonly(layout, Int32(index))!
            let lineStart = Int(line.pointee.start_index)
            let lower = max(lineStart, bytes.lowerBound)
            let upper = min(lineStart + Int(line.pointee.length), bytes.upperBound)
            if lower < upper {
                var ranges: UnsafeMutablePointer<Int32>?
                var rangeCount: Int32 = 0
                pango_layout_line_get_x_ranges(line, Int32(lower), Int32(upper), &ranges, &rangeCount)
                if let ranges {
                    for range in 0..<Int(rangeCount) {
                        let start = Double(ranges[2 * range]) / scale
                        let end = Double(ranges[2 * range + 1]) / scale
                        rectangles.append((x + start, lineTop, end - start, lines[index].height))
                    }
                    g_free(ranges)
                }
            }
            lineTop += lines[index].height
        }
        return rectangles
    }

    private static func pangoAlignment(_ alignment: ColumnAlignment) -> PangoAlignment {
        switch alignment {
        case .left: PANGO_ALIGN_LEFT
        case .center: PANGO_ALIGN_CENTER
        case .right: PANGO_ALIGN_RIGHT
        }
    }
}
