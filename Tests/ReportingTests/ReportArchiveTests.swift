// The archive on disk: complete report folders, an index listing every report with its profile,
// nothing left behind when rendering fails, safe study names, RFC 4180 CSV with LF line ends and
// unique columns, and a report.json that validates against docs/report.schema.json.

import CSV
import Foundation
import Testing
import TestSupport
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
        #expect(files == ["data.csv", "figures", "report.html", "report.json", "report.pdf", "spec.yaml"])
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

    @Test func aReportWithoutPDFHasNoPDFFileOrLink() throws {
        let scratch = try ScratchDirectory()
        let archived = try ReportArchive(root: scratch.url).write(Report(title: "HTML only"), study: "html-only", data: data,
                                                                  spec: "", writesPDF: false,
                                                                  date: Date(timeIntervalSince1970: 1_795_000_000))
        let files = try FileManager.default.contentsOfDirectory(atPath: archived.folder.path).sorted()
        #expect(files == ["data.csv", "report.html", "report.json", "spec.yaml"])
        #expect(archived.summary.pageCount == 0)
        let index = try String(contentsOf: scratch.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("html-only/20261118T110640Z/report.html") && !index.contains("report.pdf"))
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

    @Test func partialFoldersLeftByInterruptedReportsAreRemovedWhenStale() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let studyFolder = scratch.url.appendingPathComponent("s")
        let stale = studyFolder.appendingPathComponent(".partial-20260101T000000Z-old")
        let live = studyFolder.appendingPathComponent(".partial-20260101T000000Z-live")
        for folder in [stale, live] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * ReportArchive.stalePartialAge)],
                                              ofItemAtPath: stale.path)
        let written = try archive.write(Report(title: "A"), study: "s", data: data, spec: "")
        let entries = try FileManager.default.contentsOfDirectory(atPath: studyFolder.path).sorted()
        #expect(entries == [live.lastPathComponent, written.folder.lastPathComponent].sorted())
    }

    @Test func partialFoldersOfProcessesThatAreGoneAreRemovedAtOnce() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let studyFolder = scratch.url.appendingPathComponent("s")
        // A process that has ended (its PID is free until reused) and this live one.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let killed = studyFolder.appendingPathComponent(".partial-20260101T000000Z-pid\(ended.processIdentifier)-A")
        let writing = studyFolder.appendingPathComponent(".partial-20260101T000000Z-pid\(getpid())-B")
        for folder in [killed, writing] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        #expect(ReportArchive.writer(ofPartialFolder: killed.lastPathComponent) == ended.processIdentifier)
        let written = try archive.write(Report(title: "A"), study: "s", data: data, spec: "")
        let entries = try FileManager.default.contentsOfDirectory(atPath: studyFolder.path).sorted()
        #expect(entries == [writing.lastPathComponent, written.folder.lastPathComponent].sorted())
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

    @Test func csvQuotesFieldsThatNeedItAndEndsLinesWithLF() {
        #expect(data.text == "run,loss\nr1,1.5\n\"r2, \"\"best\"\"\",1.2\n")
    }

    @Test func dataWithADuplicateColumnIsRefused() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let duplicated = CSVTable(header: ["run", "tokens", "loss", "tokens"], rows: [["r1", "1", "2", "1"]])
        #expect(throws: ArchiveError.self) {
            try archive.write(Report(title: "t"), study: "s", data: duplicated, spec: "")
        }
        let folder = scratch.url.appendingPathComponent("s").path
        let left = FileManager.default.fileExists(atPath: folder) ? try FileManager.default.contentsOfDirectory(atPath: folder) : []
        #expect(left.isEmpty)
    }

    @Test func profileIsOnTheTitleBlockInReportJSONAndInTheIndex() throws {
        let scratch = try ScratchDirectory()
        let archive = ReportArchive(root: scratch.url)
        let quick = try archive.write(Report(title: "Quick", provenance: Provenance(profile: "quick")), study: "s",
                                      data: data, spec: "", date: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(quick.summary.profile == "quick")
        let html = try String(contentsOf: quick.folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<p class=\"byline\">profile quick</p>"))
        let index = try String(contentsOf: scratch.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<th scope=\"col\">Profile</th>"))
        #expect(index.contains("<td class=\"nowrap\">quick</td>"))
        #expect(index.contains("<a href=\"s/20261118T110640Z/report.json\">JSON</a>"))
    }

    @Test func verdictSummaryHoldsClaimAndExplanationAsPlainText() {
        let verdict = Verdict(claim: #"$N_{opt} \propto C^{a}$ with **bold**, `code` and snake\_case"#,
                              outcome: .reproduced, explanation: "Fits $L = A/N^{α}$ *well*.")
        let summary = VerdictSummary(verdict)
        #expect(summary.claim == "N_opt ∝ C^a with bold, code and snake_case")
        #expect(summary.explanation == "Fits L = A/N^α well.")
    }

    @Test func summariesOfSchemaVersionOneAreStillListed() throws {
        let scratch = try ScratchDirectory()
        let folder = scratch.url.appendingPathComponent("old/20261101T000000Z")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let legacy = #"{"date":"2026-11-01T00:00:00Z","pageCount":4,"stamp":"20261101T000000Z","study":"old","title":"Old","verdicts":[{"claim":"c","outcome":"inconclusive"}]}"#
        try Data(legacy.utf8).write(to: folder.appendingPathComponent("report.json"))
        let summaries = try ReportArchive(root: scratch.url).reports()
        #expect(summaries.count == 1)
        #expect(summaries.first?.schemaVersion == 1 && summaries.first?.pageCount == 4 && summaries.first?.profile == nil)
        #expect(summaries.first?.verdicts == [VerdictSummary(claim: "c", outcome: .inconclusive)])
        try ReportArchive(root: scratch.url).rebuildIndex()
        let index = try String(contentsOf: scratch.url.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<td class=\"nowrap\">–</td>"))
    }

    @Test func reportJSONCarriesVerdictNumbersAndFitsAndMatchesTheDocumentedSchema() throws {
        let scratch = try ScratchDirectory()
        let statistic = VerdictStatistic(
            name: "mean paired difference", value: 0.012, unit: "bpb",
            interval: StatisticInterval(lower: 0.004, upper: 0.02, level: 0.95, method: "t"),
            reportedIntervals: [StatisticInterval(lower: .infinity, upper: 1, level: 0.95, method: "bootstrap percentile")],
            threshold: StatisticThreshold(lower: 0.005, rule: "reproduced if lower > 0.005"),
            perSeed: [SeedValue(seed: 0, value: 0.01), SeedValue(seed: 1, value: 0.014), SeedValue(seed: 2, value: .nan)])
        let verdict = Verdict(claim: "ascending beats uniform", outcome: .inconclusive, explanation: "e",
                              statistics: [statistic], fits: ["approach3"], inconclusiveBecause: ["approach3: E at a bound"])
        let fit = FitRecord(
            name: "approach3", law: "chinchilla", status: .unreliable, convergence: "converged (BFGS)", pointsUsed: 16,
            objective: "Σ Huber", objectiveValue: 0.01,
            parameters: [QuantityRecord(name: "alpha", estimate: 0.88, standardError: 0.28, standardErrorMethod: "bootstrap",
                                        interval: StatisticInterval(lower: 0.46, upper: 1.53, level: 0.95, method: "bootstrap percentile"))],
            derivedQuantities: [QuantityRecord(name: "E", estimate: 1.1e-83, atBound: BoundRecord(side: "lower", limit: 0, reason: "r")),
                                QuantityRecord(name: "G", estimate: .infinity)],
            bootstrap: BootstrapRecord(requested: 100, converged: 68, failed: 32, level: 0.95, seed: 0,
                                       failureReasons: [CountRecord(name: "did not converge", count: 32)],
                                       boundHits: [CountRecord(name: "E", count: 50)]),
            problems: ["E is at its lower bound 0"])
        let report = Report(title: "T", provenance: Provenance(profile: "quick"),
                            sections: [ReportSection("Verdicts", cells: [.verdict(verdict)])])
        let archived = try ReportArchive(root: scratch.url).write(report, study: "s", data: data, spec: "", fits: [fit])
        let json = try Data(contentsOf: archived.folder.appendingPathComponent("report.json"))
        let validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("docs/report.schema.json"))
        #expect(try validator.errors(in: json) == [])

        let decoded = try JSONDecoder.iso8601.decode(ReportSummary.self, from: json)
        #expect(decoded.fits.first?.bootstrap?.failed == 32)
        #expect(decoded.fits.first?.derivedQuantities.map(\.estimate) == [1.1e-83, nil], "infinity written as null")
        #expect(decoded.verdicts.first?.statistics.first?.perSeed.count == 2, "NaN seed value left out")
        #expect(decoded.verdicts.first?.statistics.first?.reportedIntervals == [], "infinite interval left out")
        #expect(decoded.verdicts.first?.inconclusiveBecause == ["approach3: E at a bound"])

        // The validator is not a rubber stamp: a missing field, an unknown one and a wrong type fail.
        var object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        object["page_count"] = nil
        object["extra"] = 1
        object["profile"] = 3
        let broken = try validator.errors(in: JSONSerialization.data(withJSONObject: object))
        #expect(broken.count == 3, "\(broken)")
    }

    @Test func everyFieldOfTheSchemaIsDocumented() throws {
        let validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("docs/report.schema.json"))
        let prose = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/report-json.md"), encoding: .utf8)
        let undocumented = validator.propertyNames.filter { !prose.contains("`\($0)`") }.sorted()
        #expect(undocumented == [])
        #expect(validator.propertyNames.count > 30)
    }
}

/// The repository root (this file is Tests/ReportingTests/ReportArchiveTests.swift).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
