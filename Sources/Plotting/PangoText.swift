// Pango on Cairo: measuring and drawing markup with identical font settings on every surface.

@preconcurrency import CCairo
@preconcurrency import CPangoCairo
import Foundation

/// Creates Pango layouts whose metrics do not depend on the surface: 72 dpi (1 font point = 1 unit) and
/// no metric hinting, so a layout measured on an image surface matches the same text drawn into a PDF.
enum PangoText {
    /// A layout for `markup` in `font` bound to `cairo`. The caller releases it with `release`.
    static func makeLayout(cairo: OpaquePointer, markup: String, font: Font) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cairo)!
        let pangoContext = pango_layout_get_context(layout)
        pango_cairo_context_set_resolution(pangoContext, 72)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(pangoContext, options)
        cairo_font_options_destroy(options)
        pango_layout_context_changed(layout)
        let description = pango_font_description_from_string(font.pangoDescription)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_markup(layout, markup, -1)
        return layout
    }

    static func release(_ layout: OpaquePointer) {
        g_object_unref(UnsafeMutableRawPointer(layout))
    }

    /// The logical size of a layout in points (fractional, not rounded to pixels).
    static func size(of layout: OpaquePointer) -> Size {
        var width: Int32 = 0
        var height: Int32 = 0
        pango_layout_get_size(layout, &width, &height)
        return Size(width: Double(width) / Double(PANGO_SCALE), height: Double(height) / Double(PANGO_SCALE))
    }

    /// Draws `box` (over its background, if any) with the layout's top-left at the box's top-left
    /// (bottom-left, reading upwards, if vertical).
    static func draw(_ box: TextBox, in cairo: OpaquePointer) {
        let layout = makeLayout(cairo: cairo, markup: box.markup, font: box.font)
        defer { release(layout) }
        cairo_save(cairo)
        if let background = box.background {
            let halo = box.rect.insetBy(-1)
            cairo_set_source_rgba(cairo, background.red, background.green, background.blue, background.alpha)
            cairo_rectangle(cairo, halo.x, halo.y, halo.width, halo.height)
            cairo_fill(cairo)
        }
        cairo_set_source_rgba(cairo, box.color.red, box.color.green, box.color.blue, box.color.alpha)
        if box.isVertical {
            cairo_move_to(cairo, box.rect.minX, box.rect.maxY)
            cairo_rotate(cairo, -Double.pi / 2)
        } else {
            cairo_move_to(cairo, box.rect.minX, box.rect.minY)
        }
        pango_cairo_update_layout(cairo, layout)
        pango_cairo_show_layout(cairo, layout)
        cairo_restore(cairo)
    }
}

/// Measures markup with Pango on a private 1×1 image surface, caching repeated requests.
/// Not thread-safe: use one per layout pass.
public final class PangoTextMeasurer: TextMeasuring {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private var cache: [String: Size] = [:]

    public init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        cairo = cairo_create(surface)
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    public func size(ofMarkup markup: String, font: Font) -> Size {
        let key = font.pangoDescription + "\u{0}" + markup
        if let cached = cache[key] { return cached }
        let measured = TextRenderingLock.run {
            let layout = PangoText.makeLayout(cairo: cairo, markup: markup, font: font)
            defer { PangoText.release(layout) }
            return PangoText.size(of: layout)
        }
        cache[key] = measured
        return measured
    }

    /// How far below the top of its layout the first line of `markup` in `font` has its baseline, in points.
    public func baseline(ofMarkup markup: String, font: Font) -> Double {
        TextRenderingLock.run {
            let layout = PangoText.makeLayout(cairo: cairo, markup: markup, font: font)
            defer { PangoText.release(layout) }
            return Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE)
        }
    }

    /// How many characters of `markup` no installed font can show (drawn as boxes); 0 when all are covered.
    public func missingGlyphCount(inMarkup markup: String, font: Font) -> Int {
        TextRenderingLock.run {
            let layout = PangoText.makeLayout(cairo: cairo, markup: markup, font: font)
            defer { PangoText.release(layout) }
            return Int(pango_layout_get_unknown_glyphs_count(layout))
        }
    }
}
