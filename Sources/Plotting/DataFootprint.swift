// Where a panel's data lies on the page, so an inside legend can be placed where it hides nothing.

/// The points, segments, filled areas and boxes that a panel's marks occupy, in points.
struct DataFootprint {
    private(set) var boxes: [Rect] = []
    private(set) var segments: [(Point, Point)] = []
    private(set) var polygons: [[Point]] = []

    /// The footprint of `panel` drawn with `layout`.
    init(panel: Panel, layout: PanelLayout, theme: Theme) {
        let plot = layout.plotRect
        for bar in layout.bars {
            boxes.append(bar.rect)
            if let whisker = bar.whisker {
                let centre = bar.rect.center.x
                segments.append((Point(x: centre, y: whisker.lowerBound), Point(x: centre, y: whisker.upperBound)))
            }
        }
        for (markIndex, mark) in panel.marks.enumerated() {
            switch mark {
            case .series(let series):
                addSeries(series, layout: layout, radius: theme.markerRadius + 1)
            case .bars:
                break
            case .band(let band):
                let indices = band.x.indices.filter {
                    band.x[$0].isFinite && band.lower[$0].isFinite && band.upper[$0].isFinite
                }
                let lower = indices.map { layout.point(x: band.x[$0], y: band.lower[$0]) }
                let upper = indices.map { layout.point(x: band.x[$0], y: band.upper[$0]) }
                addPolyline(lower)
                addPolyline(upper)
                polygons.append(lower + upper.reversed())
            case .referenceLine(let line):
                switch line.axis {
                case .x:
                    let position = layout.x.position(of: line.value)
                    segments.append((Point(x: position, y: plot.minY), Point(x: position, y: plot.maxY)))
                case .y:
                    let position = layout.y.position(of: line.value)
                    segments.append((Point(x: plot.minX, y: position), Point(x: plot.maxX, y: position)))
                }
            case .annotation(let annotation):
                let anchor = layout.point(x: annotation.x, y: annotation.y)
                boxes.append(Rect(x: anchor.x - 2, y: anchor.y - 2, width: 4, height: 4))
            case .heatmap(let heatmap):
                let xEdges = Heatmap.edges(of: heatmap.x, scale: layout.x.scale)
                let yEdges = Heatmap.edges(of: heatmap.y, scale: layout.y.scale)
                let corner = layout.point(x: xEdges[0], y: yEdges[yEdges.count - 1])
                let opposite = layout.point(x: xEdges[xEdges.count - 1], y: yEdges[0])
                boxes.append(Rect(x: min(corner.x, opposite.x), y: min(corner.y, opposite.y),
                                  width: abs(opposite.x - corner.x), height: abs(opposite.y - corner.y)))
            }
            if let note = layout.notes[markIndex] { boxes.append(note.rect) }
        }
    }

    private mutating func addSeries(_ series: Series, layout: PanelLayout, radius: Double) {
        var run: [Point] = []
        for (pointX, pointY) in zip(series.x, series.y) {
            guard pointX.isFinite, pointY.isFinite else {
                if series.kind != .markers { addPolyline(run) }
                run = []
                continue
            }
            let point = layout.point(x: pointX, y: pointY)
            run.append(point)
            if series.kind != .line {
                boxes.append(Rect(x: point.x - radius, y: point.y - radius, width: 2 * radius, height: 2 * radius))
            }
        }
        if series.kind != .markers { addPolyline(run) }
        if let bars = series.errorBars {
            for index in series.x.indices where series.x[index].isFinite {
                guard bars.lower[index].isFinite, bars.upper[index].isFinite else { continue }
                segments.append((layout.point(x: series.x[index], y: bars.lower[index]),
                                 layout.point(x: series.x[index], y: bars.upper[index])))
            }
        }
    }

    private mutating func addPolyline(_ points: [Point]) {
        if points.count == 1 { boxes.append(Rect(x: points[0].x - 1, y: points[0].y - 1, width: 2, height: 2)) }
        for index in points.indices.dropFirst() { segments.append((points[index - 1], points[index])) }
    }

    /// How many features (boxes, segments, filled areas) touch `rect`.
    func overlapCount(with rect: Rect) -> Int {
        var count = boxes.filter { $0.intersects(rect) }.count
        count += segments.filter { rect.intersectsSegment(from: $0.0, to: $0.1) }.count
        let probes = [Point(x: rect.minX, y: rect.minY), Point(x: rect.maxX, y: rect.minY),
                      Point(x: rect.minX, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY), rect.center]
        count += polygons.filter { polygon in probes.contains { Self.polygon(polygon, contains: $0) } }.count
        return count
    }

    /// Even–odd ray casting.
    private static func polygon(_ polygon: [Point], contains point: Point) -> Bool {
        guard polygon.count >= 3 else { return false }
        var inside = false
        var previous = polygon[polygon.count - 1]
        for current in polygon {
            if (current.y > point.y) != (previous.y > point.y) {
                let crossing = current.x + (point.y - current.y) / (previous.y - current.y) * (previous.x - current.x)
                if point.x < crossing { inside.toggle() }
            }
            previous = current
        }
        return inside
    }
}
