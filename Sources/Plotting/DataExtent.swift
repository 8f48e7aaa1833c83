// Validation of a panel's marks and the data ranges they span, from which axis domains are resolved.

import Foundation

/// The smallest interval holding every value included so far.
struct DataExtent: Sendable, Equatable {
    var lower = Double.infinity
    var upper = -Double.infinity

    var isEmpty: Bool { lower > upper }

    mutating func include(_ value: Double) {
        guard value.isFinite else { return }
        lower = min(lower, value)
        upper = max(upper, value)
    }

    mutating func include(_ other: DataExtent) {
        guard !other.isEmpty else { return }
        include(other.lower)
        include(other.upper)
    }
}

/// The validated data ranges of one panel.
struct PanelExtents: Sendable, Equatable {
    var x = DataExtent()
    var y = DataExtent()
    /// Whether a heatmap fills the panel, in which case domains are not padded.
    var hasHeatmap = false
    /// y values the automatic padding must not cross when they are an end of the data range: bar
    /// baselines, so bars stand on the axis instead of floating above it.
    var yAnchors: [Double] = []
}

extension Panel {
    /// Checks every mark (lengths, empty data, positivity on log axes, bar baselines, heatmap shape) and
    /// returns the ranges the marks span. `panelIndex` only names the panel in errors.
    func validatedExtents(panelIndex: Int) throws -> PanelExtents {
        var extents = PanelExtents()
        var seriesNumber = 0
        var barsNumber = 0
        for mark in marks {
            switch mark {
            case .series(let series):
                seriesNumber += 1
                let name = series.name ?? "series \(seriesNumber) of panel \(panelIndex + 1)"
                try checkSeries(series, name: name, into: &extents)
            case .bars(let bars):
                barsNumber += 1
                let name = bars.name ?? "bars \(barsNumber) of panel \(panelIndex + 1)"
                try checkBars(bars, name: name, into: &extents)
            case .band(let band):
                let name = band.name ?? "band in panel \(panelIndex + 1)"
                try checkBand(band, name: name, into: &extents)
            case .referenceLine(let line):
                let name = line.label ?? "reference line in panel \(panelIndex + 1)"
                switch line.axis {
                case .x:
                    try requirePositive([line.value], on: x, axisName: "x", mark: name)
                    extents.x.include(line.value)
                case .y:
                    try requirePositive([line.value], on: y, axisName: "y", mark: name)
                    extents.y.include(line.value)
                }
            case .annotation(let annotation):
                try requirePositive([annotation.x], on: x, axisName: "x", mark: annotation.text)
                try requirePositive([annotation.y], on: y, axisName: "y", mark: annotation.text)
                extents.x.include(annotation.x)
                extents.y.include(annotation.y)
            case .heatmap(let heatmap):
                guard !extents.hasHeatmap else { throw PlotError.multipleHeatmaps(panel: panelIndex) }
                try checkHeatmap(heatmap, into: &extents)
            }
        }
        return extents
    }

    private func checkSeries(_ series: Series, name: String, into extents: inout PanelExtents) throws {
        guard series.x.count == series.y.count else {
            throw PlotError.mismatchedLengths(mark: name, expected: series.x.count, actual: series.y.count)
        }
        let finite = zip(series.x, series.y).filter { $0.0.isFinite && $0.1.isFinite }
        guard !finite.isEmpty else { throw PlotError.emptySeries(name: name) }
        try requirePositive(finite.map(\.0), on: x, axisName: "x", mark: name)
        try requirePositive(finite.map(\.1), on: y, axisName: "y", mark: name)
        for (pointX, pointY) in finite {
            extents.x.include(pointX)
            extents.y.include(pointY)
        }
        if let bars = series.errorBars {
            for bound in [bars.lower, bars.upper] where bound.count != series.x.count {
                throw PlotError.mismatchedLengths(mark: "\(name) error bars", expected: series.x.count,
                                                  actual: bound.count)
            }
            let bounds = (bars.lower + bars.upper).filter(\.isFinite)
            try requirePositive(bounds, on: y, axisName: "y", mark: "\(name) error bars")
            bounds.forEach { extents.y.include($0) }
        }
    }

    /// Bars span −0.5 … n − 0.5 in x (the outer halves of the outer categories), and their values, whiskers
    /// and explicit baseline in y; without a baseline, 0 on a linear y axis (see `Bars.baseline`).
    private func checkBars(_ bars: Bars, name: String, into extents: inout PanelExtents) throws {
        let finite = bars.values.filter(\.isFinite)
        guard !finite.isEmpty else { throw PlotError.emptySeries(name: name) }
        try requirePositive(finite, on: y, axisName: "y", mark: name)
        let xEdges = [-0.5, Double(bars.values.count) - 0.5]
        try requirePositive(xEdges, on: x, axisName: "x", mark: name)
        xEdges.forEach { extents.x.include($0) }
        finite.forEach { extents.y.include($0) }
        if let baseline = bars.baseline {
            guard baseline.isFinite else { throw PlotError.invalidBaseline(mark: name, value: baseline) }
            try requirePositive([baseline], on: y, axisName: "y", mark: "\(name) baseline")
            extents.y.include(baseline)
            extents.yAnchors.append(baseline)
        } else if y.scale == .linear {
            extents.y.include(0)
            extents.yAnchors.append(0)
        }
        if let errorBars = bars.errorBars {
            for bound in [errorBars.lower, errorBars.upper] where bound.count != bars.values.count {
                throw PlotError.mismatchedLengths(mark: "\(name) error bars", expected: bars.values.count,
                                                  actual: bound.count)
            }
            let bounds = (errorBars.lower + errorBars.upper).filter(\.isFinite)
            try requirePositive(bounds, on: y, axisName: "y", mark: "\(name) error bars")
            bounds.forEach { extents.y.include($0) }
        }
    }

    private func checkBand(_ band: Band, name: String, into extents: inout PanelExtents) throws {
        for bound in [band.lower, band.upper] where bound.count != band.x.count {
            throw PlotError.mismatchedLengths(mark: name, expected: band.x.count, actual: bound.count)
        }
        let finite = band.x.indices.filter {
            band.x[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite
        }
        guard !finite.isEmpty else { throw PlotError.emptySeries(name: name) }
        try requirePositive(finite.map { band.x[$0] }, on: x, axisName: "x", mark: name)
        try requirePositive(finite.flatMap { [band.lower[$0], band.upper[$0]] }, on: y, axisName: "y", mark: name)
        for index in finite {
            extents.x.include(band.x[index])
            extents.y.include(band.lower[index])
            extents.y.include(band.upper[index])
        }
    }

    private func checkHeatmap(_ heatmap: Heatmap, into extents: inout PanelExtents) throws {
        let rows = heatmap.values.count
        let columns = heatmap.values.first?.count ?? 0
        guard rows == heatmap.y.count, !heatmap.values.contains(where: { $0.count != heatmap.x.count }) else {
            throw PlotError.heatmapShape(rows: rows, columns: columns, expectedRows: heatmap.y.count,
                                         expectedColumns: heatmap.x.count)
        }
        guard !heatmap.x.isEmpty, !heatmap.y.isEmpty else { throw PlotError.emptySeries(name: "heatmap") }
        try requirePositive(heatmap.x, on: x, axisName: "x", mark: "heatmap")
        try requirePositive(heatmap.y, on: y, axisName: "y", mark: "heatmap")
        Heatmap.edges(of: heatmap.x, scale: x.scale).forEach { extents.x.include($0) }
        Heatmap.edges(of: heatmap.y, scale: y.scale).forEach { extents.y.include($0) }
        extents.hasHeatmap = true
    }

    private func requirePositive(_ values: [Double], on axis: Axis, axisName: String, mark: String) throws {
        guard axis.scale == .log10 else { return }
        if let bad = values.first(where: { $0 <= 0 }) {
            throw PlotError.nonPositiveValueOnLogAxis(axis: axisName, mark: mark, value: bad)
        }
    }
}

extension Axis {
    /// The domain to draw: the explicit one (validated), else the data extent padded by the scale
    /// (or exact when `tight`), else nil when there is neither. Padding stops at any of `anchors` that is
    /// an end of the extent (a bar baseline at the lowest or highest value).
    func resolvedDomain(extent: DataExtent, tight: Bool, anchors: [Double] = [],
                        axisName: String) throws -> ClosedRange<Double>? {
        if let domain {
            let lower = domain.lowerBound, upper = domain.upperBound
            guard lower.isFinite, upper.isFinite, lower < upper, scale == .linear || lower > 0 else {
                throw PlotError.invalidDomain(axis: axisName, lower: lower, upper: upper)
            }
            return domain
        }
        var extent = extent
        ticks?.filter { scale == .linear || $0.value > 0 }.forEach { extent.include($0.value) }
        guard !extent.isEmpty else { return nil }
        if tight && extent.upper > extent.lower { return extent.lower...extent.upper }
        let padded = scale.paddedDomain(lower: extent.lower, upper: extent.upper)
        guard extent.upper > extent.lower else { return padded }
        let lower = anchors.contains(extent.lower) ? extent.lower : padded.lowerBound
        let upper = anchors.contains(extent.upper) ? extent.upper : padded.upperBound
        return lower...upper
    }
}
