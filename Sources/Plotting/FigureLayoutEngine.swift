// The layout algorithm: resolve domains, size margins from measured text, place plot areas, ticks and legend.

import Foundation

/// Lays out one figure on a page. Pure: measures text through `measurer` and draws nothing.
struct FigureLayoutEngine {
    let figure: Figure
    let size: Size
    let measurer: any TextMeasuring
    var theme = Theme.standard

    /// The smallest plot-area side, in points, that still makes a readable plot.
    private static let minimumPlotSide = 24.0

    func layout() throws -> FigureLayout {
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw PlotError.invalidSize(width: size.width, height: size.height)
        }
        guard !figure.panels.isEmpty else { throw PlotError.noPanels }
        guard figure.columns >= 1 else { throw PlotError.invalidGrid(columns: figure.columns) }
        let domains = try resolveDomains()
        let entries = LegendBuilder.merged(figure.panels)
        let legends = LegendBuilder(theme: theme, measurer: measurer)
        switch figure.legend {
        case .hidden:
            return try grid(domains: domains, outsideLegend: [])
        case .outsideRight:
            return try grid(domains: domains, outsideLegend: entries)
        case .automatic:
            guard !entries.isEmpty else { return try grid(domains: domains, outsideLegend: []) }
            if figure.panels.count == 1 {
                var result = try grid(domains: domains, outsideLegend: [])
                let panelLayout = result.panels[0]
                let footprint = DataFootprint(panel: figure.panels[0], layout: panelLayout, theme: theme)
                if let (corner, rect) = legends.emptyCorner(for: legends.size(of: entries), in: panelLayout.plotRect,
                                                           footprint: footprint) {
                    result.legend = legends.layout(entries, origin: Point(x: rect.x, y: rect.y),
                                                   position: .inside(panel: 0, corner: corner))
                    return result
                }
            }
            return try grid(domains: domains, outsideLegend: entries)
        }
    }

    // MARK: Domains

    private struct Domains {
        var x: ClosedRange<Double>
        var y: ClosedRange<Double>
    }

    private func resolveDomains() throws -> [Domains] {
        let extents = try figure.panels.enumerated().map { try $0.element.validatedExtents(panelIndex: $0.offset) }
        var sharedX = DataExtent(), sharedY = DataExtent()
        extents.forEach { sharedX.include($0.x); sharedY.include($0.y) }
        let anyHeatmap = extents.contains(where: \.hasHeatmap)
        let sharedYAnchors = extents.flatMap(\.yAnchors)
        return try figure.panels.enumerated().map { index, panel in
            let extent = extents[index]
            let xAxis = figure.sharesX ? axis(panel.x, withDomainOf: figure.panels[0].x) : panel.x
            let yAxis = figure.sharesY ? axis(panel.y, withDomainOf: figure.panels[0].y) : panel.y
            let x = try xAxis.resolvedDomain(extent: figure.sharesX ? sharedX : extent.x,
                                             tight: figure.sharesX ? anyHeatmap : extent.hasHeatmap, axisName: "x")
            let y = try yAxis.resolvedDomain(extent: figure.sharesY ? sharedY : extent.y,
                                             tight: figure.sharesY ? anyHeatmap : extent.hasHeatmap,
                                             anchors: figure.sharesY ? sharedYAnchors : extent.yAnchors, axisName: "y")
            guard let x, let y else { throw PlotError.panelHasNoData(panel: index) }
            return Domains(x: x, y: y)
        }
    }

    /// The panel's own axis, taking the first panel's explicit domain when axes are shared.
    private func axis(_ own: Axis, withDomainOf shared: Axis) -> Axis {
        var axis = own
        axis.domain = shared.domain ?? own.domain
        return axis
    }

    // MARK: Grid

    /// Per-panel values computed on the way to the final rectangles.
    private struct PanelPlan {
        var showsXLabels: Bool
        var showsYLabels: Bool
        var yTicks: [Tick] = []
        var yTickWidth = 0.0
        var colorBarTicks: [Tick] = []
        var colorBarReserve = 0.0
        var colorBarTickWidth = 0.0
        var xTicks: [Tick] = []
    }

    private func grid(domains: [Domains], outsideLegend entries: [LegendEntry]) throws -> FigureLayout {
        let panels = figure.panels
        let columnCount = min(figure.columns, panels.count)
        let rowCount = (panels.count + columnCount - 1) / columnCount
        let legends = LegendBuilder(theme: theme, measurer: measurer)
        let pad = theme.outerPadding

        var top = pad
        var titleSize: Size?
        if let title = figure.title, !title.isEmpty {
            let measured = measurer.size(ofMarkup: Markup.escaped(title), font: theme.titleFont)
            titleSize = measured
            top += measured.height + theme.titleGap
        }
        let legendSize = entries.isEmpty ? nil : legends.size(of: entries)
        let legendReserve = legendSize.map { $0.width + theme.legendGap } ?? 0
        let gridRect = Rect(x: pad, y: top, width: size.width - 2 * pad - legendReserve,
                            height: size.height - top - pad)

        let tickLabelHeight = max(measurer.size(ofMarkup: "0123456789", font: theme.tickFont).height,
                                  measurer.size(ofMarkup: TickLabels.power(8), font: theme.tickFont).height)
        let axisLabelHeight = measurer.size(ofMarkup: "Ag", font: theme.axisLabelFont).height
        let panelTitleHeight = measurer.size(ofMarkup: "Ag", font: theme.panelTitleFont).height

        var plans = panels.indices.map { index in
            PanelPlan(showsXLabels: !figure.sharesX || index + columnCount >= panels.count,
                      showsYLabels: !figure.sharesY || index % columnCount == 0)
        }
        let rowsOfPanels = (0..<rowCount).map { row in
            Array((row * columnCount)..<min((row + 1) * columnCount, panels.count))
        }
        let columnsOfPanels = (0..<columnCount).map { column in
            Array(stride(from: column, to: panels.count, by: columnCount))
        }

        // Heights: margins per row from text heights, then one plot height for all rows.
        let topMargins = rowsOfPanels.map { row in
            row.contains { panels[$0].title?.isEmpty == false }
                ? panelTitleHeight + theme.panelTitleGap : tickLabelHeight / 2
        }
        let bottomMargins = rowsOfPanels.map { row in
            row.map { index -> Double in
                guard plans[index].showsXLabels else { return theme.majorTickLength + 2 }
                let label = panels[index].x.titleMarkup == nil ? 0 : theme.axisLabelGap + axisLabelHeight
                return theme.majorTickLength + theme.tickLabelGap + tickLabelHeight + label
            }.max() ?? 0
        }
        let plotHeight = (gridRect.height - topMargins.reduce(0, +) - bottomMargins.reduce(0, +)
            - Double(rowCount - 1) * theme.rowGap) / Double(rowCount)
        guard plotHeight >= Self.minimumPlotSide else {
            throw PlotError.figureTooSmall(width: size.width, height: size.height)
        }

        // y ticks and colour bars fix the left and right margins.
        let yTarget = max(3, Int(plotHeight / theme.pointsPerYTick))
        for index in panels.indices {
            plans[index].yTicks = ticks(for: panels[index].y, domain: domains[index].y, target: yTarget)
            if plans[index].showsYLabels {
                plans[index].yTickWidth = widest(plans[index].yTicks.compactMap(\.label), font: theme.tickFont)
            }
            if let heatmap = heatmap(in: panels[index]) {
                let barTicks = Ticks.linear(domain: heatmap.resolvedValueDomain, targetCount: yTarget)
                let width = widest(barTicks.compactMap(\.label), font: theme.tickFont)
                let label = colorBarTitle(heatmap) == nil ? 0 : theme.axisLabelGap + axisLabelHeight
                plans[index].colorBarTicks = barTicks
                plans[index].colorBarTickWidth = width
                plans[index].colorBarReserve = theme.colorBarGap + theme.colorBarWidth + theme.majorTickLength
                    + theme.tickLabelGap + width + label
            }
        }
        var leftMargins = columnsOfPanels.map { column in
            column.map { index -> Double in
                guard plans[index].showsYLabels else { return theme.majorTickLength + 2 }
                let label = panels[index].y.titleMarkup == nil ? 0 : axisLabelHeight + theme.axisLabelGap
                return label + plans[index].yTickWidth + theme.tickLabelGap + theme.majorTickLength
            }.max() ?? 0
        }
        var rightMargins = columnsOfPanels.map { column in
            column.map { plans[$0].colorBarReserve + theme.minimumRightMargin }.max() ?? 0
        }

        // Widths: two passes, because the outermost x tick labels may need more margin.
        var plotWidth = 0.0
        for pass in 0..<2 {
            plotWidth = (gridRect.width - leftMargins.reduce(0, +) - rightMargins.reduce(0, +)
                - Double(columnCount - 1) * theme.columnGap) / Double(columnCount)
            guard plotWidth >= Self.minimumPlotSide else {
                throw PlotError.figureTooSmall(width: size.width, height: size.height)
            }
            for index in panels.indices {
                plans[index].xTicks = xTicks(for: panels[index].x, domain: domains[index].x, width: plotWidth)
            }
            guard pass == 0 else { break }
            for (column, members) in columnsOfPanels.enumerated() {
                for index in members where plans[index].showsXLabels {
                    let (leftOverflow, rightOverflow) = overflow(of: plans[index].xTicks, axis: panels[index].x,
                                                                 domain: domains[index].x, width: plotWidth)
                    leftMargins[column] = max(leftMargins[column], leftOverflow)
                    rightMargins[column] = max(rightMargins[column], plans[index].colorBarReserve + rightOverflow)
                }
            }
        }

        // Place everything.
        var rowTops: [Double] = []
        var cursor = gridRect.y
        for row in 0..<rowCount {
            rowTops.append(cursor + topMargins[row])
            cursor += topMargins[row] + plotHeight + bottomMargins[row] + theme.rowGap
        }
        var columnLefts: [Double] = []
        cursor = gridRect.x
        for column in 0..<columnCount {
            columnLefts.append(cursor + leftMargins[column])
            cursor += leftMargins[column] + plotWidth + rightMargins[column] + theme.columnGap
        }
        var panelLayouts: [PanelLayout] = []
        for index in panels.indices {
            let column = index % columnCount
            let plotRect = Rect(x: columnLefts[column], y: rowTops[index / columnCount], width: plotWidth,
                                height: plotHeight)
            panelLayouts.append(place(panel: panels[index], plan: plans[index], domains: domains[index],
                                      plotRect: plotRect, leftMargin: leftMargins[column],
                                      tickLabelHeight: tickLabelHeight))
        }

        var result = FigureLayout(size: size, title: nil, panels: panelLayouts, legend: nil)
        if let titleSize, let title = figure.title {
            // Centred over the panels, but shifted (towards the outside legend) rather than off the page.
            let centred = gridRect.x + (gridRect.width - titleSize.width) / 2
            let left = max(pad, min(centred, size.width - pad - titleSize.width))
            result.title = TextBox(markup: Markup.escaped(title), font: theme.titleFont,
                                   rect: Rect(x: left, y: pad, width: titleSize.width, height: titleSize.height))
        }
        if let legendSize {
            let originY = min(rowTops[0], size.height - pad - legendSize.height)
            guard originY >= pad else { throw PlotError.figureTooSmall(width: size.width, height: size.height) }
            result.legend = legends.layout(entries, origin: Point(x: gridRect.maxX + theme.legendGap, y: originY),
                                           position: .outsideRight)
        }
        return result
    }

    // MARK: Ticks

    private func ticks(for axis: Axis, domain: ClosedRange<Double>, target: Int) -> [Tick] {
        if let custom = axis.ticks {
            let mapping = ScaleMapping(scale: axis.scale, domain: domain, start: 0, end: 1)
            return custom.filter { (axis.scale == .linear || $0.value > 0) && mapping.containsWithTolerance($0.value) }
                .map { Tick(value: $0.value, label: Markup.escaped($0.label), isMajor: true) }
        }
        return Ticks.ticks(scale: axis.scale, domain: domain, targetCount: target)
    }

    /// x ticks thinned until neighbouring labels keep the theme's spacing.
    private func xTicks(for axis: Axis, domain: ClosedRange<Double>, width: Double) -> [Tick] {
        var target = max(3, Int(width / theme.pointsPerXTick))
        while true {
            let candidate = ticks(for: axis, domain: domain, target: target)
            if target <= 2 || axis.ticks != nil || labelsFit(candidate, axis: axis, domain: domain, width: width) {
                return candidate
            }
            target -= 1
        }
    }

    private func labelsFit(_ ticks: [Tick], axis: Axis, domain: ClosedRange<Double>, width: Double) -> Bool {
        let mapping = ScaleMapping(scale: axis.scale, domain: domain, start: 0, end: width)
        let spans = ticks.compactMap { tick -> (Double, Double)? in
            guard let label = tick.label else { return nil }
            let half = measurer.size(ofMarkup: label, font: theme.tickFont).width / 2
            let position = mapping.position(of: tick.value)
            return (position - half, position + half)
        }.sorted { $0.0 < $1.0 }
        for index in spans.indices.dropFirst() where spans[index - 1].1 + theme.tickLabelSpacing > spans[index].0 {
            return false
        }
        return true
    }

    /// How far the first and last x tick labels reach beyond the plot's left and right edges.
    private func overflow(of ticks: [Tick], axis: Axis, domain: ClosedRange<Double>,
                          width: Double) -> (left: Double, right: Double) {
        let mapping = ScaleMapping(scale: axis.scale, domain: domain, start: 0, end: width)
        var left = 0.0, right = 0.0
        for tick in ticks {
            guard let label = tick.label else { continue }
            let half = measurer.size(ofMarkup: label, font: theme.tickFont).width / 2
            let position = mapping.position(of: tick.value)
            left = max(left, half - position)
            right = max(right, position + half - width)
        }
        return (left, right)
    }

    private func widest(_ markups: [String], font: Font) -> Double {
        markups.map { measurer.size(ofMarkup: $0, font: font).width }.max() ?? 0
    }

    // MARK: Placement

    private func place(panel: Panel, plan: PanelPlan, domains: Domains, plotRect: Rect, leftMargin: Double,
                       tickLabelHeight: Double) -> PanelLayout {
        let xMapping = ScaleMapping(scale: panel.x.scale, domain: domains.x, start: plotRect.minX, end: plotRect.maxX)
        let yMapping = ScaleMapping(scale: panel.y.scale, domain: domains.y, start: plotRect.maxY, end: plotRect.minY)
        let labelTop = plotRect.maxY + theme.majorTickLength + theme.tickLabelGap
        let xTicks = plan.xTicks.map { tick -> PlacedTick in
            let position = xMapping.position(of: tick.value)
            let label = plan.showsXLabels ? tick.label.map { markup in
                let measured = measurer.size(ofMarkup: markup, font: theme.tickFont)
                return TextBox(markup: markup, font: theme.tickFont,
                               rect: Rect(x: position - measured.width / 2, y: labelTop,
                                          width: measured.width, height: measured.height))
            } : nil
            return PlacedTick(tick: tick, position: position, label: label)
        }
        let labelRight = plotRect.minX - theme.majorTickLength - theme.tickLabelGap
        let yTicks = plan.yTicks.map { tick -> PlacedTick in
            let position = yMapping.position(of: tick.value)
            let label = plan.showsYLabels ? tick.label.map { markup in
                let measured = measurer.size(ofMarkup: markup, font: theme.tickFont)
                return TextBox(markup: markup, font: theme.tickFont,
                               rect: Rect(x: labelRight - measured.width, y: position - measured.height / 2,
                                          width: measured.width, height: measured.height))
            } : nil
            return PlacedTick(tick: tick, position: position, label: label)
        }

        var layout = PanelLayout(plotRect: plotRect, x: xMapping, y: yMapping, xTicks: xTicks, yTicks: yTicks,
                                 title: nil, xLabel: nil, yLabel: nil, colorBar: nil, notes: [:],
                                 bars: panel.placedBars(x: xMapping, y: yMapping), appearances: panel.appearances)
        if let title = panel.title, !title.isEmpty {
            let markup = Markup.escaped(title)
            let measured = measurer.size(ofMarkup: markup, font: theme.panelTitleFont)
            layout.title = TextBox(markup: markup, font: theme.panelTitleFont,
                                   rect: Rect(x: plotRect.center.x - measured.width / 2,
                                              y: plotRect.minY - theme.panelTitleGap - measured.height,
                                              width: measured.width, height: measured.height))
        }
        if plan.showsXLabels, let markup = panel.x.titleMarkup {
            let measured = measurer.size(ofMarkup: markup, font: theme.axisLabelFont)
            layout.xLabel = TextBox(markup: markup, font: theme.axisLabelFont,
                                    rect: Rect(x: plotRect.center.x - measured.width / 2,
                                               y: labelTop + tickLabelHeight + theme.axisLabelGap,
                                               width: measured.width, height: measured.height))
        }
        if plan.showsYLabels, let markup = panel.y.titleMarkup {
            let measured = measurer.size(ofMarkup: markup, font: theme.axisLabelFont)
            layout.yLabel = TextBox(markup: markup, font: theme.axisLabelFont,
                                    rect: Rect(x: plotRect.minX - leftMargin, y: plotRect.center.y - measured.width / 2,
                                               width: measured.height, height: measured.width),
                                    isVertical: true)
        }
        if let heatmap = heatmap(in: panel) {
            layout.colorBar = placeColorBar(heatmap, ticks: plan.colorBarTicks, tickWidth: plan.colorBarTickWidth,
                                            plotRect: plotRect)
        }
        layout.notes = notes(for: panel, layout: layout)
        return layout
    }

    private func placeColorBar(_ heatmap: Heatmap, ticks: [Tick], tickWidth: Double, plotRect: Rect) -> ColorBarLayout {
        let rect = Rect(x: plotRect.maxX + theme.colorBarGap, y: plotRect.minY, width: theme.colorBarWidth,
                        height: plotRect.height)
        let domain = heatmap.resolvedValueDomain
        let mapping = ScaleMapping(scale: .linear, domain: domain, start: rect.maxY, end: rect.minY)
        let labelLeft = rect.maxX + theme.majorTickLength + theme.tickLabelGap
        let placed = ticks.filter { mapping.containsWithTolerance($0.value) }.map { tick -> PlacedTick in
            let position = mapping.position(of: tick.value)
            let label = tick.label.map { markup in
                let measured = measurer.size(ofMarkup: markup, font: theme.tickFont)
                return TextBox(markup: markup, font: theme.tickFont,
                               rect: Rect(x: labelLeft, y: position - measured.height / 2, width: measured.width,
                                          height: measured.height))
            }
            return PlacedTick(tick: tick, position: position, label: label)
        }
        var label: TextBox?
        if let markup = colorBarTitle(heatmap) {
            let measured = measurer.size(ofMarkup: markup, font: theme.axisLabelFont)
            label = TextBox(markup: markup, font: theme.axisLabelFont,
                            rect: Rect(x: labelLeft + tickWidth + theme.axisLabelGap,
                                       y: rect.center.y - measured.width / 2, width: measured.height,
                                       height: measured.width),
                            isVertical: true)
        }
        return ColorBarLayout(rect: rect, domain: domain, ticks: placed, label: label)
    }

    /// Boxes for annotation text (where the caller placed it) and reference-line labels (beside the line, on
    /// the side that covers the least data).
    private func notes(for panel: Panel, layout: PanelLayout) -> [Int: TextBox] {
        var result: [Int: TextBox] = [:]
        let plot = layout.plotRect
        let gap = 3.0
        let footprint = DataFootprint(panel: panel, layout: layout, theme: theme)
        for (markIndex, mark) in panel.marks.enumerated() {
            switch mark {
            case .annotation(let annotation):
                let markup = Markup.escaped(annotation.text)
                let measured = measurer.size(ofMarkup: markup, font: theme.annotationFont)
                let anchor = layout.point(x: annotation.x, y: annotation.y)
                let origin: Point
                switch annotation.placement {
                case .right: origin = Point(x: anchor.x + gap, y: anchor.y - measured.height / 2)
                case .left: origin = Point(x: anchor.x - gap - measured.width, y: anchor.y - measured.height / 2)
                case .above: origin = Point(x: anchor.x - measured.width / 2, y: anchor.y - gap - measured.height)
                case .below: origin = Point(x: anchor.x - measured.width / 2, y: anchor.y + gap)
                }
                result[markIndex] = TextBox(markup: markup, font: theme.annotationFont,
                                            rect: Rect(x: origin.x, y: origin.y, width: measured.width,
                                                       height: measured.height),
                                            background: theme.noteBackground)
            case .referenceLine(let line):
                guard let text = line.label, !text.isEmpty else { continue }
                let markup = Markup.escaped(text)
                let measured = measurer.size(ofMarkup: markup, font: theme.annotationFont)
                let candidates = referenceLabelCandidates(for: line, size: measured, layout: layout, gap: gap)
                    .filter { plot.contains($0) }
                let scored = candidates.map { ($0, footprint.overlapCount(with: $0)) }
                guard let best = scored.min(by: { $0.1 < $1.1 })?.0 ?? candidates.first else { continue }
                result[markIndex] = TextBox(markup: markup, font: theme.annotationFont, rect: best,
                                            color: line.color, background: theme.noteBackground)
            case .series, .bars, .band, .heatmap:
                continue
            }
        }
        return result
    }

    /// Label positions along a reference line, in order of preference: near the right end above the line,
    /// near the left end above it, then the same below it (for vertical lines: near the top, right then left
    /// of the line, then near the bottom).
    private func referenceLabelCandidates(for line: ReferenceLine, size: Size, layout: PanelLayout,
                                          gap: Double) -> [Rect] {
        let plot = layout.plotRect
        switch line.axis {
        case .y:
            let position = layout.y.position(of: line.value)
            let lefts = [plot.maxX - gap - size.width, plot.minX + gap]
            let tops = [position - gap - size.height, position + gap]
            return tops.flatMap { top in lefts.map { Rect(x: $0, y: top, width: size.width, height: size.height) } }
        case .x:
            let position = layout.x.position(of: line.value)
            let lefts = [position + gap, position - gap - size.width]
            let tops = [plot.minY + gap, plot.maxY - gap - size.height]
            return tops.flatMap { top in lefts.map { Rect(x: $0, y: top, width: size.width, height: size.height) } }
        }
    }

    private func heatmap(in panel: Panel) -> Heatmap? {
        for case .heatmap(let heatmap) in panel.marks { return heatmap }
        return nil
    }

    private func colorBarTitle(_ heatmap: Heatmap) -> String? {
        Axis(heatmap.label ?? "", unit: heatmap.unit).titleMarkup
    }
}
