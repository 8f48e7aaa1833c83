// Renders the sample scaling-law report to HTML, PDF and a Chromium screenshot. Set
// TINYSCALE_SAMPLE_OUTPUT to a folder to keep the files for a visual check.

import Foundation
import Testing
@testable import Reporting

struct SampleDocumentTests {
    @Test func sampleReportRendersInEveryFormat() throws {
        let scratch = try ScratchDirectory()
        let folder = ProcessInfo.processInfo.environment["TINYSCALE_SAMPLE_OUTPUT"].map {
            URL(fileURLWithPath: $0, isDirectory: true)
        } ?? scratch.url
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = SampleReport.scalingLaw(figureCount: 3, tableRows: 80)
        let html = try HTMLRenderer().render(report)
        let htmlURL = folder.appendingPathComponent("sample.html")
        try html.write(to: htmlURL, atomically: true, encoding: .utf8)
        let pages = try PDFRenderer().render(report, to: folder.appendingPathComponent("sample.pdf"))
        #expect(pages >= 3)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
    }
}
