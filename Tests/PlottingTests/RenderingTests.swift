// Rendered output checked structurally: PNG signature and pixel size, SVG as XML, PDF pages and text.

import Foundation
import FoundationXML
import Testing
import TestSupport
@preconcurrency import CCairo
@testable import Plotting

private let figure = SampleFigures.lossVersusParameters()

/// The big-endian 32-bit integer at `offset`.
private func bigEndian(_ data: Data, at offset: Int) -> Int {
    data[data.startIndex + offset..<data.startIndex + offset + 4].reduce(0) { $0 << 8 | Int($1) }
}

@Test func pngHasTheSignatureAndTwicePixelDensity() throws {
    let png = try figure.png(width: 300, height: 200)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    #expect(bigEndian(png, at: 16) == 600)
    #expect(bigEndian(png, at: 20) == 400)
    let single = try figure.png(width: 300.5, height: 200, scale: 1)
    #expect(bigEndian(single, at: 16) == 301)
    #expect(bigEndian(single, at: 20) == 200)
}

/// Records the root element and counts elements while parsing.
private final class SVGInspector: NSObject, XMLParserDelegate {
    var root: String?
    var attributes: [String: String] = [:]
    var elementCount = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil {
            root = elementName
            self.attributes = attributes
        }
        elementCount += 1
    }
}

@Test func svgParsesAsXMLWithThePointSize() throws {
    let svg = try figure.svg(width: 300, height: 200)
    let parser = XMLParser(data: Data(svg.utf8))
    let inspector = SVGInspector()
    parser.delegate = inspector
    #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
    #expect(inspector.root == "svg")
    #expect(inspector.attributes["width"] == "300pt")
    #expect(inspector.attributes["height"] == "200pt")
    #expect(inspector.elementCount > 50)
}

/// Every `id="…"` value in `svg`.
private func identifiers(in svg: String) -> Set<String> {
    Set(svg.components(separatedBy: " id=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
}

@Test func svgIdentifiersDifferBetweenFiguresAndAreStable() throws {
    let first = try figure.svg(width: 300, height: 200)
    let second = try SampleFigures.learningRateHeatmap().svg(width: 300, height: 200)
    let firstIdentifiers = identifiers(in: first)
    #expect(firstIdentifiers.count > 10)
    #expect(firstIdentifiers.isDisjoint(with: identifiers(in: second)))
    #expect(try figure.svg(width: 300, height: 200) == first)
    let references = first.components(separatedBy: "href=\"#").dropFirst().compactMap { $0.split(separator: "\"").first }
    #expect(!references.isEmpty)
    #expect(references.allSatisfy { firstIdentifiers.contains(String($0)) })
}

@Test func pdfStartsWithTheMagicNumber() throws {
    let pdf = try figure.pdf(width: 300, height: 200)
    #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
}

@Test(.enabled(if: Poppler.isInstalled, "poppler-utils (pdfinfo, pdftotext) is missing: apt-get install poppler-utils"))
func pdfHasOnePageWithTheTitleAndAxisLabels() throws {
    let pdf = try figure.pdf(width: 460, height: 320)
    let info = try Poppler.info(pdf)
    #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 1") })
    #expect(info.contains("460 x 320 pts"))
    let text = try Poppler.text(pdf)
    for expected in ["Loss vs model size", "Non-embedding parameters N", "Validation loss (nats/byte)", "95 % interval"] {
        #expect(text.contains(expected), "pdftotext did not find '\(expected)' in:\n\(text)")
    }
}

@Test(.enabled(if: Poppler.isInstalled, "poppler-utils (pdfinfo, pdftotext) is missing: apt-get install poppler-utils"))
func drawingIntoAnExistingContextPlacesTheFigureAndRestoresState() throws {
    let sink = CairoByteSink()
    try withExtendedLifetime(sink) {
        let surface = cairo_pdf_surface_create_for_stream(CairoByteSink.write, sink.opaque, 595, 842)!
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        try figure.draw(in: context, x: 60, y: 100, width: 400, height: 280)
        var matrix = cairo_matrix_t()
        cairo_get_matrix(context, &matrix)
        #expect(matrix.x0 == 0 && matrix.y0 == 0 && matrix.xx == 1 && matrix.yy == 1)
        try SampleFigures.learningRateHeatmap().draw(in: context, x: 60, y: 420, width: 400, height: 280)
        cairo_surface_finish(surface)
        try checkCairo(cairo_surface_status(surface))
    }
    let pdf = Data(sink.bytes)
    #expect(try Poppler.info(pdf).contains("595 x 842 pts"))
    let text = try Poppler.text(pdf)
    #expect(text.contains("Loss vs model size"))
    #expect(text.contains("Learning-rate sweep"))
}

@Test func markupCharactersInUserTextAreShownVerbatim() throws {
    var panel = Panel(x: Axis("a < b & \"c\""), y: Axis("<i>not italic</i>"))
    panel.add(Series("x > 0 'quoted'", x: [1, 2], y: [1, 2]))
    let hostile = Figure(title: "<script>alert(1)</script> & more", panel: panel)
    let laidOut = try hostile.layout(width: 300, height: 200, measurer: FixedWidthMeasurer())
    #expect(laidOut.title?.markup == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")
    #expect(laidOut.panels[0].yLabel?.markup == "&lt;i&gt;not italic&lt;/i&gt;")
    _ = try hostile.svg(width: 300, height: 200)
}

@Test func latinCyrillicAndGreekHaveGlyphs() {
    let measurer = PangoTextMeasurer()
    let text = "Loss – Потери – Απώλεια – żółć"
    #expect(measurer.missingGlyphCount(inMarkup: text, font: Font(size: 10)) == 0)
    #expect(measurer.size(ofMarkup: text, font: Font(size: 10)).width > 100)
}

/// Whether fontconfig knows a font covering Chinese.
private let chineseFontInstalled: Bool = {
    guard let fcList = ExternalTool.find("fc-list"),
          let listing = try? ExternalTool.run(fcList, [":lang=zh", "family"]) else { return false }
    return !listing.output.isEmpty
}()

@Test(.enabled(if: chineseFontInstalled, "no CJK font installed: apt-get install fonts-wqy-microhei"))
func chineseFallsBackToAnInstalledCJKFont() {
    let measurer = PangoTextMeasurer()
    #expect(measurer.missingGlyphCount(inMarkup: "验证损失 (比特/字节)", font: Font(size: 10)) == 0)
}

@Test func textMeasuredOnAnImageSurfaceMatchesAcrossCalls() {
    let measurer = PangoTextMeasurer()
    let first = measurer.size(ofMarkup: "Validation loss", font: Font(size: 9.5))
    let second = PangoTextMeasurer().size(ofMarkup: "Validation loss", font: Font(size: 9.5))
    #expect(first == second)
    #expect(first.height > 9 && first.height < 15)
}
