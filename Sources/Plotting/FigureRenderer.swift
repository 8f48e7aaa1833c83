// Drawing a laid-out figure with Cairo: the one drawing path behind PNG, SVG, PDF and embedded figures.

@preconcurrency import CCairo
import Foundation

/// Draws `figure` as placed by `layout` into a Cairo context whose user space is in points.
struct FigureRenderer {
    let figure: Figure
    let layout: FigureLayout
    let cairo: OpaquePointer
    var theme = Theme.standard

    func draw() {
        setColor(.white)
        cairo_rectangle(cairo, 0, 0, layout.size.width, layout.size.height)
        cairo_fill(cairo)
        for (panel, panelLayout) in zip(figure.panels, layout.panels) {
            drawPanel(panel, panelLayout)
        }
        if let title = layout.title { PangoText.draw(title, in: cairo) }
        if let legend = layout.legend { drawLegend(legend) }
    }

    // MARK: Panel

    private func drawPanel(_ panel: Panel, _ placed: PanelLayout) {
        let plot = placed.plotRect
        let hasHeatmap = panel.marks.contains { if case .heatmap = $0 { return true } else { return false } }
        if !hasHeatmap { drawGrid(placed) }

        cairo_save(cairo)
        cairo_rectangle(cairo, plot.x, plot.y, plot.width, plot.height)
        cairo_clip(cairo)
        for case .heatmap(let heatmap) in panel.marks { drawHeatmap(heatmap, placed) }
        drawBars(placed)
        for (index, mark) in panel.marks.enumerated() {
            if case .band(let band) = mark, let appearance = placed.appearances[index] {
                drawBand(band, color: appearance.color.withAlpha(band.opacity), placed)
            }
        }
        for case .referenceLine(let line) in panel.marks { drawReferenceLine(line, placed) }
        for (index, mark) in panel.marks.enumerated() {
            if case .series(let series) = mark, series.kind != .markers, let appearance = placed.appearances[index] {
                drawLine(series, appearance, placed)
            }
        }
        for (index, mark) in panel.marks.enumerated() {
            if case .series(let series) = mark, let bars = series.errorBars,
               let appearance = placed.appearances[index] {
                drawErrorBars(series, bars, appearance.color, placed)
            }
        }
        for (index, mark) in panel.marks.enumerated() {
            if case .series(let series) = mark, series.kind != .line, let appearance = placed.appearances[index] {
                for (pointX, pointY) in zip(series.x, series.y) where pointX.isFinite && pointY.isFinite {
                    drawMarker(appearance.marker, at: placed.point(x: pointX, y: pointY), color: appearance.color,
                               radius: theme.markerRadius)
                }
            }
        }
        for case .annotation(let annotation) in panel.marks where annotation.marksPoint {
            let point = placed.point(x: annotation.x, y: annotation.y)
            setColor(.ink)
            cairo_new_path(cairo)
            cairo_arc(cairo, point.x, point.y, 1.8, 0, 2 * Double.pi)
            cairo_fill(cairo)
        }
        cairo_restore(cairo)
        for index in placed.notes.keys.sorted() {
            if let note = placed.notes[index] { PangoText.draw(note, in: cairo) }
        }

        drawAxes(placed, framed: hasHeatmap)
        for text in [placed.title, placed.xLabel, placed.yLabel].compactMap({ $0 }) {
            PangoText.draw(text, in: cairo)
        }
        if let colorBar = placed.colorBar { drawColorBar(colorBar) }
    }

    private func drawGrid(_ placed: PanelLayout) {
        let plot = placed.plotRect
        setColor(.gridLine)
        cairo_set_line_width(cairo, theme.gridLineWidth)
        cairo_set_dash(cairo, nil, 0, 0)
        for tick in placed.xTicks where tick.tick.isMajor {
            cairo_move_to(cairo, tick.position, plot.minY)
            cairo_line_to(cairo, tick.position, plot.maxY)
        }
        for tick in placed.yTicks where tick.tick.isMajor {
            cairo_move_to(cairo, plot.minX, tick.position)
            cairo_line_to(cairo, plot.maxX, tick.position)
        }
        cairo_stroke(cairo)
    }

    private func drawAxes(_ placed: PanelLayout, framed: Bool) {
        let plot = placed.plotRect
        setColor(.ink)
        cairo_set_dash(cairo, nil, 0, 0)
        cairo_set_line_width(cairo, theme.axisLineWidth)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_SQUARE)
        if framed {
            cairo_rectangle(cairo, plot.x, plot.y, plot.width, plot.height)
        } else {
            cairo_move_to(cairo, plot.minX, plot.minY)
            cairo_line_to(cairo, plot.minX, plot.maxY)
            cairo_line_to(cairo, plot.maxX, plot.maxY)
        }
        cairo_stroke(cairo)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
        for tick in placed.xTicks {
            let length = tick.tick.isMajor ? theme.majorTickLength : theme.minorTickLength
            cairo_move_to(cairo, tick.position, plot.maxY)
            cairo_line_to(cairo, tick.position, plot.maxY + length)
        }
        for tick in placed.yTicks {
            let length = tick.tick.isMajor ? theme.majorTickLength : theme.minorTickLength
            cairo_move_to(cairo, plot.minX, tick.position)
            cairo_line_to(cairo, plot.minX - length, tick.position)
        }
        cairo_stroke(cairo)
        for label in (placed.xTicks + placed.yTicks).compactMap(\.label) { PangoText.draw(label, in: cairo) }
    }

    // MARK: Marks

    private func drawLine(_ series: Series, _ appearance: Appearance, _ placed: PanelLayout) {
        setColor(appearance.color)
        cairo_set_line_width(cairo, appearance.lineWidth)
        cairo_set_line_join(cairo, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cairo, appearance.dash.lengths.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        setDash(appearance.dash)
        var penDown = false
        for (pointX, pointY) in zip(series.x, series.y) {
            guard pointX.isFinite, pointY.isFinite else {
                penDown = false
                continue
            }
            let point = placed.point(x: pointX, y: pointY)
            if penDown { cairo_line_to(cairo, point.x, point.y) } else { cairo_move_to(cairo, point.x, point.y) }
            penDown = true
        }
        cairo_stroke(cairo)
        cairo_set_dash(cairo, nil, 0, 0)
    }

    private func drawErrorBars(_ series: Series, _ bars: ErrorBars, _ color: Color, _ placed: PanelLayout) {
        setColor(color)
        cairo_set_line_width(cairo, 1)
        cairo_set_dash(cairo, nil, 0, 0)
        let halfCap = theme.errorBarCapWidth / 2
        for index in series.x.indices {
            let pointX = series.x[index], lower = bars.lower[index], upper = bars.upper[index]
            guard pointX.isFinite, lower.isFinite, upper.isFinite else { continue }
            let bottom = placed.point(x: pointX, y: lower), top = placed.point(x: pointX, y: upper)
            cairo_move_to(cairo, bottom.x, bottom.y)
            cairo_line_to(cairo, top.x, top.y)
            for end in [bottom, top] {
                cairo_move_to(cairo, end.x - halfCap, end.y)
                cairo_line_to(cairo, end.x + halfCap, end.y)
            }
        }
        cairo_stroke(cairo)
    }

    /// Bars filled with a tint of their colour and edged in the colour itself, then every whisker in ink
    /// on top (so a whisker is never hidden by the neighbouring bar of its group).
    private func drawBars(_ placed: PanelLayout) {
        guard !placed.bars.isEmpty else { return }
        cairo_set_dash(cairo, nil, 0, 0)
        cairo_set_line_join(cairo, CAIRO_LINE_JOIN_MITER)
        cairo_set_line_width(cairo, theme.barEdgeWidth)
        for bar in placed.bars {
            guard let color = placed.appearances[bar.markIndex]?.color else { continue }
            cairo_rectangle(cairo, bar.rect.x, bar.rect.y, bar.rect.width, bar.rect.height)
            setColor(Bars.fill(for: color))
            cairo_fill_preserve(cairo)
            setColor(color)
            cairo_stroke(cairo)
        }
        setColor(.ink)
        cairo_set_line_width(cairo, theme.barWhiskerWidth)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
        for bar in placed.bars {
            guard let whisker = bar.whisker else { continue }
            let centre = bar.rect.center.x
            let halfCap = min(theme.barWhiskerCapWidth, bar.rect.width * 0.6) / 2
            cairo_move_to(cairo, centre, whisker.lowerBound)
            cairo_line_to(cairo, centre, whisker.upperBound)
            for end in [whisker.lowerBound, whisker.upperBound] {
                cairo_move_to(cairo, centre - halfCap, end)
                cairo_line_to(cairo, centre + halfCap, end)
            }
        }
        cairo_stroke(cairo)
    }

    private func drawBand(_ band: Band, color: Color, _ placed: PanelLayout) {
        setColor(color)
        var lower: [Point] = [], upper: [Point] = []
        func flush() {
            guard lower.count > 1 else { return }
            cairo_move_to(cairo, lower[0].x, lower[0].y)
            for point in lower.dropFirst() { cairo_line_to(cairo, point.x, point.y) }
            for point in upper.reversed() { cairo_line_to(cairo, point.x, point.y) }
            cairo_close_path(cairo)
            cairo_fill(cairo)
        }
        for index in band.x.indices {
            guard band.x[index].isFinite, band.lower[index].isFinite, band.upper[index].isFinite else {
                flush()
                lower = []
                upper = []
                continue
            }
            lower.append(placed.point(x: band.x[index], y: band.lower[index]))
            upper.append(placed.point(x: band.x[index], y: band.upper[index]))
        }
        flush()
    }

    private func drawReferenceLine(_ line: ReferenceLine, _ placed: PanelLayout) {
        let plot = placed.plotRect
        setColor(line.color)
        cairo_set_line_width(cairo, 1)
        setDash(line.dash)
        switch line.axis {
        case .x:
            let position = placed.x.position(of: line.value)
            cairo_move_to(cairo, position, plot.minY)
            cairo_line_to(cairo, position, plot.maxY)
        case .y:
            let position = placed.y.position(of: line.value)
            cairo_move_to(cairo, plot.minX, position)
            cairo_line_to(cairo, plot.maxX, position)
        }
        cairo_stroke(cairo)
        cairo_set_dash(cairo, nil, 0, 0)
    }

    private func drawHeatmap(_ heatmap: Heatmap, _ placed: PanelLayout) {
        let xEdges = Heatmap.edges(of: heatmap.x, scale: placed.x.scale)
        let yEdges = Heatmap.edges(of: heatmap.y, scale: placed.y.scale)
        let domain = heatmap.resolvedValueDomain
        let span = domain.upperBound - domain.lowerBound
        for (row, values) in heatmap.values.enumerated() {
            for (column, value) in values.enumerated() where value.isFinite {
                let corner = placed.point(x: xEdges[column], y: yEdges[row + 1])
                let opposite = placed.point(x: xEdges[column + 1], y: yEdges[row])
                let cell = Rect(x: min(corner.x, opposite.x), y: min(corner.y, opposite.y),
                                width: abs(opposite.x - corner.x), height: abs(opposite.y - corner.y))
                let color = Viridis.color(at: (value - domain.lowerBound) / span)
                setColor(color)
                cairo_rectangle(cairo, cell.x, cell.y, cell.width + 0.3, cell.height + 0.3)
                cairo_fill(cairo)
                if heatmap.showsValues { drawCellValue(value, in: cell, background: color) }
            }
        }
    }

    private func drawCellValue(_ value: Double, in cell: Rect, background: Color) {
        let markup = TickLabels.compact(value)
        let layout = PangoText.makeLayout(cairo: cairo, markup: markup, font: theme.cellFont)
        let measured = PangoText.size(of: layout)
        PangoText.release(layout)
        guard measured.width + 2 <= cell.width, measured.height <= cell.height else { return }
        let box = TextBox(markup: markup, font: theme.cellFont,
                          rect: Rect(x: cell.center.x - measured.width / 2, y: cell.center.y - measured.height / 2,
                                     width: measured.width, height: measured.height),
                          color: background.luminance < 0.5 ? .white : .black)
        PangoText.draw(box, in: cairo)
    }

    private func drawColorBar(_ colorBar: ColorBarLayout) {
        let rect = colorBar.rect
        let gradient = cairo_pattern_create_linear(0, rect.maxY, 0, rect.minY)
        for (index, stop) in Viridis.stops.enumerated() {
            cairo_pattern_add_color_stop_rgb(gradient, Double(index) / Double(Viridis.stops.count - 1),
                                             stop.red, stop.green, stop.blue)
        }
        cairo_set_source(cairo, gradient)
        cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cairo)
        cairo_pattern_destroy(gradient)
        setColor(.ink)
        cairo_set_line_width(cairo, theme.axisLineWidth)
        cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
        for tick in colorBar.ticks {
            cairo_move_to(cairo, rect.maxX, tick.position)
            cairo_line_to(cairo, rect.maxX + theme.majorTickLength, tick.position)
        }
        cairo_stroke(cairo)
        for label in colorBar.ticks.compactMap(\.label) { PangoText.draw(label, in: cairo) }
        if let label = colorBar.label { PangoText.draw(label, in: cairo) }
    }

    // MARK: Legend

    private func drawLegend(_ legend: LegendLayout) {
        if case .inside = legend.position {
            let rect = legend.rect
            setColor(Color.white.withAlpha(0.9))
            cairo_rectangle(cairo, rect.x, rect.y, rect.width, rect.height)
            cairo_fill_preserve(cairo)
            setColor(Color(hex: 0xBBBBBB))
            cairo_set_line_width(cairo, 0.6)
            cairo_stroke(cairo)
        }
        for row in legend.rows {
            let swatch = row.swatchRect
            switch row.entry.swatch {
            case .series(let appearance, let kind):
                if kind != .markers {
                    setColor(appearance.color)
                    cairo_set_line_width(cairo, appearance.lineWidth)
                    cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
                    setDash(appearance.dash)
                    cairo_move_to(cairo, swatch.minX, swatch.center.y)
                    cairo_line_to(cairo, swatch.maxX, swatch.center.y)
                    cairo_stroke(cairo)
                    cairo_set_dash(cairo, nil, 0, 0)
                }
                if kind != .line {
                    drawMarker(appearance.marker, at: swatch.center, color: appearance.color,
                               radius: theme.markerRadius)
                }
            case .band(let color):
                setColor(color)
                cairo_rectangle(cairo, swatch.x, swatch.y, swatch.width, swatch.height)
                cairo_fill(cairo)
            case .bar(let fill, let edge):
                cairo_set_dash(cairo, nil, 0, 0)
                cairo_rectangle(cairo, swatch.x, swatch.y, swatch.width, swatch.height)
                setColor(fill)
                cairo_fill_preserve(cairo)
                setColor(edge)
                cairo_set_line_width(cairo, theme.barEdgeWidth)
                cairo_stroke(cairo)
            }
            PangoText.draw(row.label, in: cairo)
        }
    }

    // MARK: Primitives

    private func drawMarker(_ shape: MarkerShape, at center: Point, color: Color, radius: Double) {
        let x = center.x, y = center.y
        cairo_new_path(cairo)
        cairo_set_dash(cairo, nil, 0, 0)
        switch shape {
        case .circle, .openCircle:
            cairo_arc(cairo, x, y, radius, 0, 2 * Double.pi)
        case .square:
            let half = radius * 0.88
            cairo_rectangle(cairo, x - half, y - half, 2 * half, 2 * half)
        case .triangleUp, .triangleDown:
            let direction = shape == .triangleUp ? 1.0 : -1.0
            let size = radius * 1.25
            cairo_move_to(cairo, x, y - direction * size)
            cairo_line_to(cairo, x + size * 0.866, y + direction * size * 0.5)
            cairo_line_to(cairo, x - size * 0.866, y + direction * size * 0.5)
            cairo_close_path(cairo)
        case .diamond:
            let size = radius * 1.2
            cairo_move_to(cairo, x, y - size)
            cairo_line_to(cairo, x + size * 0.8, y)
            cairo_line_to(cairo, x, y + size)
            cairo_line_to(cairo, x - size * 0.8, y)
            cairo_close_path(cairo)
        case .plus:
            let size = radius * 1.15
            cairo_move_to(cairo, x - size, y)
            cairo_line_to(cairo, x + size, y)
            cairo_move_to(cairo, x, y - size)
            cairo_line_to(cairo, x, y + size)
        case .cross:
            let size = radius * 0.95
            cairo_move_to(cairo, x - size, y - size)
            cairo_line_to(cairo, x + size, y + size)
            cairo_move_to(cairo, x - size, y + size)
            cairo_line_to(cairo, x + size, y - size)
        }
        switch shape {
        case .plus, .cross:
            setColor(color)
            cairo_set_line_width(cairo, 1.5)
            cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
            cairo_stroke(cairo)
        case .openCircle:
            setColor(.white)
            cairo_fill_preserve(cairo)
            setColor(color)
            cairo_set_line_width(cairo, 1.3)
            cairo_stroke(cairo)
        case .circle, .square, .triangleUp, .diamond, .triangleDown:
            setColor(color)
            cairo_fill_preserve(cairo)
            setColor(.white)
            cairo_set_line_width(cairo, 0.6)
            cairo_stroke(cairo)
        }
    }

    private func setColor(_ color: Color) {
        cairo_set_source_rgba(cairo, color.red, color.green, color.blue, color.alpha)
    }

    private func setDash(_ dash: DashPattern) {
        if dash.lengths.isEmpty {
            cairo_set_dash(cairo, nil, 0, 0)
        } else {
            dash.lengths.withUnsafeBufferPointer { lengths in
                cairo_set_dash(cairo, lengths.baseAddress, Int32(lengths.count), 0)
            }
        }
    }
}
