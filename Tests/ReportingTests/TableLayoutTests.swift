// Column widths of PDF tables: natural widths when they fit, otherwise narrow columns first.

import Testing
@testable import Reporting

struct TableLayoutTests {
    @Test func columnWidthsShareTheSpaceLeftByNarrowColumns() {
        #expect(TableLayout.columnWidths(naturalWidths: [10, 20, 30], available: 100) == [10, 20, 30])
        #expect(TableLayout.columnWidths(naturalWidths: [10, 200, 300], available: 100) == [10, 45, 45])
        #expect(TableLayout.columnWidths(naturalWidths: [50, 50, 50, 50], available: 40) == [24, 24, 24, 24])
    }
}
