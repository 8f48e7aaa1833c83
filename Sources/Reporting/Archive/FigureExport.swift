// A report's figures saved on their own beside it: figures/NAME.svg, NAME.pdf and NAME.png for every
// figure, drawn at the size the report gives it, for reuse in slides and papers.

@preconcurrency import CCairo
import Foundation
import Plotting

/// Writes the standalone files of a report's figures.
enum FigureExport {
    /// The folder inside a report folder that holds the figure files.
    static let folderName = "figures"
    /// PNG pixels per point: 144 dpi, sharp on high-density screens and in slides.
    static let pngScale = 2.0
    /// The file extensions written for every figure, in the order report.json and the HTML list them.
    static let formats = ["svg", "pdf", "png"]

    /// The paths, relative to the report folder, of the files of the figure named `name`.
    static func files(ofFigureNamed name: String) -> [String] {
        formats.map { folderName + "/" + name + "." + $0 }
    }

    /// Writes every figure of `document` into `reportFolder/figures/` (created only when there is a
    /// figure) and returns their summaries in figure order. Files are written in place: the caller
    /// writes into a temporary folder that appears under its final name only when complete.
    static func write(_ document: NumberedDocument, into reportFolder: URL) throws -> [FigureSummary] {
        try TextRenderingLock.run {
            let figures = document.figures
            guard !figures.isEmpty else { return [] }
            let folder = reportFolder.appendingPathComponent(folderName, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            } catch {
                throw ArchiveError.fileSystem(operation: "create folder", path: folder.path,
                                              reason: error.localizedDescription)
            }
            return try figures.map { cell, number in
                let name = FigureFileName.name(number: number, cell: cell)
                let files = files(ofFigureNamed: name)
                let urls = files.map { reportFolder.appendingPathComponent($0) }
                let svg = try cell.figure.svg(width: cell.width, height: cell.height)
                do {
                    try Data(svg.utf8).write(to: urls[0])
                } catch {
                    throw ArchiveError.fileSystem(operation: "write", path: urls[0].path, reason: error.localizedDescription)
                }
                let title = cell.figure.title ?? "Figure \(number)"
                try writePDF(cell, title: title, to: urls[1], number: number)
                try writePNG(cell, to: urls[2], number: number)
                return FigureSummary(number: number, name: name, title: cell.figure.title, caption: cell.caption,
                                     width: cell.width, height: cell.height, files: files)
            }
        }
    }

    /// The figure drawn as vectors on a one-page PDF of its size, titled `title`.
    private static func writePDF(_ cell: FigureCell, title: String, to url: URL, number: Int) throws {
        guard let surface = cairo_pdf_surface_create(url.path, cell.width, cell.height) else {
            throw ArchiveError.figureExport(figureNumber: number, path: url.path, reason: "no PDF surface")
        }
        defer { cairo_surface_destroy(surface) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "TinyScale")
        try draw(cell, onto: surface, path: url.path, number: number)
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), path: url.path, number: number)
    }

    /// The figure rasterised at `pngScale` pixels per point on white.
    private static func writePNG(_ cell: FigureCell, to url: URL, number: Int) throws {
        let pixelWidth = Int32((cell.width * pngScale).rounded(.up))
        let pixelHeight = Int32((cell.height * pngScale).rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pixelWidth, pixelHeight) else {
            throw ArchiveError.figureExport(figureNumber: number, path: url.path, reason: "no image surface")
        }
        defer { cairo_surface_destroy(surface) }
        try draw(cell, onto: surface, path: url.path, number: number, scale: pngScale, background: true)
        cairo_surface_flush(surface)
        try check(cairo_surface_write_to_png(surface, url.path), path: url.path, number: number)
    }

    /// Draws the figure over the whole of `surface`, scaled by `scale`, on white when `background`.
    private static func draw(_ cell: FigureCell, onto surface: OpaquePointer, path: String, number: Int,
                             scale: Double = 1, background: Bool = false) throws {
        try check(cairo_surface_status(surface), path: path, number: number)
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        if background {
            cairo_set_source_rgb(context, 1, 1, 1)
            cairo_paint(context)
        }
        cairo_scale(context, scale, scale)
        try cell.figure.draw(in: context, x: 0, y: 0, width: cell.width, height: cell.height)
        try check(cairo_status(context), path: path, number: number)
    }

    private static func check(_ status: cairo_status_t, path: String, number: Int) throws {
        guard status == CAIRO_STATUS_SUCCESS else {
            throw ArchiveError.figureExport(figureNumber: number, path: path,
                                            reason: String(cString: cairo_status_to_string(status)))
        }
    }
}
