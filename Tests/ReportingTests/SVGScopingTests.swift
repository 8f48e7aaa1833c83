// Inlining standalone SVG: prologue dropped, ids and every kind of reference prefixed.

import Testing
@testable import Reporting

struct SVGScopingTests {
    @Test func identifiersAndReferencesArePrefixed() throws {
        let document = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">
            <defs><g id="glyph0-1"><path d="M 0 0"/></g><clipPath id="clip1"><rect/></clipPath></defs>
            <use xlink:href="#glyph0-1" x="1"/><g clip-path="url(#clip1)"><use href="#glyph0-1"/></g>
            <a href="#elsewhere">x</a></svg>
            """
        let scoped = try #require(SVGScoping.inlineable(document, prefix: "f2-"))
        #expect(scoped.hasPrefix("<svg"))
        #expect(scoped.contains("id=\"f2-glyph0-1\""))
        #expect(scoped.contains("id=\"f2-clip1\""))
        #expect(scoped.contains("xlink:href=\"#f2-glyph0-1\""))
        #expect(scoped.contains("<use href=\"#f2-glyph0-1\"/>"))
        #expect(scoped.contains("url(#f2-clip1)"))
        #expect(scoped.contains("href=\"#elsewhere\""))
    }

    @Test func theTitleReferenceFollowsItsRenamedIdentifier() throws {
        let document = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="fab-title">
            <title id="fab-title">Loss</title><text>aria-labelledby="other"</text></svg>
            """
        let scoped = try #require(SVGScoping.inlineable(document, prefix: "f3-"))
        #expect(scoped.contains("aria-labelledby=\"f3-fab-title\""))
        #expect(scoped.contains("<title id=\"f3-fab-title\">Loss</title>"))
        #expect(scoped.contains("aria-labelledby=\"other\""), "only known identifiers are renamed")
    }

    @Test func textWithoutSVGIsRejected() {
        #expect(SVGScoping.inlineable("<png/>", prefix: "f1-") == nil)
    }
}
