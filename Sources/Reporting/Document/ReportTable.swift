// A table cell: header, rows of display strings, per-column alignment and an optional caption.

/// Horizontal alignment of a table column.
public enum ColumnAlignment: String, Sendable {
    case left, center, right
}

/// A numbered table. Cells are plain display strings (already formatted numbers, names, …).
public struct ReportTable: Sendable {
    /// Column headings; their count fixes the number of columns.
    public var header: [String]
    /// Data rows; each must have exactly `header.count` cells.
    public var rows: [[String]]
    /// One alignment per column; missing entries default to `.left`.
    public var alignments: [ColumnAlignment]
    /// Caption in the inline Markdown subset, shown after "Table n." (may be empty).
    public var caption: String

    /// Creates a table.
    public init(header: [String], rows: [[String]], alignments: [ColumnAlignment] = [],
                caption: String = "") {
        self.header = header
        self.rows = rows
        self.alignments = alignments
        self.caption = caption
    }

    /// The alignment of column `column`, `.left` when not given.
    public func alignment(ofColumn column: Int) -> ColumnAlignment {
        column < alignments.count ? alignments[column] : .left
    }
}
