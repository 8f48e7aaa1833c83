// Number display shared by both renderers.

import Foundation
import Testing
@testable import Reporting

struct NumberFormattingTests {
    @Test func significantDigitsSwitchToPowersOfTenOutsideTheReadableRange() {
        #expect(NumberFormatting.significant(0.3405) == "0.3405")
        #expect(NumberFormatting.significant(407.6) == "407.6")
        #expect(NumberFormatting.significant(-1.5) == "−1.5")
        #expect(NumberFormatting.significant(3.2e8) == "3.2 × 10⁸")
        #expect(NumberFormatting.significant(0.00004) == "4 × 10⁻⁵")
        #expect(NumberFormatting.significant(9.99996e9) == "1 × 10¹⁰")
        #expect(NumberFormatting.significant(0) == "0")
        #expect(NumberFormatting.significant(.nan) == "NaN")
    }

    @Test func datesDurationsAndSizes() {
        #expect(NumberFormatting.utcTimestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00:00 UTC")
        #expect(NumberFormatting.duration(42) == "42.0 s")
        #expect(NumberFormatting.duration(185) == "3 min 05 s")
        #expect(NumberFormatting.duration(7_620) == "2 h 07 min")
        #expect(NumberFormatting.byteCount(812) == "812 B")
        #expect(NumberFormatting.byteCount(2_449_108) == "2.45 MB")
    }
}
