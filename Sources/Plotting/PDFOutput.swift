// PDF output: the figure as a one-page vector PDF with embedded font subsets.

@preconcurrency import CCairo
import Foundation

extension Figure {
    /// The figure as a one-page PDF whose page is `width` × `height` points; the title becomes the PDF title.
    public func pdf(width: Double, height: Double) throws -> Data {
        try TextRenderingLock.run {
            guard width.isFinite, height.isFinite, width > 0, height > 0 else {
                throw PlotError.invalidSize(width: width, height: height)
            }
            let sink = CairoByteSink()
            try withExtendedLifetime(sink) {
                let surface = cairo_pdf_surface_create_for_stream(CairoByteSink.write, sink.opaque, width, height)!
                defer { cairo_surface_destroy(surface) }
                if let title, !title.isEmpty {
                    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
                }
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "TinyScale")
                try render(onto: surface, width: width, height: height)
            }
            return Data(sink.bytes)
        }
    }
}
