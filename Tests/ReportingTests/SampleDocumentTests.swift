// Archives the sample scaling-law report (HTML, PDF, data, spec, figure files, index), with one
// Plotting chart beside the sketches. Set TINYSCALE_SAMPLE_OUTPUT to a folder to keep the archive for a
// visual check (screenshots, pdftoppm pages).

import CSV
import Foundation
import Plotting
import Testing
@testable import Reporting

struct SampleDocumentTests {
    @Test func sampleReportArchivesInEveryFormat() throws {
        let scratch = try ScratchDirectory()
        let folder = ProcessInfo.processInfo.environment["TINYSCALE_SAMPLE_OUTPUT"].map {
            URL(fileURLWithPath: $0, isDirectory: true)
        } ?? scratch.url
        let archive = ReportArchive(root: folder.appendingPathComponent("archive", isDirectory: true))
        var report = SampleReport.scalingLaw(figureCount: 3, tableRows: 80)
        var panel = Panel(x: Axis("Non-embedding parameters N", scale: .log10),
                          y: Axis("Validation loss", unit: "bits/byte", scale: .log10))
        let sizes = [5e4, 1e5, 2e5, 4e5, 8e5, 1.6e6]
        panel.add(Series("runs", x: sizes, y: sizes.map { 1.69 + 406.4 * pow($0, -0.34) }, kind: .markers))
        panel.add(ReferenceLine.horizontal(1.69, label: "E = 1.69"))
        report.sections.append(ReportSection("A Plotting chart", cells: [
            .figure(FigureCell(Figure(title: "Final loss against model size", panel: panel),
                               caption: "Final loss against parameters, drawn by Plotting.")),
        ]))
        let data = CSVTable(header: ["run", "N", "D", "loss"], rows: [["r000", "5e4", "2e7", "15.66"]])
        let archived = try archive.write(report, study: "chinchilla-tiny", data: data, spec: "name: chinchilla-tiny\n")
        #expect(archived.summary.pageCount >= 3)
        let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(archived.summary.figures.map(\.name).last == "fig-04-final-loss-against-model-size")
        let figures = try FileManager.default.contentsOfDirectory(
            atPath: archived.folder.appendingPathComponent("figures").path)
        #expect(figures.count == 12)
        let index = try String(contentsOf: archive.root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("chinchilla-tiny/" + archived.summary.stamp + "/report.pdf"))
    }
}
