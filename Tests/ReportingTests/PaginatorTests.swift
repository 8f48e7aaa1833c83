// Page breaking without pixels: rows split across pages with the header repeated, headings kept
// with what follows, no orphan or widow lines, oversized rows on their own page.

import Testing
@testable import Reporting

struct PaginatorTests {
    private let paginator = Paginator(pageHeight: 100)

    @Test func longTableBreaksBetweenRowsAndRepeatsItsHeader() {
        let table = BlockMetrics(spaceBefore: 5, headerHeight: 10, rowHeights: Array(repeating: 10, count: 25),
                                 keepWithNext: false, minimumRowsTogether: 2)
        let pagination = paginator.paginate([table])
        #expect(pagination.pages.map { $0.map(\.rows) } == [[0..<9], [9..<18], [18..<25]])
        #expect(pagination.pages.flatMap { $0 }.map(\.isContinuation) == [false, true, true])
        #expect(pagination.pages.flatMap { $0 }.allSatisfy { $0.top == 0 })
    }

    @Test func headingMovesToTheNextPageWithItsFollowingBlock() {
        let filler = BlockMetrics.unbreakable(height: 70, spaceBefore: 0)
        let heading = BlockMetrics.unbreakable(height: 10, spaceBefore: 5, keepWithNext: true)
        let figure = BlockMetrics.unbreakable(height: 30, spaceBefore: 5)
        let pagination = paginator.paginate([filler, heading, figure])
        #expect(pagination.pages.map { $0.map(\.block) } == [[0], [1, 2]])
        #expect(pagination.firstPlacement(ofBlock: 1)! == (page: 1, top: 0))
        #expect(pagination.pages[1][1].top == 15)
    }

    @Test func paragraphsLeaveNoSingleLineAtPageTopOrBottom() {
        let filler = BlockMetrics.unbreakable(height: 85, spaceBefore: 0)
        let paragraph = BlockMetrics(spaceBefore: 0, headerHeight: 0, rowHeights: Array(repeating: 10, count: 11),
                                     keepWithNext: false, minimumRowsTogether: 2)
        let orphan = paginator.paginate([filler, paragraph])
        #expect(orphan.pages.map { $0.map(\.rows) } == [[0..<1], [0..<9], [9..<11]])
    }

    @Test func rowTallerThanAPageGetsAPageOfItsOwn() {
        let small = BlockMetrics.unbreakable(height: 20, spaceBefore: 0)
        let huge = BlockMetrics.unbreakable(height: 150, spaceBefore: 0)
        let pagination = paginator.paginate([small, huge, small])
        #expect(pagination.pages.map { $0.map(\.block) } == [[0], [1], [2]])
    }

    @Test func emptyTableStillPlacesItsHeader() {
        let table = BlockMetrics(spaceBefore: 0, headerHeight: 12, rowHeights: [], keepWithNext: false,
                                 minimumRowsTogether: 1)
        #expect(paginator.paginate([table]).pages == [[BlockPlacement(block: 0, rows: 0..<0, top: 0, isContinuation: false)]])
    }
}
