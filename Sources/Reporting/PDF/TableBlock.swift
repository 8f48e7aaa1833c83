// A table in the PDF, booktabs style (rules above and below, a thin rule under the header), that
// breaks between rows and repeats its header on every page. Also sets the key/value provenance table.

@preconcurrency import CCairo

/// A breakable table block.
final class TableBlock: PDFBlock {
    /// The look of a table.
    enum Style {
        /// Numbered data table: bold header, three horizontal rules.
        case booktabs
        /// Two-column label/value list without header (provenance).
        case keyValue
    }

    let metrics: BlockMetrics
    private let style: Style
    private let header: [TextLayout]
    private let rows: [[TextLayout]]
    private let alignments: [ColumnAlignment]
    private let columnWidths: [Double]
    private let tableWidth: Double
    private let headerHeight: Double
    /// Whether cells were laid out without a wrap width, so alignment is applied when drawing
    /// rather than by Pango.
    private let cellsAreUnwrapped: Bool

    static let horizontalPadding = 5.0
    static let verticalPadding = 2.4
    static let heavyRule = 0.8
    static let lightRule = 0.4

    /// Lays out `table` within `width` points.
    init(_ table: ReportTable, style: Style, width: Double, spaceBefore: Double,
         context: OpaquePointer) throws(PDFRenderingError) {
        self.style = style
        let bodyStyle = TextStyle(font: "DejaVu Sans Condensed 7.8")
        var headerStyle = bodyStyle
        headerStyle.font = "DejaVu Sans Condensed Bold 7.8"
        var labelStyle = headerStyle
        labelStyle.colour = (0.36, 0.37, 0.40)
        let columnCount = table.header.count
        alignments = (0..<columnCount).map(table.alignment(ofColumn:))

        func cellStyle(column: Int, isHeader: Bool) -> TextStyle {
            var cellStyle = isHeader ? headerStyle : (style == .keyValue && column == 0 ? labelStyle : bodyStyle)
            cellStyle.alignment = table.alignment(ofColumn: column)
            return cellStyle
        }
        func layOut(_ text: String, column: Int, isHeader: Bool, width: Double?) throws(PDFRenderingError) -> TextLayout {
            try TextLayout(markup: PangoMarkup.escape(text), style: cellStyle(column: column, isHeader: isHeader),
                           width: width, context: context)
        }

        let showsHeader = style == .booktabs
        var naturalHeader: [TextLayout] = []
        if showsHeader {
            for (column, text) in table.header.enumerated() {
                naturalHeader.append(try layOut(text, column: column, isHeader: true, width: nil))
            }
        }
        var naturalRows: [[TextLayout]] = []
        for row in table.rows {
            var cells: [TextLayout] = []
            for (column, text) in row.enumerated() {
                cells.append(try layOut(text, column: column, isHeader: false, width: nil))
            }
            naturalRows.append(cells)
        }
        let naturalWidths = (0..<columnCount).map { column in
            ((showsHeader ? [naturalHeader[column]] : []) + naturalRows.map { $0[column] })
                .map(\.naturalWidth).max() ?? 0
        }
        let padding = 2 * Self.horizontalPadding * Double(columnCount)
        var widths = naturalWidths
        if naturalWidths.reduce(0, +) > width - padding {
            // The longest word of each column, measured only when something must wrap.
            var wordWidths = Array(repeating: 0.0, count: columnCount)
            for (row, isHeader) in (showsHeader ? [(table.header, true)] : []) + table.rows.map({ ($0, false) }) {
                for (column, text) in row.enumerated() {
                    let longest = text.split(whereSeparator: \.isWhitespace).max { $0.count < $1.count }
                    if let longest, longest.count > 1 {
                        let word = try layOut(String(longest), column: column, isHeader: isHeader, width: nil)
                        wordWidths[column] = max(wordWidths[column], word.naturalWidth)
                    }
                }
            }
            widths = TableLayout.columnWidths(naturalWidths: naturalWidths, wordWidths: wordWidths, available: width - padding)
        }
        if style == .keyValue, columnCount == 2 {
            widths[1] = max(widths[1], width - padding - widths[0])
        }
        columnWidths = widths
        tableWidth = min(width, widths.reduce(0, +) + padding)

        cellsAreUnwrapped = widths == naturalWidths
        if cellsAreUnwrapped {
            header = naturalHeader
            rows = naturalRows
        } else {
            var wrappedHeader: [TextLayout] = []
            if showsHeader {
                for (column, text) in table.header.enumerated() {
                    wrappedHeader.append(try layOut(text, column: column, isHeader: true, width: widths[column]))
                }
            }
            var wrappedRows: [[TextLayout]] = []
            for row in table.rows {
                var cells: [TextLayout] = []
                for (column, text) in row.enumerated() {
                    cells.append(try layOut(text, column: column, isHeader: false, width: widths[column]))
                }
                wrappedRows.append(cells)
            }
            header = wrappedHeader
            rows = wrappedRows
        }

        func rowHeight(_ cells: [TextLayout]) -> Double {
            (cells.map(\.height).max() ?? 0) + 2 * Self.verticalPadding
        }
        headerHeight = showsHeader ? rowHeight(header) + Self.heavyRule + Self.lightRule : 0
        let rowHeights = rows.map(rowHeight)
        let closingRule = showsHeader ? Self.heavyRule + 2 : 0
        metrics = BlockMetrics(spaceBefore: spaceBefore, headerHeight: headerHeight,
                               rowHeights: rowHeights.indices.map { index in
                                   rowHeights[index] + (index == rowHeights.count - 1 ? closingRule : 0)
                               },
                               keepWithNext: false, minimumRowsTogether: min(2, max(1, rowHeights.count)))
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let context = page.context
        let left = page.left
        var cursor = y
        if style == .booktabs {
            rule(context, left: left, y: cursor + Self.heavyRule / 2, width: Self.heavyRule)
            cursor += Self.heavyRule
            drawRow(header, left: left, top: cursor, context: context)
            cursor += headerHeight - Self.heavyRule - Self.lightRule
            rule(context, left: left, y: cursor + Self.lightRule / 2, width: Self.lightRule)
            cursor += Self.lightRule
        }
        for index in placement.rows {
            drawRow(rows[index], left: left, top: cursor, context: context)
            let height = (rows[index].map(\.height).max() ?? 0) + 2 * Self.verticalPadding
            cursor += height
            if style == .keyValue && index < rows.count - 1 {
                cairo_save(context)
                cairo_set_source_rgb(context, 0.88, 0.88, 0.9)
                cairo_set_line_width(context, 0.3)
                cairo_move_to(context, left, cursor)
                cairo_line_to(context, left + tableWidth, cursor)
                cairo_stroke(context)
                cairo_restore(context)
            }
        }
        if style == .booktabs {
            rule(context, left: left, y: cursor + Self.heavyRule / 2, width: Self.heavyRule)
        }
    }

    private func drawRow(_ cells: [TextLayout], left: Double, top: Double, context: OpaquePointer) {
        var x = left
        for (column, cell) in cells.enumerated() {
            let cellWidth = columnWidths[column]
            let slack = cellsAreUnwrapped ? max(0, cellWidth - cell.naturalWidth) : 0
            let offset: Double = switch alignments[column] {
            case .left: 0
            case .center: slack / 2
            case .right: slack
            }
            cell.draw(x: x + Self.horizontalPadding + offset, y: top + Self.verticalPadding, context: context)
            x += cellWidth + 2 * Self.horizontalPadding
        }
    }

    private func rule(_ context: OpaquePointer, left: Double, y: Double, width: Double) {
        cairo_save(context)
        cairo_set_source_rgb(context, 0.12, 0.12, 0.14)
        cairo_set_line_width(context, width)
        cairo_move_to(context, left, y)
        cairo_line_to(context, left + tableWidth, y)
        cairo_stroke(context)
        cairo_restore(context)
    }
}
