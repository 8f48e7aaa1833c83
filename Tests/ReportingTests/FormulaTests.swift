// Formulas typeset from the TeX-like subset: MathML for the HTML, Pango markup with sub- and
// superscripts for the PDF, the verbatim fallback for malformed input, and escaping of hostile text.
// Every expected string is written out by hand.

import Testing
@testable import Reporting

struct FormulaTests {
    private let chinchilla = "L(N, D) = E + A/N^{α} + B/D^{β}"
    private let allocation = "N_{opt} ∝ C^{a}"

    @Test func chinchillaLawIsMathML() throws {
        let formula = try #require(Formula(chinchilla))
        #expect(formula.mathML == "<math display=\"inline\"><mi>L</mi><mo stretchy=\"false\">(</mo><mi>N</mi>"
            + "<mo>,</mo><mi>D</mi><mo stretchy=\"false\">)</mo><mo>=</mo><mi>E</mi><mo>+</mo><mi>A</mi>"
            + "<mo lspace=\"0\" rspace=\"0\">/</mo><msup><mi>N</mi><mi>α</mi></msup><mo>+</mo><mi>B</mi>"
            + "<mo lspace=\"0\" rspace=\"0\">/</mo><msup><mi>D</mi><mi>β</mi></msup></math>")
    }

    @Test func allocationLawIsMathML() throws {
        let formula = try #require(Formula(allocation))
        #expect(formula.mathML == "<math display=\"inline\"><msub><mi>N</mi><mi>opt</mi></msub><mo>∝</mo>"
            + "<msup><mi>C</mi><mi>a</mi></msup></math>")
    }

    @Test func bothScriptsCommandsAndSignsAreMathML() throws {
        #expect(try #require(Formula(#"N_{opt}^{a} \approx 0.5"#)).mathML == "<math display=\"inline\"><msubsup>"
            + "<mi>N</mi><mi>opt</mi><mi>a</mi></msubsup><mo>≈</mo><mn>0.5</mn></math>")
        #expect(try #require(Formula(#"\ell = -a \cdot x^{-b}"#)).mathML == "<math display=\"inline\"><mi>ℓ</mi>"
            + "<mo>=</mo><mo form=\"prefix\">−</mo><mi>a</mi><mo>·</mo><msup><mi>x</mi><mrow><mo form=\"prefix\">−</mo>"
            + "<mi>b</mi></mrow></msup></math>")
    }

    @Test func chinchillaLawIsPangoMarkupWithSuperscripts() {
        #expect(FormulaMarkup(chinchilla).markup == "<i>L</i>(<i>N</i>,\u{202F}<i>D</i>)\u{A0}=\u{A0}<i>E</i>"
            + "\u{A0}+\u{A0}<i>A</i>/<i>N</i><sup><i>α</i></sup>\u{A0}+\u{A0}<i>B</i>/<i>D</i><sup><i>β</i></sup>")
        #expect(FormulaMarkup(chinchilla).text == "L(N,\u{202F}D)\u{A0}=\u{A0}E\u{A0}+\u{A0}A/Nα\u{A0}+\u{A0}B/Dβ")
    }

    @Test func allocationLawIsPangoMarkupWithSubscript() {
        #expect(FormulaMarkup(allocation).markup == "<i>N</i><sub>opt</sub>\u{A0}∝\u{A0}<i>C</i><sup><i>a</i></sup>")
    }

    @Test func malformedFormulaFallsBackToItsTextEscaped() throws {
        for malformed in ["x^{", "a<b^{", "x^", "x^a^b", "}", #"\unknown"#, "_b"] {
            #expect(Formula(malformed) == nil, "\(malformed) parsed")
        }
        #expect(FormulaMarkup("a<b^{").markup == "a&lt;b^{")
        #expect(FormulaMarkup("x^{").text == "x^{")
        #expect(PangoMarkup.markup([.math("a<b^{")]) == "a&lt;b^{")
        let html = try HTMLRenderer().render(report(prose: "see $a<b^{$ here"))
        #expect(html.contains("<p>see <span class=\"math\">a&lt;b^{</span> here</p>"))
    }

    @Test func hostileFormulaIsEscapedInBothOutputs() throws {
        let html = try HTMLRenderer().render(report(prose: "x $<script>$ y $</script>alert(1)$"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("</script"))
        #expect(html.contains("<math display=\"inline\"><mo>&lt;</mo><mi>script</mi><mo>&gt;</mo></math>"))
        let markup = PangoMarkup.markup(MarkdownParser.parseInline("x $<script>$ y $</script>alert(1)$"))
        #expect(!markup.lowercased().contains("<script"))
        #expect(!markup.lowercased().contains("</script"))
        #expect(markup.contains("&lt;"))
    }

    @Test func linkOffsetsCountTheTypesetFormula() {
        let spans = MarkdownParser.parseInline("$N^{α}$ [see](#sec-1)")
        // "Nα" is 3 UTF-8 bytes, then one space before the link.
        #expect(PangoMarkup.links(spans) == [TextLink(bytes: 4..<7, destination: "#sec-1")])
    }

    private func report(prose: String) -> Report {
        Report(title: "t", sections: [ReportSection("s", cells: [.prose(prose)])])
    }
}
