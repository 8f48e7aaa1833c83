// Report Markdown through cmark: blocks (paragraphs, bullet and numbered lists) and inline spans,
// the cases that must stay literal text (intraword underscores, unclosed delimiters, raw HTML,
// unsafe links) and `$…$` formulas kept whole.

import Testing
@testable import Reporting

struct MarkdownParserTests {
    @Test func blankLinesSeparateParagraphsAndListsAreRecognised() {
        let blocks = MarkdownParser.parseBlocks("""
            First line
            continues here.

            - one
            - two
              still two

            3. three
            4. four
            """)
        #expect(blocks == [
            .paragraph([.text("First line continues here.")]),
            .bulletList([[.text("one")], [.text("two still two")]]),
            .numberedList(start: 3, items: [[.text("three")], [.text("four")]]),
        ])
    }

    @Test func inlineSpansNest() {
        #expect(MarkdownParser.parseInline("a **bold *and italic*** `x*y` $N_{opt}^α$ [p](https://a.b/c?d=1)") == [
            .text("a "), .bold([.text("bold "), .italic([.text("and italic")])]), .text(" "), .code("x*y"),
            .text(" "), .math("N_{opt}^α"), .text(" "), .link([.text("p")], destination: "https://a.b/c?d=1"),
        ])
        #expect(MarkdownParser.parseInline("_emphasis_ first, then __strong__") == [
            .italic([.text("emphasis")]), .text(" first, then "), .bold([.text("strong")]),
        ])
    }

    @Test func intrawordUnderscoresStayLiteral() {
        #expect(MarkdownParser.parseInline("Kaplan's L(N) = (N_c/N)^α_N for snake_case_names") == [
            .text("Kaplan's L(N) = (N_c/N)^α_N for snake_case_names"),
        ])
    }

    @Test func unclosedOrSpacedDelimitersStayLiteral() {
        #expect(MarkdownParser.parseInline("2 * 3 * 4 and **open") == [.text("2 * 3 * 4 and **open")])
        #expect(MarkdownParser.parseInline(#"costs \$5 and \*not italic\*"#) == [.text("costs $5 and *not italic*")])
        #expect(MarkdownParser.parseInline("costs $5 and $10") == [.text("costs $5 and $10")])
        #expect(MarkdownParser.parseInline("[no link] (here)") == [.text("[no link] (here)")])
    }

    @Test func inlineTextNeverStartsABlock() {
        #expect(MarkdownParser.parseInline("# of runs") == [.text("# of runs")])
        #expect(MarkdownParser.parseInline("1. first\nsecond line") == [.text("1. first second line")])
        #expect(MarkdownParser.parseInline("- dash") == [.text("- dash")])
        #expect(MarkdownParser.parseInline("> quote") == [.text("> quote")])
        #expect(MarkdownParser.parseInline("[a]: https://a.b") == [.text("[a]: https://a.b")])
        #expect(MarkdownParser.parseInline("*italic* start") == [.italic([.text("italic")]), .text(" start")])
    }

    @Test func headingsQuotesAndCodeBlocksBecomeParagraphs() {
        #expect(MarkdownParser.parseBlocks("# Title\n\n> quoted *text*\n\n    let x = 1\n") == [
            .paragraph([.bold([.text("Title")])]),
            .paragraph([.text("quoted "), .italic([.text("text")])]),
            .paragraph([.code("let x = 1")]),
        ])
    }

    @Test func unsafeLinkDestinationsBecomePlainText() {
        #expect(MarkdownParser.parseInline("[click](javascript:alert(1))") == [.text("click")])
        #expect(MarkdownParser.parseInline("[x](data:text/html,hi)") == [.text("x")])
        #expect(MarkdownParser.parseInline("<javascript:alert(1)>") == [.text("javascript:alert(1)")])
        #expect(MarkdownParser.parseInline("[see](#sec-2)") == [.link([.text("see")], destination: "#sec-2")])
        #expect(MarkdownParser.parseInline("see <https://a.b/c>") == [
            .text("see "), .link([.text("https://a.b/c")], destination: "https://a.b/c"),
        ])
        #expect(MarkdownParser.parseInline("![alt *text*](https://a.b/i.png)") == [.text("alt "), .italic([.text("text")])])
    }

    @Test func rawHTMLIsKeptAsText() {
        #expect(MarkdownParser.parseInline(#"a <b onclick="x()">bold</b> <!-- c -->"#) == [
            .text(#"a <b onclick="x()">bold</b> <!-- c -->"#),
        ])
        #expect(MarkdownParser.parseBlocks("<script>alert(1)</script>\n\nafter") == [
            .paragraph([.text("<script>alert(1)</script>")]), .paragraph([.text("after")]),
        ])
    }

    @Test func formulasSurviveMarkdownIntact() {
        #expect(MarkdownParser.parseInline(#"Kaplan's $L(N) = (N_{c}/N)^{α_{N}}$ and $a*b*c \cdot d_e_f$"#) == [
            .text("Kaplan's "), .math("L(N) = (N_{c}/N)^{α_{N}}"), .text(" and "), .math(#"a*b*c \cdot d_e_f"#),
        ])
        #expect(MarkdownParser.parseInline("*fit $N^{α}$ here*") == [.italic([.text("fit "), .math("N^{α}"), .text(" here")])])
        #expect(MarkdownParser.parseInline("`code $x_1$` and $<script>$") == [
            .code("code $x_1$"), .text(" and "), .math("<script>"),
        ])
        #expect(MarkdownParser.parseBlocks("- $x^{2}$ first\n- second $y_{i}$") == [
            .bulletList([[.math("x^{2}"), .text(" first")], [.text("second "), .math("y_{i}")]]),
        ])
    }

    @Test func plainTextOfAFormulaIsReadable() {
        #expect(InlineSpan.math("L(N, D) = E + A/N^{α} + B/D^{β}").plainText == "L(N, D) = E + A/N^α + B/D^β")
        #expect(InlineSpan.math(#"\ell(x) = -a \cdot x^{-b} + c"#).plainText == "ℓ(x) = −a · x^(−b) + c")
        #expect(InlineSpan.math(#"N_{opt} \propto C^{a}"#).plainText == "N_opt ∝ C^a")
        #expect(InlineSpan.math("x^{").plainText == "x^{")
    }
}
