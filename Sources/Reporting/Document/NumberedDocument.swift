// The numbering pass shared by the HTML and PDF renderers: flattens a report into a sequence of
// elements with section numbers ("2.1"), figure and table numbers, and stable anchors.

/// A heading of the report's outline (table of contents, PDF bookmarks).
struct OutlineEntry: Equatable {
    /// "2.1" for numbered sections, "" for unnumbered ones (Provenance).
    let number: String
    /// Heading text.
    let title: String
    /// 1 for sections, 2 for subsections, and so on.
    let level: Int
    /// Anchor identifier, unique within the document, e.g. "sec-2-1".
    let anchor: String

    /// Number and title as one display string.
    var displayTitle: String { number.isEmpty ? title : number + "  " + title }
}

/// One thing to render, in document order.
enum DocumentElement {
    case heading(OutlineEntry)
    case prose([MarkdownBlock])
    /// A numbered table; `anchor` is "tab-n".
    case table(ReportTable, number: Int, anchor: String)
    /// A numbered figure; `anchor` is "fig-n".
    case figure(FigureCell, number: Int, anchor: String)
    case verdict(Verdict)
    case code(CodeBlock)
    /// The provenance rows (label, value), shown as an unnumbered key/value table.
    case provenance([(label: String, value: String)])
}

/// A report flattened and numbered.
struct NumberedDocument {
    /// The report being rendered.
    let report: Report
    /// Body elements (everything after the title block and summary), in order.
    let elements: [DocumentElement]
    /// Every heading, in order.
    let outline: [OutlineEntry]
    /// The summary parsed as Markdown.
    let summary: [MarkdownBlock]

    /// Numbers `report`. Sections are numbered 1, 2, … and 1.1, …; tables (including fit results
    /// and run tables) and figures are numbered separately from 1; provenance comes last, unnumbered.
    init(_ report: Report) {
        self.report = report
        var elements: [DocumentElement] = []
        var figureCount = 0
        var tableCount = 0

        func add(_ section: ReportSection, numbers: [Int]) {
            let number = numbers.map(String.init).joined(separator: ".")
            elements.append(.heading(OutlineEntry(
                number: number, title: section.title, level: numbers.count,
                anchor: "sec-" + numbers.map(String.init).joined(separator: "-"))))
            for cell in section.cells {
                switch cell {
                case .prose(let text): elements.append(.prose(MarkdownParser.parseBlocks(text)))
                case .table(let table):
                    tableCount += 1
                    elements.append(.table(table, number: tableCount, anchor: "tab-\(tableCount)"))
                case .fitResults(let fits):
                    tableCount += 1
                    elements.append(.table(fits.table, number: tableCount, anchor: "tab-\(tableCount)"))
                case .runs(let runs):
                    tableCount += 1
                    elements.append(.table(runs.table, number: tableCount, anchor: "tab-\(tableCount)"))
                case .figure(let figure):
                    figureCount += 1
                    elements.append(.figure(figure, number: figureCount, anchor: "fig-\(figureCount)"))
                case .verdict(let verdict): elements.append(.verdict(verdict))
                case .code(let code): elements.append(.code(code))
                }
            }
            for (index, subsection) in section.subsections.enumerated() {
                add(subsection, numbers: numbers + [index + 1])
            }
        }

        for (index, section) in report.sections.enumerated() {
            add(section, numbers: [index + 1])
        }
        let provenanceRows = report.provenance.rows
        if !provenanceRows.isEmpty {
            elements.append(.heading(OutlineEntry(number: "", title: "Provenance", level: 1,
                                                  anchor: "provenance")))
            elements.append(.provenance(provenanceRows))
        }
        self.elements = elements
        self.outline = elements.compactMap { element in
            if case .heading(let entry) = element { return entry }
            return nil
        }
        self.summary = MarkdownParser.parseBlocks(report.summary)
    }

    /// Every figure with its number, in order.
    var figures: [(cell: FigureCell, number: Int)] {
        elements.compactMap { element in
            if case .figure(let cell, let number, _) = element { return (cell, number) }
            return nil
        }
    }
}
