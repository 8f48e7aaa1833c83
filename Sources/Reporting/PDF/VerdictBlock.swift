// A verdict box in the PDF: tinted panel with a coloured bar, the outcome as a text label and
// symbol (never colour alone), the claim, the explanation and the evidence rows.

@preconcurrency import CCairo

/// An unbreakable verdict box.
final class VerdictBlock: PDFBlock {
    let metrics: BlockMetrics
    private let outcome: VerdictOutcome
    private let label: TextLayout
    private let claim: TextLayout
    private let explanation: TextLayout?
    private let evidence: [[TextLayout]]
    private let evidenceColumns: [Double]
    private let width: Double

    private static let padding = 9.0
    private static let barWidth = 3.5
    private static let gap = 4.0
    private static let evidenceRowGap = 1.5

    /// Lays out `verdict` in a box `width` points wide.
    init(_ verdict: Verdict, width: Double, spaceBefore: Double, context: OpaquePointer) throws(PDFRenderingError) {
        outcome = verdict.outcome
        self.width = width
        let inner = width - 2 * Self.padding - Self.barWidth
        let colour = Self.colour(verdict.outcome)
        label = try TextLayout(
            markup: "<b>" + PangoMarkup.escape(verdict.outcome.symbol + "  " + verdict.outcome.label.uppercased()) + "</b>",
            style: TextStyle(font: "DejaVu Sans 7.5", colour: colour), width: inner, context: context)
        claim = try TextLayout(markup: "<b>" + PangoMarkup.markup(MarkdownParser.parseInline(verdict.claim)) + "</b>",
                               style: TextStyle(font: "DejaVu Serif 9", lineSpacing: 1.15), width: inner,
                               context: context)
        explanation = verdict.explanation.isEmpty ? nil : try TextLayout(
            markup: PangoMarkup.markup(MarkdownParser.parseInline(verdict.explanation)),
            style: TextStyle(font: "DejaVu Serif 8.8", lineSpacing: 1.15, justify: true), width: inner,
            context: context)

        let evidenceStyle = TextStyle(font: "DejaVu Sans Condensed 7.5")
        var headerStyle = evidenceStyle
        headerStyle.font = "DejaVu Sans Condensed Bold 7.5"
        let columns = verdict.evidence.isEmpty ? [] : [inner * 0.3, inner * 0.3, inner * 0.4]
        evidenceColumns = columns
        var evidence: [[TextLayout]] = []
        if !verdict.evidence.isEmpty {
            let rows = [["Quantity", "Measured", "Criterion"]]
                + verdict.evidence.map { [$0.quantity, $0.measured, $0.criterion] }
            for (index, row) in rows.enumerated() {
                var cells: [TextLayout] = []
                for (column, text) in row.enumerated() {
                    cells.append(try TextLayout(markup: PangoMarkup.escape(text),
                                                style: index == 0 ? headerStyle : evidenceStyle,
                                                width: columns[column] - 6, context: context))
                }
                evidence.append(cells)
            }
        }
        self.evidence = evidence
        var height = 2 * Self.padding + label.height + Self.gap + claim.height
        if let explanation { height += Self.gap + explanation.height }
        if !evidence.isEmpty {
            height += Self.gap + 2 + evidence.reduce(0) { $0 + ($1.map(\.height).max() ?? 0) + Self.evidenceRowGap }
        }
        metrics = .unbreakable(height: height, spaceBefore: spaceBefore)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let context = page.context
        let height = metrics.rowHeights[0]
        let colour = Self.colour(outcome)
        let tint = Self.tint(outcome)
        cairo_save(context)
        cairo_rectangle(context, page.left, y, width, height)
        cairo_set_source_rgb(context, tint.0, tint.1, tint.2)
        cairo_fill_preserve(context)
        cairo_set_source_rgb(context, colour.0, colour.1, colour.2)
        cairo_set_line_width(context, 0.5)
        cairo_stroke(context)
        cairo_rectangle(context, page.left, y, Self.barWidth, height)
        cairo_fill(context)
        cairo_restore(context)

        let x = page.left + Self.barWidth + Self.padding
        var cursor = y + Self.padding
        label.draw(x: x, y: cursor, context: context)
        cursor += label.height + Self.gap
        claim.draw(x: x, y: cursor, context: context)
        cursor += claim.height
        if let explanation {
            cursor += Self.gap
            explanation.draw(x: x, y: cursor, context: context)
            cursor += explanation.height
        }
        guard !evidence.isEmpty else { return }
        cursor += Self.gap + 2
        for (index, row) in evidence.enumerated() {
            var cellX = x
            for (column, cell) in row.enumerated() {
                cell.draw(x: cellX, y: cursor, context: context)
                cellX += evidenceColumns[column]
            }
            cursor += (row.map(\.height).max() ?? 0) + Self.evidenceRowGap
            if index == 0 {
                cairo_save(context)
                cairo_set_source_rgba(context, 0, 0, 0, 0.3)
                cairo_set_line_width(context, 0.4)
                cairo_move_to(context, x, cursor - Self.evidenceRowGap / 2)
                cairo_line_to(context, page.left + width - Self.padding, cursor - Self.evidenceRowGap / 2)
                cairo_stroke(context)
                cairo_restore(context)
            }
        }
    }

    /// The outcome's strong colour (text label, bar, border).
    static func colour(_ outcome: VerdictOutcome) -> (Double, Double, Double) {
        switch outcome {
        case .reproduced: (0.106, 0.431, 0.227)
        case .notReproduced: (0.651, 0.106, 0.106)
        case .inconclusive: (0.478, 0.361, 0.0)
        }
    }

    private static func tint(_ outcome: VerdictOutcome) -> (Double, Double, Double) {
        switch outcome {
        case .reproduced: (0.933, 0.965, 0.941)
        case .notReproduced: (0.984, 0.937, 0.933)
        case .inconclusive: (0.984, 0.965, 0.902)
        }
    }
}
