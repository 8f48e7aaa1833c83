// Layout without pixels: legend placement, non-overlapping rectangles and text, shared axes, size errors.

import Foundation
import Testing
@testable import Plotting

private let measurer = FixedWidthMeasurer()

/// A one-panel figure of `series` on linear axes.
private func figure(_ series: [Series], legend: LegendPlacement = .automatic) -> Figure {
    Figure(title: "Layout", panel: Panel(x: Axis("x", unit: "steps"), y: Axis("y", unit: "bits/byte"),
                                         marks: series.map { .series($0) }), legend: legend)
}

private let xs = (0...40).map { Double($0) / 4 }

@Test func automaticLegendTakesTheEmptyTopRightCornerOfADecayingCurve() throws {
    let decaying = Series("loss", x: xs, y: xs.map { exp(-$0) }, kind: .line)
    let laidOut = try figure([decaying]).layout(width: 400, height: 280, measurer: measurer)
    let legend = try #require(laidOut.legend)
    #expect(legend.position == .inside(panel: 0, corner: .topRight))
    #expect(laidOut.panels[0].plotRect.contains(legend.rect))
}

@Test func automaticLegendTakesTheTopLeftCornerOfARisingCurve() throws {
    let rising = Series("accuracy", x: xs, y: xs.map { $0 * $0 }, kind: .line)
    let falling = Series("error", x: xs, y: xs.map { 100 - $0 * $0 }, kind: .line)
    let laidOut = try figure([rising]).layout(width: 400, height: 280, measurer: measurer)
    #expect(laidOut.legend?.position == .inside(panel: 0, corner: .topLeft))
    let both = try figure([rising, falling]).layout(width: 400, height: 280, measurer: measurer)
    #expect(both.legend?.position != .inside(panel: 0, corner: .topLeft))
    #expect(both.legend?.position != .inside(panel: 0, corner: .topRight))
}

@Test func insideLegendOverlapsNoData() throws {
    let series = [Series("a", x: xs, y: xs.map { sin($0) }), Series("b", x: xs, y: xs.map { cos($0) })]
    let built = figure(series)
    let laidOut = try built.layout(width: 420, height: 300, measurer: measurer)
    let legend = try #require(laidOut.legend)
    if case .inside = legend.position {
        let footprint = DataFootprint(panel: built.panels[0], layout: laidOut.panels[0], theme: .standard)
        #expect(footprint.overlapCount(with: legend.rect) == 0)
    }
}

@Test func legendMovesOutsideWhenEveryCornerHoldsData() throws {
    let grid = (0...10).flatMap { row in (0...10).map { (Double($0), Double(row)) } }
    let scatter = Series("grid", x: grid.map(\.0), y: grid.map(\.1), kind: .markers)
    let laidOut = try figure([scatter]).layout(width: 400, height: 280, measurer: measurer)
    let legend = try #require(laidOut.legend)
    #expect(legend.position == .outsideRight)
    #expect(!legend.rect.intersects(laidOut.panels[0].plotRect))
    #expect(Rect(x: 0, y: 0, width: 400, height: 280).contains(legend.rect))
}

@Test func outsideLegendClearsEveryPlotAreaOfAGrid() throws {
    let panels = (0..<4).map { index in
        Panel(title: "Panel \(index)", x: Axis("Step"), y: Axis("Loss"),
              marks: [.series(Series("run \(index % 2)", x: xs, y: xs.map { $0 + Double(index) }))])
    }
    let laidOut = try Figure(panels: panels, columns: 2, legend: .outsideRight)
        .layout(width: 520, height: 380, measurer: measurer)
    let legend = try #require(laidOut.legend)
    #expect(legend.rows.map(\.entry.label) == ["run 0", "run 1"])
    for panel in laidOut.panels {
        #expect(!legend.rect.intersects(panel.plotRect))
    }
}

@Test func referenceLineLabelsMoveToTheSideWithoutData() throws {
    let rightHalf = xs.filter { $0 > 5 }
    var panel = Panel(x: Axis(), y: Axis(), marks: [.series(Series(x: rightHalf, y: rightHalf.map { _ in 1.04 }))])
    panel.add(ReferenceLine.horizontal(1, label: "pre-switch loss"))
    panel.add(Series(x: [0, 10], y: [0, 0], kind: .markers))
    let laidOut = try Figure(panel: panel).layout(width: 400, height: 280, measurer: measurer)
    let note = try #require(laidOut.panels[0].notes[1])
    let plot = laidOut.panels[0].plotRect
    #expect(note.rect.maxX < plot.center.x)
    #expect(plot.contains(note.rect))
    #expect(note.background != nil)
}

@Test func hiddenLegendIsAbsent() throws {
    let series = Series("a", x: xs, y: xs)
    #expect(try figure([series], legend: .hidden).layout(width: 300, height: 200, measurer: measurer).legend == nil)
}

@Test(arguments: SampleFigures.all.map(\.name))
func textBoxesNeitherOverlapEachOtherNorLeaveTheFigure(name: String) throws {
    let sample = try #require(SampleFigures.all.first { $0.name == name }).figure
    let laidOut = try sample.layout(width: 460, height: 320, measurer: measurer)
    let page = Rect(x: 0, y: 0, width: 460, height: 320)
    let boxes = laidOut.textBoxes
    let insideLegend = laidOut.legend.flatMap { legend -> Rect? in
        if case .inside = legend.position { return legend.rect } else { return nil }
    }
    for box in boxes {
        #expect(page.contains(box.rect), "\(box.markup) at \(box.rect) leaves the page")
        if let insideLegend, insideLegend.contains(box.rect) { continue }
        for panel in laidOut.panels {
            #expect(!box.rect.intersects(panel.plotRect), "\(box.markup) overlaps a plot area")
        }
    }
    for (index, box) in boxes.enumerated() {
        for other in boxes[(index + 1)...] {
            #expect(!box.rect.intersects(other.rect), "\(box.markup) overlaps \(other.markup)")
        }
    }
}

@Test func plotAreasOfAGridDoNotOverlap() throws {
    let laidOut = try SampleFigures.smallMultiples().layout(width: 460, height: 320, measurer: measurer)
    let rects = laidOut.panels.map(\.plotRect)
    for (index, rect) in rects.enumerated() {
        for other in rects[(index + 1)...] { #expect(!rect.intersects(other)) }
    }
}

@Test func sharedAxesAlignPanelsAndLabelOnlyTheOuterEdges() throws {
    let laidOut = try SampleFigures.smallMultiples().layout(width: 460, height: 320, measurer: measurer)
    let panels = laidOut.panels
    #expect(panels[0].plotRect.minX == panels[2].plotRect.minX)
    #expect(panels[0].plotRect.minY == panels[1].plotRect.minY)
    #expect(Set(panels.map(\.plotRect.width)).count == 1)
    #expect(Set(panels.map(\.plotRect.height)).count == 1)
    #expect(Set(panels.map(\.x.domain)).count == 1)
    #expect(Set(panels.map(\.y.domain)).count == 1)
    #expect(panels[0].xTicks.allSatisfy { $0.label == nil })
    #expect(panels[2].xTicks.contains { $0.label != nil })
    #expect(panels[1].yTicks.allSatisfy { $0.label == nil })
    #expect(panels[1].yLabel == nil && panels[0].yLabel != nil)
}

@Test func heatmapPanelIsTightAndHasAColourBarBesideIt() throws {
    let laidOut = try SampleFigures.learningRateHeatmap().layout(width: 460, height: 320, measurer: measurer)
    let panel = laidOut.panels[0]
    let colorBar = try #require(panel.colorBar)
    #expect(colorBar.rect.minX > panel.plotRect.maxX)
    #expect(colorBar.rect.maxX < 460)
    #expect(abs(panel.y.domain.lowerBound + 0.5) < 1e-12 && abs(panel.y.domain.upperBound - 3.5) < 1e-12)
    #expect(panel.yTicks.compactMap { $0.label?.markup } == ["64", "128", "256", "512"])
}

@Test func marginsGrowWithTheWidestTickLabel() throws {
    let narrow = figure([Series(x: [0, 1], y: [0, 1])], legend: .hidden)
    let wide = figure([Series(x: [0, 1], y: [0, 1_000_000_000])], legend: .hidden)
    let narrowPlot = try narrow.layout(width: 400, height: 300, measurer: measurer).panels[0].plotRect
    let widePlot = try wide.layout(width: 400, height: 300, measurer: measurer).panels[0].plotRect
    #expect(widePlot.minX > narrowPlot.minX)
}

@Test func tinyFiguresAreRejected() {
    let series = Series("a", x: [1, 2], y: [1, 2])
    #expect(throws: PlotError.figureTooSmall(width: 40, height: 30)) {
        try figure([series]).layout(width: 40, height: 30, measurer: measurer)
    }
    #expect(throws: PlotError.invalidSize(width: 0, height: 30)) {
        try figure([series]).layout(width: 0, height: 30, measurer: measurer)
    }
}

@Test func longTitleStaysOnThePageBesideAnOutsideLegend() throws {
    let title = "Final loss by schedule (mean of 3 seeds, 95 % interval)"
    let series = Series("constant + EMA + ascending", x: xs, y: xs)
    let laidOut = try Figure(title: title, panel: Panel(x: Axis(), y: Axis(), marks: [.series(series)]),
                             legend: .outsideRight).layout(width: 420, height: 300, measurer: measurer)
    let box = try #require(laidOut.title)
    #expect(Rect(x: 0, y: 0, width: 420, height: 300).contains(box.rect), "title at \(box.rect) leaves the page")
}
