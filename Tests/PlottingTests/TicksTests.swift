// Tick generation on linear and log axes: decades, sub-decade fallbacks, tiny, negative and zero-width ranges.

import Foundation
import Testing
@testable import Plotting

/// Whether `value` is an integer power of ten, up to rounding.
private func isPowerOfTen(_ value: Double) -> Bool {
    let exponent = log10(value)
    return abs(exponent - exponent.rounded()) < 1e-9
}

@Test(arguments: 1...12)
func logTicksLabelDecadesAcrossOneToTwelveDecades(decades: Int) {
    let domain = 1.0...pow(10, Double(decades))
    let ticks = Ticks.logarithmic(domain: domain, maximumLabels: 6)
    let labelled = ticks.filter { $0.label != nil }
    #expect(labelled.count >= 2)
    #expect(labelled.count <= 6)
    #expect(labelled.allSatisfy { isPowerOfTen($0.value) && $0.isMajor })
    #expect(labelled.allSatisfy { $0.label!.hasPrefix("10<span") })
    #expect(ticks.allSatisfy { domain.contains($0.value * (1 - 1e-12)) || domain.contains($0.value) })
    #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.value < $1.value })
    if decades <= 5 {
        let minors = ticks.filter { !$0.isMajor }
        #expect(minors.count == 8 * decades)
        #expect(minors.allSatisfy { $0.label == nil })
    } else {
        #expect(ticks.allSatisfy { isPowerOfTen($0.value) })
    }
}

@Test func logTicksUseNegativeExponentsWithMinusSigns() {
    let ticks = Ticks.logarithmic(domain: 1e-6...1e-2, maximumLabels: 6)
    let labels = ticks.compactMap(\.label)
    #expect(labels.count == 5)
    #expect(labels.first == "10<span size=\"70%\" rise=\"3000\">\u{2212}6</span>")
}

@Test func logTicksWithinOneDecadeFallBackToOneTwoFiveSteps() {
    let ticks = Ticks.logarithmic(domain: 2...8, maximumLabels: 5)
    #expect(ticks.map(\.value) == [2, 4, 6, 8])
    #expect(ticks.allSatisfy { $0.label != nil && $0.isMajor })
    let small = Ticks.logarithmic(domain: 0.021...0.034, maximumLabels: 4)
    #expect(small.count >= 3)
    #expect(small.allSatisfy { (0.021...0.034).contains($0.value) })
}

@Test func logTicksOverOneDecadeAlsoLabelTwoAndFive() {
    let ticks = Ticks.logarithmic(domain: 30...800, maximumLabels: 6)
    let labels = ticks.compactMap(\.label)
    #expect(labels == ["50", "100", "200", "500"])
}

@Test func linearTicksCoverTinyRanges() {
    let ticks = Ticks.linear(domain: 1.0001...1.0003, targetCount: 5)
    let labels = ticks.compactMap(\.label)
    #expect(ticks.count >= 3)
    #expect(Set(labels).count == labels.count)
    #expect(labels.contains("1.00020"))
    #expect(ticks.allSatisfy { (1.0001...1.0003).contains($0.value) })
}

@Test func linearTicksHandleNegativeRanges() {
    let negative = Ticks.linear(domain: -7.3 ... -2.1, targetCount: 5)
    #expect(negative.map(\.value) == [-7, -6, -5, -4, -3])
    #expect(negative.allSatisfy { $0.label!.hasPrefix("\u{2212}") })
    let straddling = Ticks.linear(domain: -3...5, targetCount: 4)
    #expect(straddling.map(\.value) == [-2, 0, 2, 4])
    #expect(straddling.compactMap(\.label) == ["\u{2212}2", "0", "2", "4"])
}

@Test func zeroWidthRangesGiveOneTickAndPadOpen() {
    let ticks = Ticks.linear(domain: 5...5, targetCount: 5)
    #expect(ticks.map(\.value) == [5])
    #expect(Scale.linear.paddedDomain(lower: 5, upper: 5) == 4.5...5.5)
    #expect(Scale.linear.paddedDomain(lower: 0, upper: 0) == -1...1)
    #expect(Scale.log10.paddedDomain(lower: 3, upper: 3) == 1.5...6)
    let padded = Scale.log10.paddedDomain(lower: 3, upper: 3)
    #expect(Ticks.logarithmic(domain: padded, maximumLabels: 5).count >= 2)
}

@Test func niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
    for span in [0.0003, 0.7, 3.5, 12, 999, 6e9] {
        let step = Ticks.niceStep(domain: 0...span, targetCount: 5)
        let mantissa = step / pow(10, floor(log10(step)))
        #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(step) for span \(span)")
        #expect(span / step >= 2 && span / step <= 12)
    }
}

@Test func largeAndSmallLinearValuesUseScientificLabels() {
    let large = Ticks.linear(domain: 0...6e9, targetCount: 3).compactMap(\.label)
    #expect(large == ["0", "2×10<span size=\"70%\" rise=\"3000\">9</span>",
                      "4×10<span size=\"70%\" rise=\"3000\">9</span>", "6×10<span size=\"70%\" rise=\"3000\">9</span>"])
    let small = Ticks.linear(domain: 1e-5...4e-5, targetCount: 3).compactMap(\.label)
    #expect(small.first == "1×10<span size=\"70%\" rise=\"3000\">\u{2212}5</span>")
}

@Test func compactNumbersKeepThreeSignificantDigits() {
    #expect(TickLabels.compact(1.23456) == "1.23")
    #expect(TickLabels.compact(-0.0123) == "\u{2212}0.0123")
    #expect(TickLabels.compact(123456).hasPrefix("1.23×10"))
    #expect(TickLabels.compact(.nan) == "–")
}
