// PDF rendering proved with poppler: a long table spans pages and repeats its header, headings and
// multilingual prose are extractable, the outline exists, hostile text survives, failures leave no file.

import Foundation
import Testing
import TestSupport
@testable import Reporting

struct PDFRendererTests {
    @Test func longTableSpansPagesRepeatingItsHeaderAndTextIsExtractable() throws {
        let scratch = try ScratchDirectory()
        let url = scratch.url.appendingPathComponent("report.pdf")
        let pages = try PDFRenderer().render(SampleReport.scalingLaw(figureCount: 2, tableRows: 150), to: url)
        #expect(pages > 1)
        let info = try Poppler.info(url)
        #expect(info["Pages"] == String(pages))
        #expect(info["Title"] == "Chinchilla scaling law at tiny scale")
        #expect(info["Page size"]?.hasPrefix("595.276 x 841.89") == true)
        #expect(info["CreationDate"]?.contains("Nov 18") == true, "creation date should be the provenance date")

        let text = try Poppler.text(url)
        for expected in ["Setup", "Multilingual corpora", "Results", "Runs", "Specification", "Provenance",
                         "CONTENTS", "Příliš žluťoučký kůň", "œuvre naïve", "французских булок",
                         "ψυχοφθόρα βδελυγμία", "语言模型的规模定律", "Table 1.", "Figure 2.", "REPRODUCED",
                         "NOT REPRODUCED", "INCONCLUSIVE", "kind: scaling-law"] {
            #expect(text.contains(expected), "pdftotext output lacks \(expected)")
        }
        let pageTexts = text.components(separatedBy: "\u{0C}")
        let tablePages = pageTexts.filter { $0.contains("completed") }
        #expect(tablePages.count >= 3)
        for page in tablePages {
            #expect(page.contains("loss (bits/byte)"), "a page of the run table lacks the repeated header")
        }
    }

    @Test func outlineListsEverySection() throws {
        let scratch = try ScratchDirectory()
        let url = scratch.url.appendingPathComponent("report.pdf")
        try PDFRenderer().render(SampleReport.scalingLaw(figureCount: 1, tableRows: 5), to: url)
        let raw = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(raw.contains("/Outlines"))
        let titles = raw.matches(of: #/\/Title \(([^)]*)\)/#).map { String($0.output.1) }
        for expected in ["1  Setup", "1.1  Multilingual corpora", "2  Results", "3  Runs", "4  Specification",
                         "Provenance"] {
            #expect(titles.contains(expected), "no bookmark \(expected) in \(titles)")
        }
        #expect(raw.contains("/URI (https://arxiv.org/abs/2203.15556)"), "the prose link is not clickable")
        #expect(raw.components(separatedBy: "/Subtype /Link").count - 1 >= 8, "contents rows and links")
    }

    @Test func hostileTextIsSetLiterally() throws {
        let scratch = try ScratchDirectory()
        let url = scratch.url.appendingPathComponent("hostile.pdf")
        try PDFRenderer().render(SampleReport.hostileReport(), to: url)
        let text = try Poppler.text(url)
        #expect(text.contains(#"<script>alert("x")</script> & 'quotes'"#))
    }

    @Test func failingFigureLeavesNoFile() throws {
        let scratch = try ScratchDirectory()
        let url = scratch.url.appendingPathComponent("broken.pdf")
        let failure = SketchFigureError(reason: "no data")
        let report = Report(title: "Broken", sections: [
            ReportSection("Only", cells: [.figure(FigureCell(SketchFigure(label: "x", failure: failure), caption: "c"))]),
        ])
        #expect(throws: failure) { try PDFRenderer().render(report, to: url) }
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func unwritablePathGivesAnActionableError() {
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/report.pdf")
        #expect {
            try PDFRenderer().render(Report(title: "t"), to: url)
        } throws: { error in
            guard let error = error as? PDFRenderingError, case .cairo = error else { return false }
            return error.description.contains("check that the folder exists")
        }
    }
}

/// pdfinfo and pdftotext from poppler-utils.
enum Poppler {
    static func info(_ url: URL) throws -> [String: String] {
        let tool = try #require(ExternalTool.find("pdfinfo"), "pdfinfo missing: apt-get install poppler-utils")
        var fields: [String: String] = [:]
        for line in try ExternalTool.run(tool, [url.path]).output.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    static func text(_ url: URL) throws -> String {
        let tool = try #require(ExternalTool.find("pdftotext"), "pdftotext missing: apt-get install poppler-utils")
        return try ExternalTool.run(tool, ["-layout", url.path, "-"]).output
    }
}
