// The text of an SVG figure stays text: a <title> as the root's first child, every title, axis label,
// tick label, legend entry and note as <text> content (invisible over the drawn glyphs), all escaped.

import Foundation
import FoundationXML
import Testing
@testable import Plotting

/// What an SVG holds for a reader: the root's attributes, its first child with its text, every <text>.
private final class SVGTextReader: NSObject, XMLParserDelegate {
    var rootAttributes: [String: String] = [:]
    var firstChild: (name: String, attributes: [String: String])?
    var firstChildText = ""
    var texts: [String] = []
    private var depth = 0
    private var inFirstChild = false
    private var currentText: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        if depth == 1 { rootAttributes = attributes }
        if depth == 2 && firstChild == nil {
            firstChild = (elementName, attributes)
            inFirstChild = true
        }
        if elementName == "text" { currentText = "" }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName: String?) {
        if depth == 2 { inFirstChild = false }
        if elementName == "text", let text = currentText {
            texts.append(text)
            currentText = nil
        }
        depth -= 1
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inFirstChild { firstChildText += string }
        if currentText != nil { currentText! += string }
    }

    /// Reads `svg`, failing the test if it is not well-formed XML.
    static func read(_ svg: String) -> SVGTextReader {
        let reader = SVGTextReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")
        return reader
    }
}

@Test func svgStartsWithATitleThatLabelsTheFigure() throws {
    let svg = try SampleFigures.lossVersusParameters().svg(width: 460, height: 320)
    let reader = SVGTextReader.read(svg)
    let title = try #require(reader.firstChild)
    #expect(title.name == "title")
    #expect(reader.firstChildText == "Loss vs model size — α = 0.30")
    #expect(reader.rootAttributes["role"] == "img")
    let identifier = try #require(title.attributes["id"])
    #expect(reader.rootAttributes["aria-labelledby"] == identifier)
    #expect(identifier.hasPrefix("f") && identifier.hasSuffix("-title"), "carries the document's id prefix")
}

@Test func everyLabelIsSVGTextContent() throws {
    let figure = SampleFigures.lossVersusParameters()
    let reader = SVGTextReader.read(try figure.svg(width: 460, height: 320))
    for expected in ["Loss vs model size — α = 0.30", "Non-embedding parameters N", "Validation loss (nats/byte)",
                     "Runs (mean of 3 seeds)", "Fit L = E + A·N^−α", "95 % interval", "irreducible loss E = 1.70",
                     "10⁴", "10⁵", "10⁶", "10⁷"] {
        #expect(reader.texts.contains(expected), "no <text>\(expected)</text> in \(reader.texts)")
    }
    let laidOut = try figure.layout(width: 460, height: 320, measurer: PangoTextMeasurer())
    let tickLabels = laidOut.panels.flatMap { ($0.xTicks + $0.yTicks).compactMap(\.label) }
    #expect(tickLabels.count >= 6)
    for label in tickLabels {
        #expect(reader.texts.contains(SVGTextLayer.plainText(fromMarkup: label.markup)))
    }
    #expect(reader.texts.count == laidOut.allTextBoxes.count)
}

@Test func textOverlayIsInvisibleAndSizedLikeTheGlyphs() throws {
    let svg = try SampleFigures.lossVersusParameters().svg(width: 460, height: 320)
    #expect(svg.contains("<g class=\"figure-text\" fill=\"#000\" fill-opacity=\"0\" stroke=\"none\">"))
    #expect(svg.contains("textLength=\""), "each overlay is stretched to the drawn width")
    #expect(svg.contains("transform=\"rotate(-90 "), "the y-axis label reads upwards like the drawn one")
    #expect(svg.contains("<use"), "the visible text is still Cairo's glyph outlines")
}

@Test func hostileTitlesAndLabelsAreEscaped() throws {
    var panel = Panel(x: Axis("a < b & \"c\""), y: Axis("<script>&"))
    panel.add(Series("x > 0 'quoted'", x: [1, 2], y: [1, 2]))
    let svg = try Figure(title: "<script>alert(1)</script>&", panel: panel).svg(width: 300, height: 200)
    #expect(!svg.contains("<script"))
    #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;</title>"))
    let reader = SVGTextReader.read(svg)
    #expect(reader.firstChildText == "<script>alert(1)</script>&")
    for expected in ["a < b & \"c\"", "<script>&", "x > 0 'quoted'"] {
        #expect(reader.texts.contains(expected))
    }
}

@Test func untitledFiguresAreTitledByWhatTheyPlot() throws {
    var panel = Panel(x: Axis("Step"), y: Axis("Loss", unit: "bits/byte"))
    panel.add(Series("run", x: [1, 2], y: [2, 1]))
    #expect(Figure(panel: panel).accessibleTitle == "Loss against Step")
    #expect(SampleFigures.smallMultiples().accessibleTitle == "Loss by language (shared axes)")
    let reader = SVGTextReader.read(try Figure(panel: panel).svg(width: 300, height: 200))
    #expect(reader.firstChildText == "Loss against Step")
}

@Test func markupBecomesTheTextAReaderSees() {
    #expect(SVGTextLayer.plainText(fromMarkup: TickLabels.power(-3)) == "10⁻³")
    #expect(SVGTextLayer.plainText(fromMarkup: "2×" + TickLabels.power(12)) == "2×10¹²")
    #expect(SVGTextLayer.plainText(fromMarkup: "a &lt; b &amp; &#x3b1;&#946;") == "a < b & αβ")
    #expect(SVGTextLayer.plainText(fromMarkup: "<b>bold</b> <span rise=\"-2000\">low</span>") == "bold low")
}
