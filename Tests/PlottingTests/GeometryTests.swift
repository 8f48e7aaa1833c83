// Rectangle and segment tests used by legend and label placement.

import Testing
@testable import Plotting

private let box = Rect(x: 10, y: 10, width: 20, height: 10)

@Test func segmentsCrossingARectangleTouchIt() {
    #expect(box.intersectsSegment(from: Point(x: 0, y: 15), to: Point(x: 40, y: 15)))
    #expect(box.intersectsSegment(from: Point(x: 0, y: 0), to: Point(x: 40, y: 30)))
    #expect(box.intersectsSegment(from: Point(x: 15, y: 12), to: Point(x: 16, y: 13)))
    #expect(box.intersectsSegment(from: Point(x: 30, y: 0), to: Point(x: 30, y: 40)))
}

@Test func segmentsBesideARectangleDoNotTouchIt() {
    #expect(!box.intersectsSegment(from: Point(x: 0, y: 0), to: Point(x: 40, y: 5)))
    #expect(!box.intersectsSegment(from: Point(x: 0, y: 30), to: Point(x: 9, y: 0)))
    #expect(!box.intersectsSegment(from: Point(x: 31, y: 0), to: Point(x: 31, y: 40)))
}

@Test func rectanglesSharingOnlyAnEdgeDoNotIntersect() {
    #expect(!box.intersects(Rect(x: 30, y: 10, width: 5, height: 5)))
    #expect(box.intersects(Rect(x: 29, y: 19, width: 5, height: 5)))
    #expect(box.contains(Rect(x: 12, y: 12, width: 2, height: 2)))
    #expect(!box.contains(Rect(x: 12, y: 12, width: 20, height: 2)))
}
