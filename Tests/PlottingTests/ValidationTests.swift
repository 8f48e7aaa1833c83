// Typed errors for unusable data: empty series, non-positive values on log axes, mismatched arrays, bad domains.

import Testing
@testable import Plotting

private let measurer = FixedWidthMeasurer()

private func layOut(_ panel: Panel) throws {
    _ = try Figure(panel: panel).layout(width: 400, height: 300, measurer: measurer)
}

@Test func emptySeriesIsAnError() {
    #expect(throws: PlotError.emptySeries(name: "loss")) {
        try layOut(Panel(x: Axis(), y: Axis(), marks: [.series(Series("loss", x: [], y: []))]))
    }
    #expect(throws: PlotError.emptySeries(name: "series 1 of panel 1")) {
        try layOut(Panel(x: Axis(), y: Axis(), marks: [.series(Series(x: [1, 2], y: [.nan, .infinity]))]))
    }
}

@Test func logAxesRefuseNonPositiveData() {
    let yLog = Panel(x: Axis(), y: Axis(scale: .log10), marks: [.series(Series("loss", x: [1, 2, 3], y: [2, 0, 1]))])
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "y", mark: "loss", value: 0)) { try layOut(yLog) }
    let xLog = Panel(x: Axis(scale: .log10), y: Axis(), marks: [.series(Series("n", x: [-1, 2], y: [1, 1]))])
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "x", mark: "n", value: -1)) { try layOut(xLog) }
    let band = Panel(x: Axis(), y: Axis(scale: .log10),
                     marks: [.band(Band("ci", x: [1, 2], lower: [-0.1, 0.5], upper: [1, 2]))])
    #expect(throws: PlotError.nonPositiveValueOnLogAxis(axis: "y", mark: "ci", value: -0.1)) { try layOut(band) }
}

@Test func negativeValuesAreFineOnLinearAxes() throws {
    try layOut(Panel(x: Axis(), y: Axis(), marks: [.series(Series(x: [-3, -2, -1], y: [-10, -20, 5]))]))
}

@Test func mismatchedArraysAreAnError() {
    #expect(throws: PlotError.mismatchedLengths(mark: "loss", expected: 3, actual: 2)) {
        try layOut(Panel(x: Axis(), y: Axis(), marks: [.series(Series("loss", x: [1, 2, 3], y: [1, 2]))]))
    }
}

@Test func unusableExplicitDomainsAreAnError() {
    let series = Series("loss", x: [1, 2], y: [1, 2])
    #expect(throws: PlotError.invalidDomain(axis: "y", lower: 0, upper: 10)) {
        try layOut(Panel(x: Axis(), y: Axis(scale: .log10, domain: 0...10), marks: [.series(series)]))
    }
    #expect(throws: PlotError.invalidDomain(axis: "x", lower: 2, upper: 2)) {
        try layOut(Panel(x: Axis(domain: 2...2), y: Axis(), marks: [.series(series)]))
    }
}

@Test func emptyPanelsAndFiguresAreErrors() throws {
    #expect(throws: PlotError.panelHasNoData(panel: 0)) { try layOut(Panel(x: Axis(), y: Axis())) }
    try layOut(Panel(x: Axis(domain: 0...1), y: Axis(domain: 0...1)))
    #expect(throws: PlotError.noPanels) {
        _ = try Figure(panels: []).layout(width: 300, height: 200, measurer: measurer)
    }
    #expect(throws: PlotError.invalidGrid(columns: 0)) {
        _ = try Figure(panels: [Panel(x: Axis(domain: 0...1), y: Axis(domain: 0...1))], columns: 0)
            .layout(width: 300, height: 200, measurer: measurer)
    }
}

@Test func heatmapShapeMustMatchItsCentres() {
    let heatmap = Heatmap(x: [1, 2, 3], y: [1, 2], values: [[1, 2, 3], [4, 5]])
    #expect(throws: PlotError.heatmapShape(rows: 2, columns: 3, expectedRows: 2, expectedColumns: 3)) {
        try layOut(Panel(x: Axis(), y: Axis(), marks: [.heatmap(heatmap)]))
    }
}

@Test func errorMessagesSayWhatToDo() {
    let errors: [PlotError] = [
        .emptySeries(name: "loss"), .nonPositiveValueOnLogAxis(axis: "y", mark: "loss", value: 0),
        .invalidDomain(axis: "x", lower: 0, upper: 0), .panelHasNoData(panel: 0), .figureTooSmall(width: 1, height: 1),
    ]
    for error in errors {
        #expect(error.description.contains(";"), "\(error.description) should name the fix after the cause")
    }
    #expect(PlotError.nonPositiveValueOnLogAxis(axis: "y", mark: "loss", value: 0).description.contains("loss"))
}
