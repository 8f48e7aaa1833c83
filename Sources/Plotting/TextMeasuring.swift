// Fonts, placed text, and the text-measuring seam that lets layout run without a drawing surface.

/// A font request: family (fontconfig falls back for missing glyphs, e.g. to WenQuanYi for CJK), size, weight.
public struct Font: Sendable, Equatable {
    public var family: String
    /// Size in points.
    public var size: Double
    public var isBold: Bool

    public init(family: String = "DejaVu Sans", size: Double, isBold: Bool = false) {
        self.family = family
        self.size = size
        self.isBold = isBold
    }

    /// The Pango font description string, for example "DejaVu Sans Bold 12".
    var pangoDescription: String {
        "\(family)\(isBold ? " Bold" : "") \(size)"
    }
}

/// Measures Pango markup. Layout depends only on this, so tests can inject fixed-width metrics.
public protocol TextMeasuring {
    /// The logical size in points of `markup` set in `font` on one line.
    func size(ofMarkup markup: String, font: Font) -> Size
}

/// A piece of text placed by layout: markup, font and the box it occupies on the page.
public struct TextBox: Sendable, Equatable {
    public var markup: String
    public var font: Font
    /// The occupied box; for vertical text, the box after rotation.
    public var rect: Rect
    /// Whether the text reads bottom to top (rotated a quarter turn anticlockwise).
    public var isVertical: Bool
    /// The text colour.
    public var color: Color
    /// A fill drawn behind the text (keeps notes readable over data); nil for none.
    public var background: Color?

    public init(markup: String, font: Font, rect: Rect, isVertical: Bool = false, color: Color = .ink,
                background: Color? = nil) {
        self.markup = markup
        self.font = font
        self.rect = rect
        self.isVertical = isVertical
        self.color = color
        self.background = background
    }
}
