// Renders a report as an A4 PDF with Cairo and Pango: typeset (measure) every block, paginate, then
// draw page by page with footers, and add the section bookmarks (PDF outline).

import Foundation
import Plotting
@preconcurrency import CCairo
@preconcurrency import CPangoCairo

/// Renders reports as PDF files.
public struct PDFRenderer: Sendable {
    /// Page size and margins.
    public var geometry: PageGeometry

    /// Creates a renderer for `geometry` (A4 by default).
    public init(geometry: PageGeometry = .a4) {
        self.geometry = geometry
    }

    /// Writes `report` as a PDF to `url` (a file URL) and returns the number of pages. The PDF's
    /// creation date is the provenance date when there is one, so re-rendering gives the same dates.
    ///
    /// Throws `ReportValidationError` for malformed tables or figure sizes, `PDFRenderingError` when
    /// Cairo or Pango fail, and rethrows errors from the figures. On error no file is left at `url`.
    @discardableResult
    public func render(_ report: Report, to url: URL) throws -> Int {
        try TextRenderingLock.run {
            try report.validate()
            let path = url.path
            guard let surface = cairo_pdf_surface_create(path, geometry.width, geometry.height) else {
                throw PDFRenderingError.cairo(status: "no surface", path: path)
            }
            defer { cairo_surface_destroy(surface) }
            do {
                try Self.check(cairo_surface_status(surface), path: path)
                let pageCount = try draw(report, on: surface)
                cairo_surface_finish(surface)
                try Self.check(cairo_surface_status(surface), path: path)
                return pageCount
            } catch {
                cairo_surface_finish(surface)
                try? FileManager.default.removeItem(at: url)
                throw error
            }
        }
    }

    private func draw(_ report: Report, on surface: OpaquePointer) throws -> Int {
        guard let context = cairo_create(surface) else {
            throw PDFRenderingError.cairo(status: "no drawing context", path: "")
        }
        defer { cairo_destroy(context) }
        let document = NumberedDocument(report)
        let typeset = try PDFTypesetter(document, geometry: geometry, context: context)
        let pagination = Paginator(pageHeight: geometry.textHeight).paginate(typeset.blocks.map(\.metrics))

        var destinations: [String: PDFDestination] = [:]
        for (block, anchor) in typeset.anchors {
            if let placement = pagination.firstPlacement(ofBlock: block) {
                destinations[anchor] = PDFDestination(page: placement.page + 1, x: geometry.sideMargin,
                                                      y: geometry.topMargin + placement.top)
            }
        }
        let page = PageDrawing(context: context, left: geometry.sideMargin, width: geometry.textWidth,
                               destinations: destinations)
        for (pageIndex, placements) in pagination.pages.enumerated() {
            for placement in placements {
                try typeset.blocks[placement.block].draw(placement, y: geometry.topMargin + placement.top, on: page)
            }
            try drawFooter(title: report.title, pageNumber: pageIndex + 1, pageCount: pagination.pages.count,
                           context: context)
            cairo_show_page(context)
        }
        addOutline(document.outline, destinations: destinations, surface: surface)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "TinyScale")
        if let date = report.provenance.date {
            let stamp = ISO8601DateFormatter().string(from: date)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp)
        }
        return pagination.pages.count
    }

    private func drawFooter(title: String, pageNumber: Int, pageCount: Int,
                            context: OpaquePointer) throws(PDFRenderingError) {
        let style = TextStyle(font: "DejaVu Sans 7", colour: (0.45, 0.45, 0.48))
        let baselineY = geometry.height - geometry.bottomMargin + 34
        let shortTitle = title.count > 90 ? String(title.prefix(89)) + "…" : title
        let left = try TextLayout(markup: PangoMarkup.escape(shortTitle), style: style,
                                  width: geometry.textWidth - 60, context: context)
        let right = try TextLayout(markup: "\(pageNumber) / \(pageCount)", style: style, width: nil, context: context)
        left.draw(rows: 0..<1, x: geometry.sideMargin, y: baselineY - left.lines[0].baseline, context: context)
        right.draw(x: geometry.sideMargin + geometry.textWidth - right.naturalWidth,
                   y: baselineY - right.lines[0].baseline, context: context)
    }

    /// Adds one bookmark per heading, nested by level.
    private func addOutline(_ outline: [OutlineEntry], destinations: [String: PDFDestination],
                            surface: OpaquePointer) {
        var parents: [Int32] = [Int32(CAIRO_PDF_OUTLINE_ROOT)]
        for entry in outline {
            guard let destination = destinations[entry.anchor] else { continue }
            let depth = min(entry.level, parents.count)
            parents.removeLast(parents.count - depth)
            let identifier = cairo_pdf_surface_add_outline(
                surface, parents[depth - 1], entry.displayTitle, destination.linkAttributes,
                cairo_pdf_outline_flags_t(rawValue: 0))
            parents.append(identifier)
        }
    }

    private static func check(_ status: cairo_status_t, path: String) throws(PDFRenderingError) {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw .cairo(status: String(cString: cairo_status_to_string(status)), path: path)
    }
}
