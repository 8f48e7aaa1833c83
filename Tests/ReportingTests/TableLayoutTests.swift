// Column widths of PDF tables: natural widths when they fit, otherwise narrow columns first.

import Testing
@testable import Reporting

struct TableLayoutTests {
    @Test func columnWidthsShareTheSpaceLeftByNarrowColumns() {
        #expect(TableLayout.columnWidths(naturalWidths: [10, 20, 30], available: 100) == [10, 20, 30])
        #expect(TableLayout.columnWidths(naturalWidths: [10, 200, 300], available: 100) == [10, 45, 45])
        #expect(TableLayout.columnWidths(naturalWidths: [50, 50, 50, 50], available: 40) == [24, 24, 24, 24])
    }

    @Test func aColumnIsNeverNarrowerThanItsLongestWord() {
        // Without words the three wide columns share 90 equally; a 60-point word keeps its column
        // whole and the other two share the rest.
        #expect(TableLayout.columnWidths(naturalWidths: [10, 120, 200, 300], available: 100) == [10, 30, 30, 30])
        #expect(TableLayout.columnWidths(naturalWidths: [10, 120, 200, 300], wordWidths: [10, 60, 20, 20], available: 100)
            == [10, 60, 24, 24])
        #expect(TableLayout.columnWidths(naturalWidths: [10, 120, 200, 300], wordWidths: [10, 40, 20, 20], available: 130)
            == [10, 40, 40, 40])
    }
}
