// HTML output: hostile strings escaped in every user-supplied place, no active or remote content,
// table-of-contents anchors matching headings, figure and table counts, unique SVG ids.

import Foundation
import Testing
@testable import Reporting

struct HTMLRendererTests {
    private let escapedHostile = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;"

    @Test func hostileStringIsEscapedInTitleTablesCaptionsAndSpec() throws {
        let html = try HTMLRenderer().render(SampleReport.hostileReport())
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("alert(\"x\")"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<title>" + escapedHostile + "</title>"))
        #expect(html.contains("<th scope=\"col\" class=\"left\">" + escapedHostile + "</th>"))
        #expect(html.contains("<td class=\"left\">" + escapedHostile + "</td>"))
        #expect(html.contains("<span class=\"caption-label\">Table 1.</span> &lt;script&gt;"))
        #expect(html.contains("<span class=\"caption-label\">Figure 1.</span> &lt;script&gt;"))
        #expect(html.contains("<pre><code>name: " + escapedHostile))
        #expect(html.contains("<span class=\"language\">" + escapedHostile + "</span>"))
        #expect(html.contains("href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""))
        #expect(html.components(separatedBy: "&lt;script&gt;").count - 1 >= 14)
    }

    @Test func controlCharactersCannotReachTheDocument() {
        #expect(HTMLEscaping.escape("a\u{1b}[31mb\u{0}c\td\u{85}") == "a\u{FFFD}[31mb\u{FFFD}c\td\u{FFFD}")
    }

    @Test func documentIsSelfContained() throws {
        let html = try HTMLRenderer().render(SampleReport.scalingLaw())
        for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "url(http", "src="] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@media print"))
    }

    @Test func tableOfContentsLinksEveryHeadingAndNumbersFiguresAndTables() throws {
        let html = try HTMLRenderer().render(SampleReport.scalingLaw(figureCount: 4, tableRows: 10))
        let navigation = try #require(html.range(of: "<nav class=\"toc\"").flatMap { start in
            html.range(of: "</nav>", range: start.upperBound..<html.endIndex).map { html[start.lowerBound..<$0.upperBound] }
        })
        let targets = navigation.matches(of: #/href="#([^"]+)"/#).map { String($0.output.1) }
        let headings = html.matches(of: #/<h[23] id="([^"]+)">/#).map { String($0.output.1) }
        #expect(targets == headings)
        #expect(targets == ["sec-1", "sec-1-1", "sec-2", "sec-3", "sec-4", "provenance"])
        #expect(html.contains("<h3 id=\"sec-1-1\"><span class=\"number\">1.1</span> Multilingual corpora</h3>"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.components(separatedBy: "<figure class=\"figure\"").count - 1 == 4)
        #expect(html.components(separatedBy: "<table class=\"data\"").count - 1 == 2)
        #expect(html.contains("<span class=\"caption-label\">Figure 4.</span>"))
        #expect(html.contains("<span class=\"caption-label\">Table 2.</span>"))
        #expect(html.contains("class=\"verdict not-reproduced\""))
        #expect(html.contains("✗</span> Not reproduced</p>"))
    }

    @Test func inlinedFiguresNeverShareElementIdentifiers() throws {
        let html = try HTMLRenderer().render(SampleReport.scalingLaw(figureCount: 3, tableRows: 1))
        let identifiers = html.matches(of: #/\bid="([^"]+)"/#).map { String($0.output.1) }
        #expect(Set(identifiers).count == identifiers.count)
        let references = html.matches(of: #/href="#([^"]+)"/#).map { String($0.output.1) }
        #expect(Set(references).isSubset(of: Set(identifiers)))
    }

    @Test func figureWithoutSVGIsReportedByNumberAndCaption() {
        let report = Report(title: "t", sections: [
            ReportSection("s", cells: [
                .figure(FigureCell(SketchFigure(label: "ok"), caption: "first")),
                .figure(FigureCell(NotSVGFigure(), caption: "second")),
            ]),
        ])
        #expect {
            try HTMLRenderer().render(report)
        } throws: { error in
            (error as? HTMLRenderingError)?.description.hasPrefix("figure 2 (\"second\") returned text without") == true
        }
    }

    @Test func malformedTableIsRejectedWithAnActionableError() {
        let report = Report(title: "t", sections: [
            ReportSection("s", cells: [.table(ReportTable(header: ["a", "b"], rows: [["1"]], caption: "losses"))]),
        ])
        #expect(throws: ReportValidationError.tableRowWidth(caption: "losses", row: 0, expected: 2, found: 1)) {
            try HTMLRenderer().render(report)
        }
        #expect(ReportValidationError.tableRowWidth(caption: "losses", row: 0, expected: 2, found: 1).description
            .contains("row 1 has 1 cells but the header has 2"))
    }
}

/// A figure whose SVG output is not SVG.
private struct NotSVGFigure: ReportFigure {
    func svg(width: Double, height: Double) throws -> String { "PNG bytes" }
    func draw(in context: OpaquePointer, x: Double, y: Double, width: Double, height: Double) throws {}
}
