// A numbered section of a report: a heading, its cells, and optional subsections (numbered 2.1, 2.2).

/// A section of a report. Top-level sections are numbered 1, 2, …; subsections 1.1, 1.2, ….
public struct ReportSection: Sendable {
    /// The heading text (plain text, not Markdown).
    public var title: String
    /// The cells under the heading, before any subsection.
    public var cells: [ReportCell]
    /// Nested sections, rendered after `cells`.
    public var subsections: [ReportSection]

    /// Creates a section.
    public init(_ title: String, cells: [ReportCell] = [], subsections: [ReportSection] = []) {
        self.title = title
        self.cells = cells
        self.subsections = subsections
    }

    /// This section's cells followed by those of every subsection, depth first.
    public var allCells: [ReportCell] {
        cells + subsections.flatMap(\.allCells)
    }
}
