// Bar charts: automatic domains that hold baselines and whiskers, grouped geometry, legend, layering in SVG, bad input.

import Foundation
import FoundationXML
import Testing
@testable import Plotting

private let measurer = FixedWidthMeasurer()

/// Three arms' final losses (bits/byte) with 95 % intervals, at one model size.
private let losses = [1.262, 1.231, 1.244]
private let intervals = ErrorBars(lower: [1.251, 1.223, 1.230], upper: [1.273, 1.239, 1.258])

private func panel(_ bars: [Bars], y: Axis = Axis("Loss", unit: "bits/byte")) -> Panel {
    Panel(x: Axis.categories(["WSD + uniform", "WSD + ascending", "constant + EMA"]), y: y,
          marks: bars.map { .bars($0) })
}

private func layOut(_ panel: Panel, legend: LegendPlacement = .hidden) throws -> FigureLayout {
    try Figure(panel: panel, legend: legend).layout(width: 420, height: 300, measurer: measurer)
}

// MARK: Domains

@Test func barExtentCoversTheBaselineTheWhiskersAndHalfACategoryBeyondTheOuterBars() throws {
    let explicit = try panel([Bars(values: losses, errorBars: intervals, baseline: 1.0)])
        .validatedExtents(panelIndex: 0)
    #expect(explicit.x == DataExtent(lower: -0.5, upper: 2.5))
    #expect(explicit.y == DataExtent(lower: 1.0, upper: 1.273))
    let automatic = try panel([Bars(values: losses, errorBars: intervals)]).validatedExtents(panelIndex: 0)
    #expect(automatic.y == DataExtent(lower: 0, upper: 1.273))
    let belowTheWhiskers = try panel([Bars(values: losses, errorBars: intervals, baseline: 1.3)])
        .validatedExtents(panelIndex: 0)
    #expect(belowTheWhiskers.y == DataExtent(lower: 1.223, upper: 1.3))
}

@Test func automaticYDomainStopsAtTheBaselineSoBarsStandOnTheAxis() throws {
    let laidOut = try layOut(panel([Bars(values: losses, errorBars: intervals, baseline: 1.0)]))
    let placed = laidOut.panels[0]
    #expect(placed.y.domain.lowerBound == 1.0)
    #expect(placed.y.domain.upperBound > 1.273)
    for bar in placed.bars {
        #expect(abs(bar.rect.maxY - placed.plotRect.maxY) < 1e-9, "bar \(bar.category) floats above the axis")
    }
    let fromZero = try layOut(panel([Bars(values: losses)])).panels[0]
    #expect(fromZero.y.domain.lowerBound == 0)
    // Padding still applies on the side away from the baseline, and to all-negative bars hanging from 0.
    let negative = try layOut(panel([Bars(values: [-0.8, -0.5, -0.3])])).panels[0]
    #expect(negative.y.domain.upperBound == 0)
    #expect(negative.y.domain.lowerBound < -0.8)
    #expect(negative.bars.allSatisfy { abs($0.rect.minY - negative.plotRect.minY) < 1e-9 })
}

@Test func automaticBaselineIsZeroOrTheEndOfAnExplicitDomainNearestZero() throws {
    let bars = Bars(values: losses)
    #expect(bars.resolvedBaseline(domain: -1...2, scale: .linear) == 0)
    #expect(bars.resolvedBaseline(domain: 1.0...1.3, scale: .linear) == 1.0)
    #expect(bars.resolvedBaseline(domain: -5 ... -1, scale: .linear) == -1)
    #expect(bars.resolvedBaseline(domain: 0.5...2, scale: .log10) == 0.5)
    #expect(Bars(values: losses, baseline: 1.1).resolvedBaseline(domain: 1.0...1.3, scale: .linear) == 1.1)

    let zoomed = try layOut(panel([bars], y: Axis("Loss", domain: 1.0...1.3))).panels[0]
    #expect(zoomed.bars.count == 3)
    for bar in zoomed.bars {
        #expect(abs(bar.rect.maxY - zoomed.plotRect.maxY) < 1e-9)
        #expect(bar.rect.height > 0.5 * zoomed.plotRect.height, "differences from 1.0 should be clearly visible")
    }
}

@Test func barsOnALogYAxisGrowFromTheBottomOfTheDomain() throws {
    let placed = try layOut(panel([Bars(values: [1e-3, 1e-2, 1e-1])], y: Axis("Loss", scale: .log10))).panels[0]
    #expect(placed.y.domain.lowerBound < 1e-3)
    #expect(placed.bars.allSatisfy { abs($0.rect.maxY - placed.plotRect.maxY) < 1e-9 })
}

// MARK: Geometry

@Test func groupedBarsOfACategorySitEitherSideOfItsCentreWithoutOverlapping() throws {
    let sizes = [Bars("3 M", values: losses, errorBars: intervals, baseline: 1.0),
                 Bars("12 M", values: losses.map { $0 - 0.1 }, baseline: 1.0)]
    let placed = try layOut(panel(sizes)).panels[0]
    #expect(placed.bars.count == 6)
    let centre = placed.x.position(of: 1)
    let spacing = placed.x.position(of: 1) - placed.x.position(of: 0)
    let inCategory = placed.bars.filter { $0.category == 1 }
    let left = try #require(inCategory.first { $0.markIndex == 0 })
    let right = try #require(inCategory.first { $0.markIndex == 1 })
    #expect(left.rect.maxX <= centre && right.rect.minX >= centre)
    #expect(!left.rect.intersects(right.rect))
    #expect(abs(left.rect.center.x - placed.x.position(of: 0.8)) < 1e-9)
    #expect(abs(right.rect.center.x - placed.x.position(of: 1.2)) < 1e-9)
    #expect(abs(left.rect.width + right.rect.width - Bars.groupWidth * spacing) < 1e-9)
    // Whiskers stand on the centre of their own bar and reach the interval's ends.
    let whisker = try #require(left.whisker)
    #expect(abs(whisker.lowerBound - placed.y.position(of: intervals.upper[1])) < 1e-9)
    #expect(abs(whisker.upperBound - placed.y.position(of: intervals.lower[1])) < 1e-9)
    #expect(right.whisker == nil)
    // No two bars of the panel overlap.
    for (index, bar) in placed.bars.enumerated() {
        for other in placed.bars[(index + 1)...] { #expect(!bar.rect.intersects(other.rect)) }
    }
}

@Test func outerBarsAndWhiskersStayInsideThePlotArea() throws {
    let groups = (0..<3).map { Bars(values: losses, errorBars: intervals, baseline: 1.0, paletteIndex: $0) }
    let placed = try layOut(panel(groups)).panels[0]
    #expect(placed.bars.count == 9)
    for bar in placed.bars {
        #expect(placed.plotRect.contains(bar.rect), "bar \(bar.category) of mark \(bar.markIndex) is clipped")
        let whisker = try #require(bar.whisker)
        #expect(whisker.lowerBound >= placed.plotRect.minY && whisker.upperBound <= placed.plotRect.maxY)
    }
}

@Test func nonFiniteValuesLeaveTheirBarOutAndNonFiniteBoundsTheirWhisker() throws {
    let gappy = Bars(values: [1.2, .nan, 1.1],
                     errorBars: ErrorBars(lower: [1.15, 1.2, .infinity], upper: [1.25, 1.3, 1.2]))
    let placed = try layOut(panel([gappy])).panels[0]
    #expect(placed.bars.map(\.category) == [0, 2])
    #expect(placed.bars.map { $0.whisker != nil } == [true, false])
}

// MARK: Legend and palette

@Test func namedBarsGetFilledSwatchesInPaletteOrderAndUnnamedOnesNone() throws {
    let marks = [Bars("WSD", values: losses), Bars(values: losses), Bars("constant", values: losses)]
    let entries = panel(marks).legendEntries
    #expect(entries.map(\.label) == ["WSD", "constant"])
    let first = Palette.colors[0], third = Palette.colors[2]
    #expect(entries.map(\.swatch) == [.bar(fill: Bars.fill(for: first), edge: first),
                                      .bar(fill: Bars.fill(for: third), edge: third)])
    let laidOut = try layOut(panel(marks), legend: .outsideRight)
    #expect(laidOut.legend?.rows.map(\.entry.label) == ["WSD", "constant"])
}

@Test func barsAndSeriesShareTheAutomaticPaletteSequence() {
    var mixed = panel([Bars("arm", values: losses)])
    mixed.add(Series("fit", x: [0, 1, 2], y: losses))
    mixed.add(Bars("other", values: losses, color: .black))
    let colors = mixed.appearances.sorted { $0.key < $1.key }.map(\.value.color)
    #expect(colors == [Palette.colors[0], Palette.colors[1], .black])
}

@Test func insideLegendAvoidsTheBars() throws {
    let laidOut = try Figure(panel: SampleFigures.groupedBars().panels[0])
        .layout(width: 460, height: 320, measurer: measurer)
    let legend = try #require(laidOut.legend)
    #expect(legend.position == .inside(panel: 0, corner: .topRight))
    for bar in laidOut.panels[0].bars { #expect(!legend.rect.intersects(bar.rect)) }
}

@Test func legendMovesOutsideWhenBarsFillEveryCorner() throws {
    let full = panel([Bars("3 M", values: [1, 1, 1]), Bars("12 M", values: [1, 1, 1])])
    let laidOut = try layOut(full, legend: .automatic)
    let legend = try #require(laidOut.legend)
    #expect(legend.position == .outsideRight)
    #expect(!legend.rect.intersects(laidOut.panels[0].plotRect))
}

// MARK: Rendering

/// The fill colours (0...1 components) of every SVG element with a solid RGB fill, in document order.
private func fills(in svg: String) -> [(offset: Int, red: Double, green: Double, blue: Double)] {
    let pattern = try! NSRegularExpression(pattern: #"fill:rgb\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\)"#)
    let text = svg as NSString
    return pattern.matches(in: svg, range: NSRange(location: 0, length: text.length)).map { match in
        let component = { (group: Int) in Double(text.substring(with: match.range(at: group)))! / 100 }
        return (match.range.location, component(1), component(2), component(3))
    }
}

@Test func svgHasOneFilledRectanglePerFiniteBarBeneathTheReferenceLine() throws {
    var chart = panel([Bars("3 M", values: losses, errorBars: intervals, baseline: 1.0),
                       Bars("12 M", values: [1.15, .nan, 1.13], baseline: 1.0)])
    chart.add(ReferenceLine.horizontal(1.2, label: "target"))
    let svg = try Figure(panel: chart, legend: .hidden).svg(width: 420, height: 300)

    let parser = XMLParser(data: Data(svg.utf8))
    #expect(parser.parse(), "SVG is not well-formed: \(String(describing: parser.parserError))")

    let barFills = [Palette.colors[0], Palette.colors[1]].map(Bars.fill(for:))
    let drawn = fills(in: svg).filter { fill in
        barFills.contains { abs($0.red - fill.red) < 1e-3 && abs($0.green - fill.green) < 1e-3
            && abs($0.blue - fill.blue) < 1e-3 }
    }
    #expect(drawn.count == 5)
    let dashedLine = try #require(svg.range(of: "stroke-dasharray"))
    let lastBar = try #require(drawn.last?.offset)
    #expect(lastBar < svg.distance(from: svg.startIndex, to: dashedLine.lowerBound),
            "bars must be drawn before (beneath) reference lines")
}

@Test func groupedBarsRenderToPNGAndPDF() throws {
    let figure = SampleFigures.groupedBars()
    let png = try figure.png(width: 460, height: 320)
    #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
    let pdf = try figure.pdf(width: 460, height: 320)
    #expect(String(decoding: pdf.prefix(4), as: UTF8.self) == "%PDF")
}

// MARK: Invalid input

@Test func barInputIsValidatedLikeSeries() {
    #expect(throws: PlotError.mismatchedLengths(mark: "arm error bars", expected: 3, actual: 2)) {
        try layOut(panel([Bars("arm", values: losses,
                               errorBars: ErrorBars(lower: [1, 1], upper: [2, 2, 2]))]))
    }
    #expect(throws: PlotError.mismatchedLengths(mark: "bars 2 of panel 1 error bars", expected: 3, actual: 4)) {
        try layOut(panel([Bars(values: losses),
                          Bars(values: losses, errorBars: ErrorBars(lower: losses, upper: losses + [1]))]))
    }
    #expect(throws: PlotError.emptySeries(name: "arm")) {
        try layOut(panel([Bars("arm", values: [.nan, .infinity, -.infinity])]))
    }
    #expect(throws: PlotError.emptySeries(name: "bars 1 of panel 1")) { try layOut(panel([Bars(values: [])])) }
    #expect(throws: PlotError.invalidBaseline(mark: "arm", value: .infinity)) {
        try layOut(panel([Bars("arm", values: losses, baseline: .infinity)]))
    }
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "y", mark: "arm", value: 0)) {
        try layOut(panel([Bars("arm", values: [1, 0, 2])], y: Axis(scale: .log10)))
    }
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "y", mark: "arm baseline", value: 0)) {
        try layOut(panel([Bars("arm", values: losses, baseline: 0)], y: Axis(scale: .log10)))
    }
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "x", mark: "arm", value: -0.5)) {
        try layOut(Panel(x: Axis(scale: .log10), y: Axis(), marks: [.bars(Bars("arm", values: losses))]))
    }
}

@Test func nanBaselineIsRejectedWithAMessageThatSaysWhatToDo() throws {
    do {
        _ = try layOut(panel([Bars("arm", values: losses, baseline: .nan)]))
        Issue.record("a NaN baseline was accepted")
    } catch let error as PlotError {
        guard case .invalidBaseline(let mark, let value) = error else {
            Issue.record("expected invalidBaseline, got \(error)")
            return
        }
        #expect(mark == "arm" && value.isNaN)
        #expect(error.description.contains("arm") && error.description.contains(";"))
    }
}
