// Turns a numbered report into measured PDF blocks (title block, summary, contents, body), recording
// which block carries which anchor so links and bookmarks can point at it after pagination.

/// The measured blocks of one PDF report.
struct PDFTypesetter {
    /// Blocks in reading order.
    private(set) var blocks: [any PDFBlock] = []
    /// The heading blocks and their anchors ("sec-2-1", "provenance"), targets of links and bookmarks.
    private(set) var anchors: [(block: Int, anchor: String)] = []

    private let width: Double
    private let maximumFigureHeight: Double
    private let context: OpaquePointer

    private static let bodyStyle = TextStyle(font: "DejaVu Serif 9.4", lineSpacing: 1.24, justify: true)
    private static let captionStyle = TextStyle(font: "DejaVu Sans 7.8", colour: (0.2, 0.2, 0.22), lineSpacing: 1.15)
    private static let mutedColour = (0.42, 0.42, 0.45)

    /// Measures every element of `document` for a text area of `geometry`, using `context` (the PDF's
    /// `cairo_t`) for font metrics.
    init(_ document: NumberedDocument, geometry: PageGeometry, context: OpaquePointer) throws(PDFRenderingError) {
        width = geometry.textWidth
        maximumFigureHeight = geometry.textHeight - 80
        self.context = context
        try titleBlock(document)
        for element in document.elements {
            try add(element)
        }
    }

    private mutating func append(_ block: any PDFBlock, anchor: String? = nil) {
        if let anchor { anchors.append((blocks.count, anchor)) }
        blocks.append(block)
    }

    private mutating func titleBlock(_ document: NumberedDocument) throws(PDFRenderingError) {
        let report = document.report
        append(try TextBlock(markup: "<b>" + PangoMarkup.escape(report.title) + "</b>",
                             style: TextStyle(font: "DejaVu Sans 17", lineSpacing: 1.1), width: width,
                             spaceBefore: 0, keepWithNext: true, breakable: false, context: context))
        let byline = report.provenance.byline
        if !byline.isEmpty {
            append(try TextBlock(markup: PangoMarkup.escape(byline),
                                 style: TextStyle(font: "DejaVu Sans 8", colour: Self.mutedColour), width: width,
                                 spaceBefore: 5, keepWithNext: true, breakable: false, context: context))
        }
        append(RuleBlock(lineWidth: 1.1, height: 6, spaceBefore: 4))
        if !document.summary.isEmpty {
            try label("Summary", spaceBefore: 8)
            try prose(document.summary, style: TextStyle(font: "DejaVu Serif 9", lineSpacing: 1.22, justify: true),
                      indent: 14, rightIndent: 14)
        }
        if !document.outline.isEmpty {
            try label("Contents", spaceBefore: 16)
            append(try ContentsBlock(document.outline, width: width, spaceBefore: 2, context: context))
        }
    }

    private mutating func label(_ text: String, spaceBefore: Double) throws(PDFRenderingError) {
        append(try TextBlock(markup: "<b>" + PangoMarkup.escape(text.uppercased()) + "</b>",
                             style: TextStyle(font: "DejaVu Sans 7.2", colour: Self.mutedColour), width: width,
                             spaceBefore: spaceBefore, keepWithNext: true, breakable: false, context: context))
    }

    private mutating func add(_ element: DocumentElement) throws(PDFRenderingError) {
        switch element {
        case .heading(let entry):
            let number = entry.number.isEmpty
                ? "" : "<span foreground=\"#6b6b70\">" + PangoMarkup.escape(entry.number) + "</span>    "
            let font = entry.level == 1 ? "DejaVu Sans Bold 11.5" : "DejaVu Sans Bold 9.6"
            append(try TextBlock(markup: number + PangoMarkup.escape(entry.title),
                                 style: TextStyle(font: font, lineSpacing: 1.1), width: width,
                                 spaceBefore: entry.level == 1 ? 18 : 12, keepWithNext: true, breakable: false,
                                 context: context),
                   anchor: entry.anchor)
        case .prose(let blocks):
            try prose(blocks, style: Self.bodyStyle, indent: 0, rightIndent: 0)
        case .table(let table, let number, _):
            append(try caption("Table \(number).", table.caption, spaceBefore: 12, keepWithNext: true))
            append(try TableBlock(table, style: .booktabs, width: width, spaceBefore: 4, context: context))
        case .figure(let cell, let number, _):
            append(FigureBlock(cell, maximumWidth: width, maximumHeight: maximumFigureHeight, spaceBefore: 14))
            append(try caption("Figure \(number).", cell.caption, spaceBefore: 6, keepWithNext: false))
        case .verdict(let verdict):
            append(try VerdictBlock(verdict, width: width, spaceBefore: 11, context: context))
        case .code(let code):
            if !code.title.isEmpty || !code.language.isEmpty {
                let language = code.language.isEmpty
                    ? "" : "  <span font_family=\"DejaVu Sans Mono\" foreground=\"#6b6b70\">"
                        + PangoMarkup.escape(code.language) + "</span>"
                append(try TextBlock(markup: "<b>" + PangoMarkup.escape(code.title) + "</b>" + language,
                                     style: Self.captionStyle, width: width, spaceBefore: 11, keepWithNext: true,
                                     breakable: false, context: context))
            }
            append(try VerbatimBlock(code.text, width: width, spaceBefore: 4, context: context))
        case .provenance(let rows):
            let table = ReportTable(header: ["", ""], rows: rows.map { [$0.label, $0.value] })
            append(try TableBlock(table, style: .keyValue, width: width, spaceBefore: 6, context: context))
        }
    }

    private func caption(_ label: String, _ text: String, spaceBefore: Double,
                         keepWithNext: Bool) throws(PDFRenderingError) -> TextBlock {
        let body = PangoMarkup.markup(MarkdownParser.parseInline(text))
        return try TextBlock(markup: "<b>" + PangoMarkup.escape(label) + "</b> " + body, style: Self.captionStyle,
                             width: width, spaceBefore: spaceBefore, keepWithNext: keepWithNext,
                             breakable: false, context: context)
    }

    private mutating func prose(_ blocks: [MarkdownBlock], style: TextStyle, indent: Double,
                                rightIndent: Double) throws(PDFRenderingError) {
        let paragraphGap = 5.5
        for block in blocks {
            switch block {
            case .paragraph(let spans):
                append(try TextBlock(markup: PangoMarkup.markup(spans), style: style, width: width - rightIndent,
                                     indent: indent, links: PangoMarkup.links(spans), spaceBefore: paragraphGap,
                                     context: context))
            case .bulletList(let items):
                for (index, item) in items.enumerated() {
                    append(try TextBlock(markup: PangoMarkup.markup(item), style: style,
                                         width: width - rightIndent, indent: indent + 16, marker: "•",
                                         links: PangoMarkup.links(item),
                                         spaceBefore: index == 0 ? paragraphGap : 2, context: context))
                }
            case .numberedList(let start, let items):
                for (index, item) in items.enumerated() {
                    append(try TextBlock(markup: PangoMarkup.markup(item), style: style,
                                         width: width - rightIndent, indent: indent + 18, marker: "\(start + index).",
                                         links: PangoMarkup.links(item),
                                         spaceBefore: index == 0 ? paragraphGap : 2, context: context))
                }
            }
        }
    }
}
