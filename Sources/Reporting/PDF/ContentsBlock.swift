// The table of contents on the PDF's first page: one linked row per heading with dotted leaders and
// the page number, filled in after pagination.

import Foundation
@preconcurrency import CCairo

/// A breakable list of headings linking to their pages.
final class ContentsBlock: PDFBlock {
    let metrics: BlockMetrics
    private let entries: [OutlineEntry]
    private let titles: [TextLayout]
    private let style: TextStyle

    private static let levelIndent = 16.0
    private static let numberPageWidth = 24.0

    /// Lays out one row per entry of `outline`.
    init(_ outline: [OutlineEntry], width: Double, spaceBefore: Double, context: OpaquePointer) throws(PDFRenderingError) {
        entries = outline
        style = TextStyle(font: "DejaVu Sans 8.6", lineSpacing: 1.25)
        var titles: [TextLayout] = []
        for entry in outline {
            var entryStyle = style
            if entry.level == 1 { entryStyle.font = "DejaVu Sans Bold 8.6" }
            let number = entry.number.isEmpty ? "" : PangoMarkup.escape(entry.number) + "  "
            titles.append(try TextLayout(
                markup: number + PangoMarkup.escape(entry.title), style: entryStyle,
                width: width - Double(entry.level - 1) * Self.levelIndent - Self.numberPageWidth - 12,
                context: context))
        }
        self.titles = titles
        metrics = BlockMetrics(spaceBefore: spaceBefore, headerHeight: 0,
                               rowHeights: titles.enumerated().map { index, title in
                                   title.height + (outline[index].level == 1 && index > 0 ? 3 : 0)
                               },
                               keepWithNext: false, minimumRowsTogether: 2)
    }

    func draw(_ placement: BlockPlacement, y: Double, on page: PageDrawing) throws {
        let context = page.context
        var cursor = y
        for index in placement.rows {
            let entry = entries[index]
            cursor += metrics.rowHeights[index] - titles[index].height
            let x = page.left + Double(entry.level - 1) * Self.levelIndent
            let destination = page.destinations[entry.anchor]
            if let destination { cairo_tag_begin(context, CAIRO_TAG_LINK, destination.linkAttributes) }
            titles[index].draw(x: x, y: cursor, context: context)
            if let destination, let lastLine = titles[index].lines.last {
                let pageNumber = try TextLayout(markup: String(destination.page), style: style, width: nil,
                                                context: context)
                let numberX = page.left + page.width - pageNumber.naturalWidth
                let lastTop = cursor + titles[index].height - lastLine.height
                pageNumber.draw(x: numberX, y: lastTop + lastLine.baseline - pageNumber.lines[0].baseline,
                                context: context)
                let lineEnd = x + titles[index].naturalWidth
                cairo_save(context)
                cairo_set_source_rgb(context, 0.6, 0.6, 0.63)
                cairo_set_line_width(context, 0.6)
                var dashes: [Double] = [0.6, 2.4]
                cairo_set_dash(context, &dashes, 2, 0)
                cairo_move_to(context, lineEnd + 6, lastTop + lastLine.baseline)
                cairo_line_to(context, numberX - 4, lastTop + lastLine.baseline)
                cairo_stroke(context)
                cairo_restore(context)
            }
            if destination != nil { cairo_tag_end(context, CAIRO_TAG_LINK) }
            cursor += titles[index].height
        }
    }
}
