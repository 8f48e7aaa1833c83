// The archive on disk: complete report folders, an index listing every report, nothing left behind
// when rendering fails, safe study names, and RFC 4180 CSV.

import Foundation
import Testing
@testable import Reporting

struct ReportArchiveTests {
    private let data = CSVTable(header: ["run", "loss"], rows: [["r1", "1.5"], ["r2, \"best\"", "1.2"]])

    @Test func writtenReportsHaveEveryFileAndAreListedInTheIndex() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let first = try archive.write(SampleReport.scalingLaw(figureCount: 1, tableRows: 5), study: "chinchilla-tiny",
                                      data: data, spec: "name: chinchilla-tiny\n",
                                      date: Date(timeIntervalSince1970: 1_795_000_000))
        let second = try archive.write(Report(title: "Curriculum <b>order</b>", sections: [
            ReportSection("Verdict", cells: [.verdict(Verdict(claim: "Order matters", outcome: .notReproduced))]),
        ]), study: "curriculum", data: data, spec: "name: curriculum\n", date: Date(timeIntervalSince1970: 1_795_000_100))

        #expect(first.folder.lastPathComponent == "20261118T110640Z")
        let files = try FileManager.default.contentsOfDirectory(atPath: first.folder.path).sorted()
        #expect(files == ["data.csv", "report.html", "report.json", "report.pdf", "spec.yaml"])
        #expect(try String(contentsOf: first.folder.appendingPathComponent("spec.yaml"), encoding: .utf8)
            == "name: chinchilla-tiny\n")
        #expect(first.summary.count(of: .reproduced) == 1)
        #expect(first.summary.count(of: .inconclusive) == 1)
        #expect(first.summary.pageCount >= 1)

        #expect(try archive.reports().map(\.relativePath).sorted()
            == ["chinchilla-tiny/20261118T110640Z", "curriculum/" + second.summary.stamp])
        let index = try String(contentsOf: scratch.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"chinchilla-tiny/20261118T110640Z/report.html\">"))
        #expect(index.contains("<a href=\"curriculum/20261118T110820Z/report.pdf\">PDF</a>"))
        #expect(index.contains("Curriculum &lt;b&gt;order&lt;/b&gt;"))
        #expect(index.contains("✓ 1 reproduced"))
        #expect(index.contains("✗ 1 not reproduced"))
        #expect(index.range(of: "curriculum/")!.lowerBound < index.range(of: "chinchilla-tiny/")!.lowerBound,
                "newest report first")
    }

    @Test func failedRenderLeavesNoFolderAndKeepsTheIndex() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        try archive.write(Report(title: "Good"), study: "stability-gap", data: data, spec: "",
                          date: Date(timeIntervalSince1970: 1_795_000_000))
        let indexBefore = try Data(contentsOf: scratch.url.appendingPathComponent("index.html"))

        let failure = SketchFigureError(reason: "renderer crashed mid-way")
        let broken = Report(title: "Broken", sections: [
            ReportSection("Figures", cells: [.figure(FigureCell(SketchFigure(label: "x", failure: failure), caption: "c"))]),
        ])
        #expect(throws: failure) {
            try archive.write(broken, study: "stability-gap", data: data, spec: "",
                              date: Date(timeIntervalSince1970: 1_795_000_500))
        }
        let entries = try FileManager.default.contentsOfDirectory(
            atPath: scratch.url.appendingPathComponent("stability-gap").path)
        #expect(entries == ["20261118T110640Z"], "partial folder left behind: \(entries)")
        #expect(try Data(contentsOf: scratch.url.appendingPathComponent("index.html")) == indexBefore)
    }

    @Test func reportsInTheSameSecondGetDistinctFolders() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let first = try archive.write(Report(title: "A"), study: "s", data: data, spec: "", date: date)
        let second = try archive.write(Report(title: "B"), study: "s", data: data, spec: "", date: date)
        #expect(first.folder.lastPathComponent == "20261118T110640Z")
        #expect(second.folder.lastPathComponent == "20261118T110640Z-2")
        #expect(try archive.reports().count == 2)
    }

    @Test func unsafeStudyNamesAreRejected() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        for name in ["../escape", "", ".hidden", "a/b", "spaces here"] {
            #expect(throws: ArchiveError.self) {
                try archive.write(Report(title: "t"), study: name, data: data, spec: "")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).isEmpty)
    }

    @Test func emptyArchiveGetsAnIndexSayingSo() throws {
        let scratch = try ScratchDirectory()
        let root = scratch.url.appendingPathComponent("output")
        try ReportArchive(root: root).rebuildIndex()
        let index = try String(contentsOf: root.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("No reports yet."))
        #expect(index.contains("0 reports"))
    }

    @Test func csvQuotesFieldsThatNeedIt() {
        #expect(data.text == "run,loss\r\nr1,1.5\r\n\"r2, \"\"best\"\"\",1.2\r\n")
    }
}
