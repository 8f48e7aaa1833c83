// A figure as report.json lists it: its number, the base name of its files and where they are, so a
// reader can reuse a plot without cutting it out of the report.

/// One figure of an archived report and its files.
public struct FigureSummary: Codable, Sendable, Equatable {
    /// The figure number in the report ("Figure 2").
    public var number: Int
    /// The base name of its files, e.g. "fig-02-final-loss-against-model-size".
    public var name: String
    /// The figure's own title, nil when it has none.
    public var title: String?
    /// The caption (inline Markdown, as the report prints it after "Figure n.").
    public var caption: String
    /// Width of the drawing in points (1/72 inch).
    public var width: Double
    /// Height of the drawing in points.
    public var height: Double
    /// The files, relative to the report folder: figures/NAME.svg, figures/NAME.pdf, figures/NAME.png.
    public var files: [String]

    /// Creates a figure summary.
    public init(number: Int, name: String, title: String?, caption: String, width: Double, height: Double,
                files: [String]) {
        self.number = number
        self.name = name
        self.title = title
        self.caption = caption
        self.width = width
        self.height = height
        self.files = files
    }

    enum CodingKeys: String, CodingKey {
        case number, name, title, caption, files
        case width = "width_points"
        case height = "height_points"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(name, forKey: .name)
        try container.encode(title, forKey: .title)
        try container.encode(caption, forKey: .caption)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(files, forKey: .files)
    }
}
