// The Markdown subset: blocks (paragraphs, bullet and numbered lists) and inline spans, including
// the cases that must stay literal text.

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
            4) four
            """)
        #expect(blocks == [
            .paragraph([.text("First line continues here.")]),
            .bulletList([[.text("one")], [.text("two still two")]]),
            .numberedList(start: 3, items: [[.text("three")], [.text("four")]]),
        ])
    }

    @Test func inlineSpansNest() {
        #expect(MarkdownParser.parseInline("a **bold *and italic*** `x*y` $N_opt^α$ [p](https://a.b/c?d=1)") == [
            .text("a "), .bold([.text("bold "), .italic([.text("and italic")])]), .text(" "), .code("x*y"),
            .text(" "), .math("N_opt^α"), .text(" "), .link([.text("p")], destination: "https://a.b/c?d=1"),
        ])
    }

    @Test func unclosedOrSpacedDelimitersStayLiteral() {
        #expect(MarkdownParser.parseInline("2 * 3 * 4 and **open") == [.text("2 * 3 * 4 and **open")])
        #expect(MarkdownParser.parseInline(#"costs \$5 and \*not italic\*"#) == [.text("costs $5 and *not italic*")])
        #expect(MarkdownParser.parseInline("[no link] (here)") == [.text("[no link] (here)")])
    }

    @Test func unsafeLinkDestinationsBecomePlainText() {
        #expect(MarkdownParser.parseInline("[click](javascript:alert(1))") == [.text("click"), .text(")")])
        #expect(MarkdownParser.parseInline("[x](data:text/html,hi)") == [.text("x")])
        #expect(MarkdownParser.parseInline("[see](#sec-2)") == [.link([.text("see")], destination: "#sec-2")])
    }
}
