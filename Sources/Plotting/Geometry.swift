// Plain geometry in points (1/72 inch) with y growing downwards, as on a Cairo surface.

/// A width and a height in points.
public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}

/// A position in points; y grows downwards.
public struct Point: Sendable, Equatable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle in points; (x, y) is the top-left corner.
public struct Rect: Sendable, Equatable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var center: Point { Point(x: x + width / 2, y: y + height / 2) }

    /// Whether the two rectangles share interior area (touching edges do not count).
    public func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    /// Whether `other` lies entirely inside this rectangle (edges included).
    public func contains(_ other: Rect) -> Bool {
        other.minX >= minX && other.maxX <= maxX && other.minY >= minY && other.maxY <= maxY
    }

    /// Whether the point lies inside or on the edge of this rectangle.
    public func contains(_ point: Point) -> Bool {
        point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
    }

    /// The rectangle shrunk by `amount` on every side (grown when `amount` is negative).
    public func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// Whether the segment from `start` to `end` touches this rectangle.
    func intersectsSegment(from start: Point, to end: Point) -> Bool {
        if contains(start) || contains(end) { return true }
        let corners = [Point(x: minX, y: minY), Point(x: maxX, y: minY),
                       Point(x: maxX, y: maxY), Point(x: minX, y: maxY)]
        for index in 0..<4 where segmentsCross(start, end, corners[index], corners[(index + 1) % 4]) {
            return true
        }
        return false
    }
}

/// Whether the segment first–firstEnd crosses or touches the segment second–secondEnd.
private func segmentsCross(_ first: Point, _ firstEnd: Point, _ second: Point, _ secondEnd: Point) -> Bool {
    /// Positive when `point` lies left of the directed line from `start` to `end`, zero when on it.
    func side(of point: Point, from start: Point, to end: Point) -> Double {
        (end.x - start.x) * (point.y - start.y) - (end.y - start.y) * (point.x - start.x)
    }
    /// Whether `point`, known to be collinear with the segment, lies within its bounding box.
    func withinBounds(_ point: Point, _ start: Point, _ end: Point) -> Bool {
        point.x >= min(start.x, end.x) && point.x <= max(start.x, end.x)
            && point.y >= min(start.y, end.y) && point.y <= max(start.y, end.y)
    }
    let firstSide = side(of: first, from: second, to: secondEnd)
    let firstEndSide = side(of: firstEnd, from: second, to: secondEnd)
    let secondSide = side(of: second, from: first, to: firstEnd)
    let secondEndSide = side(of: secondEnd, from: first, to: firstEnd)
    if firstSide * firstEndSide < 0 && secondSide * secondEndSide < 0 { return true }
    return (firstSide == 0 && withinBounds(first, second, secondEnd))
        || (firstEndSide == 0 && withinBounds(firstEnd, second, secondEnd))
        || (secondSide == 0 && withinBounds(second, first, firstEnd))
        || (secondEndSide == 0 && withinBounds(secondEnd, first, firstEnd))
}
