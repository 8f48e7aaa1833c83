// Scale padding and the data-to-points mapping on linear and log axes.

import Testing
@testable import Plotting

@Test func linearPaddingAddsFivePercentOfTheSpanOnEachSide() {
    let domain = Scale.linear.paddedDomain(lower: 0, upper: 10)
    #expect(abs(domain.lowerBound + 0.5) < 1e-12)
    #expect(abs(domain.upperBound - 10.5) < 1e-12)
}

@Test func logPaddingIsMultiplicative() {
    let domain = Scale.log10.paddedDomain(lower: 1, upper: 1e4)
    #expect(abs(domain.lowerBound - pow10(-0.2)) < 1e-12)
    #expect(abs(domain.upperBound - pow10(4.2)) < 1e-9)
}

@Test func mappingPlacesDecadesEvenlyAndFlipsVerticalAxes() {
    let mapping = ScaleMapping(scale: .log10, domain: 1...1000, start: 300, end: 0)
    #expect(mapping.position(of: 1) == 300)
    #expect(abs(mapping.position(of: 10) - 200) < 1e-9)
    #expect(abs(mapping.position(of: 1000)) < 1e-9)
    let linear = ScaleMapping(scale: .linear, domain: -1...1, start: 10, end: 110)
    #expect(linear.position(of: 0) == 60)
}

private func pow10(_ exponent: Double) -> Double {
    Scale.log10.inverse(exponent)
}
