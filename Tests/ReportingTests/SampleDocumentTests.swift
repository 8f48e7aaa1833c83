// Archives the sample scaling-law report (HTML, PDF, data, spec, index). Set TINYSCALE_SAMPLE_OUTPUT
// to a folder to keep the archive for a visual check (screenshots, pdftoppm pages).

import CSV
import Foundation
import Testing
@testable import Reporting

struct SampleDocumentTests {
    @Test func sampleReportArchivesInEveryFormat() throws {
        let scratch = try ScratchDirectory()
        let folder = ProcessInfo.processInfo.environment["TINYSCALE_SAMPLE_OUTPUT"].map {
            URL(fileURLWithPath: $0, isDirectory: true)
        } ?? scratch.url
        let archive = ReportArchive(root: folder.appendingPathComponent("archive", isDirectory: true))
        let report = SampleReport.scalingLaw(figureCount: 3, tableRows: 80)
        let data = CSVTable(header: ["run", "N", "D", "loss"], rows: [["r000", "5e4", "2e7", "15.66"]])
        let archived = try archive.write(report, study: "chinchilla-tiny", data: data, spec: "name: chinchilla-tiny\n")
        #expect(archived.summary.pageCount >= 3)
        let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        let index = try String(contentsOf: archive.root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("chinchilla-tiny/" + archived.summary.stamp + "/report.pdf"))
    }
}
