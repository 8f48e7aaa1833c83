// The report document: title, summary, provenance and ordered sections of cells. A plain value that
// both renderers (HTML, PDF) read; numbering of headings, figures and tables is derived, not stored.

/// A notebook-style study report.
///
/// A study builds one `Report`, then hands it to `ReportArchive.write` (or directly to
/// `HTMLRenderer`/`PDFRenderer`). Headings, figures and tables are numbered automatically in
/// document order.
public struct Report: Sendable {
    /// The report title, shown at the top and used as the PDF title.
    public var title: String
    /// A short abstract in Markdown (CommonMark with `$…$` formulas, see `MarkdownParser`); may be empty.
    public var summary: String
    /// Where, when and from what the results came.
    public var provenance: Provenance
    /// The numbered sections, in order.
    public var sections: [ReportSection]

    /// Creates a report.
    public init(title: String, summary: String = "", provenance: Provenance = Provenance(),
                sections: [ReportSection] = []) {
        self.title = title
        self.summary = summary
        self.provenance = provenance
        self.sections = sections
    }

    /// Every verdict in the report, in document order (used by the archive index).
    public var verdicts: [Verdict] {
        sections.flatMap(\.allCells).compactMap { cell in
            if case .verdict(let verdict) = cell { return verdict }
            return nil
        }
    }
}
