// Known-answer tests of the one-variable laws: power law with offset, Kaplan, data equivalence
// (with its exact inverse), and the two CMR laws.
import Foundation
import LawFit
import Testing

@Test func powerLawWithOffsetRecoversExactParameters() throws {
    let points = syntheticCurve(count: 20, low: 1e6, high: 1e10) { 1.69 + 406.4 * pow($0, -0.34) }
    let estimate = try PowerLawWithOffset().fit(points)
    #expect(estimate.status.isConverged)
    // Exact data: only round-off separates the fit from the truth.
    #expect(relativeError(estimate.value("E"), 1.69) < 1e-7)
    #expect(relativeError(estimate.value("A"), 406.4) < 1e-6)
    #expect(relativeError(estimate.value("alpha"), 0.34) < 1e-7)
}

@Test func powerLawWithOffsetRecoversNoisyParametersWithinStandardErrors() throws {
    // 0.5 % relative noise, relative weights (DEPS.md §1.4 measured this set-up by hand).
    let points = syntheticCurve(count: 40, low: 10, high: 1e8, noise: 0.005, relative: true, seed: 3) {
        1.69 + 406.4 * pow($0, -0.34)
    }
    let estimate = try PowerLawWithOffset(weighting: .relative).fit(points)
    #expect(estimate.status.isConverged)
    for (name, truth) in [("E", 1.69), ("A", 406.4), ("alpha", 0.34)] {
        let parameter = try #require(estimate.parameters.first { $0.name == name })
        let standardError = try #require(parameter.standardError)
        // Within 3 standard errors (a 99.7 % event per parameter for a correct fit).
        #expect(abs(parameter.estimate - truth) < 3 * standardError, "\(name)")
    }
    #expect(estimate.degreesOfFreedom == 37)
}

@Test func kaplanLawRecoversExactAndNoisyParameters() throws {
    let exact = syntheticCurve(count: 10, low: 1e6, high: 1e9) { pow(8.8e13 / $0, 0.076) }
    let estimate = try KaplanLaw().fit(exact)
    #expect(relativeError(estimate.value("alpha_N"), 0.076) < 1e-10)
    #expect(relativeError(estimate.value("N_c"), 8.8e13) < 1e-8)
    let noisy = syntheticCurve(count: 30, low: 1e6, high: 1e9, noise: 0.002, relative: true, seed: 5) {
        pow(8.8e13 / $0, 0.076)
    }
    let fit = try KaplanLaw().fit(noisy)
    let alpha = try #require(fit.parameters.first { $0.name == "alpha_N" })
    #expect(abs(alpha.estimate - 0.076) < 3 * (alpha.standardError ?? 0))
    #expect(KaplanLaw().predict(fit, at: CurvePoint(x: 1e8, y: 0)) > 0)
}

@Test func dataEquivalenceRecoversExactCurve() throws {
    let points = syntheticCurve(count: 12, low: 5, high: 10) { -2.5 * pow($0, -1.3) + 0.4 }
    let estimate = try DataEquivalenceLaw().fit(points)
    #expect(estimate.status.isConverged)
    #expect(relativeError(estimate.value("a"), 2.5) < 1e-6)
    #expect(relativeError(estimate.value("b"), 1.3) < 1e-6)
    #expect(relativeError(estimate.value("c"), 0.4) < 1e-6)
}

@Test func dataEquivalenceInverseIsExact() throws {
    let curve = DataEquivalenceCurve(a: 2.5, b: 1.3, c: 0.4)
    for x in [5.0, 6.25, 7.5, 9.0] {
        let value = curve.relativeLogLikelihood(atLog10Bytes: x)
        #expect(abs(try curve.log10Bytes(forRelativeLogLikelihood: value) - x) < 1e-12)
    }
    // (a/(c − ℓ))^(1/b) with a = 2, b = 1, c = 1, ℓ = 0.5 is exactly 4.
    #expect(try DataEquivalenceCurve(a: 2, b: 1, c: 1).log10Bytes(forRelativeLogLikelihood: 0.5) == 4)
    // 10^(x − x_actual) − 1 in percent: an equivalent of 10× the data is +900 %.
    let change = try DataEquivalenceCurve(a: 2, b: 1, c: 1).equivalentDataChangePercent(
        relativeLogLikelihood: 0.5, actualLog10Bytes: 3)
    #expect(abs(change - 900) < 1e-9)
}

@Test func dataEquivalenceInverseRejectsValuesAtOrAboveTheAsymptote() {
    let curve = DataEquivalenceCurve(a: 2.5, b: 1.3, c: 0.4)
    #expect(throws: LawFitError.self) { try curve.log10Bytes(forRelativeLogLikelihood: 0.4) }
    #expect(throws: LawFitError.self) { try curve.log10Bytes(forRelativeLogLikelihood: 1.0) }
}

@Test func cmrDomainLawRecoversExactAndNoisyParameters() throws {
    let exact = syntheticCurve(count: 15, low: 1e5, high: 1e8) { -0.8 * pow($0, -0.25) + 0.1 }
    let estimate = try CMRDomainLaw().fit(exact)
    #expect(relativeError(estimate.value("alpha1"), -0.8) < 1e-6)
    #expect(relativeError(estimate.value("s1"), -0.25) < 1e-6)
    #expect(relativeError(estimate.value("beta1"), 0.1) < 1e-6)
    let noisy = syntheticCurve(count: 40, low: 1e5, high: 1e8, noise: 1e-4, seed: 11) { -0.8 * pow($0, -0.25) + 0.1 }
    let fit = try CMRDomainLaw().fit(noisy)
    for (name, truth) in [("alpha1", -0.8), ("s1", -0.25), ("beta1", 0.1)] {
        let parameter = try #require(fit.parameters.first { $0.name == name })
        #expect(abs(parameter.estimate - truth) < 3 * (parameter.standardError ?? 0), "\(name)")
    }
}

@Test func cmrGeneralLawRecoversExactParameters() throws {
    // A rise that decays (s2 = −0.5) on top of a slow drift (s3 = 0.3).
    let points = syntheticCurve(count: 30, low: 10, high: 1e5) { 2 * pow($0, -0.5) + 0.01 * pow($0, 0.3) + 0.05 }
    let estimate = try CMRGeneralLaw().fit(points)
    #expect(estimate.status.isConverged)
    for (name, truth) in [("alpha2", 2.0), ("s2", -0.5), ("alpha3", 0.01), ("s3", 0.3), ("beta2", 0.05)] {
        #expect(relativeError(estimate.value(name), truth) < 1e-5, "\(name)")
    }
}

@Test func curveLawsRejectTooFewAndInvalidPoints() {
    let three = syntheticCurve(count: 3, low: 1, high: 10) { 1 + pow($0, -0.5) }
    #expect(throws: LawFitError.tooFewPoints(law: "power-law", required: 4, available: 3)) {
        try PowerLawWithOffset().fit(three)
    }
    let negative = [CurvePoint(x: -1, y: 1)] + syntheticCurve(count: 5, low: 1, high: 10) { $0 }
    #expect(throws: LawFitError.invalidValue(law: "kaplan", quantity: "parameters", index: 0, value: -1)) {
        try KaplanLaw().fit(negative)
    }
}

@Test func heldOutPredictionOfLargestModelIsAccurateOnExactData() throws {
    let points = syntheticCurve(count: 12, low: 1e6, high: 1e10) { 1.69 + 406.4 * pow($0, -0.34) }
    let largest = points.map(\.x).max()!
    let report = try predictHeldOut(PowerLawWithOffset(), points: points) { $0.x == largest }
    #expect(report.predictions.count == 1)
    #expect(report.estimate.pointsUsed == 11)
    #expect(report.maximumRelativeError < 1e-8)
    #expect(throws: LawFitError.self) { try predictHeldOut(PowerLawWithOffset(), points: points) { _ in true } }
}
