// Paired differences over seeds: known answers for the mean, spread and t-interval, Student-t
// quantiles against published tables, no interval (never NaN) for too few seeds, a reproducible
// bootstrap, and the TOST equivalence test. Oracle values come from printed t tables and SciPy 1.x
// (scipy.stats.t), never from the code under test.
import Foundation
import LawFit
import Testing

/// Differences for seeds 0, 1, 2, … in order.
private func seeded(_ values: [Double]) throws -> PairedDifferences {
    try PairedDifferences(values.enumerated().map { SeededDifference(seed: $0.offset, difference: $0.element) })
}

// Tolerance 1e-6 absolute throughout: the oracles are printed to 7–8 significant digits, and GSL's
// t quantile is accurate to ~1e-10, so any disagreement above 1e-6 is a real error.

@Test func meanDeviationAndTIntervalMatchTheTextbookAnswerForOneToFive() throws {
    let differences = try seeded([1, 2, 3, 4, 5])
    #expect(differences.count == 5)
    #expect(abs(try #require(differences.mean) - 3) < 1e-12)
    #expect(abs(try #require(differences.standardDeviation) - 2.5.squareRoot()) < 1e-12)
    #expect(abs(try #require(differences.standardError) - 0.5.squareRoot()) < 1e-12)
    // 3 ± t_{0.975, 4}·√0.5 with t_{0.975, 4} = 2.7764451 (tables): [1.0367568, 4.9632432].
    let interval = try #require(try differences.tInterval())
    #expect(abs(interval.lower - 1.0367568) < 1e-6)
    #expect(abs(interval.upper - 4.9632432) < 1e-6)
    #expect(interval.level == 0.95)
}

@Test func tIntervalWidthFollowsTheRequestedLevel() throws {
    // 90 %: 3 ± t_{0.95, 4}·√0.5 with t_{0.95, 4} = 2.1318468 (tables) ⇒ [1.4925567, 4.5074433].
    let interval = try #require(try seeded([1, 2, 3, 4, 5]).tInterval(level: 0.90))
    #expect(abs(interval.lower - 1.4925567) < 1e-6)
    #expect(abs(interval.upper - 4.5074433) < 1e-6)
}

@Test(arguments: [
    (0.975, 1.0, 12.7062047), (0.975, 2.0, 4.3026527), (0.975, 10.0, 2.2281389),
    (0.95, 10.0, 1.8124611), (0.995, 2.0, 9.9248432), (0.025, 10.0, -2.2281389),
])
func studentTQuantileMatchesPublishedTables(probability: Double, degreesOfFreedom: Double, expected: Double) throws {
    let quantile = try studentTQuantile(probability, degreesOfFreedom: degreesOfFreedom)
    #expect(abs(quantile - expected) < 1e-6, "t_{\(probability), \(degreesOfFreedom)} = \(quantile)")
}

@Test func studentTQuantileRejectsImpossibleArguments() {
    #expect(throws: PairedDifferencesError.invalidDegreesOfFreedom(0)) {
        try studentTQuantile(0.975, degreesOfFreedom: 0)
    }
    #expect(throws: PairedDifferencesError.self) { try studentTQuantile(1, degreesOfFreedom: 4) }
    #expect(throws: PairedDifferencesError.self) { try studentTQuantile(0, degreesOfFreedom: 4) }
}

@Test func oneSeedGivesAMeanButNoSpreadAndNoInterval() throws {
    let differences = try seeded([0.25])
    #expect(differences.mean == 0.25)
    #expect(differences.standardDeviation == nil)
    #expect(differences.standardError == nil)
    #expect(try differences.tInterval() == nil)
    #expect(try differences.bootstrapInterval() == nil)
    #expect(try differences.equivalence(margin: 1) == nil)
}

@Test func noSeedsGiveNoStatisticsAtAll() throws {
    let differences = try PairedDifferences([])
    #expect(differences.count == 0)
    #expect(differences.mean == nil)
    #expect(differences.standardDeviation == nil)
    #expect(try differences.tInterval() == nil)
    #expect(try differences.bootstrapInterval() == nil)
    #expect(try differences.equivalence(margin: 1) == nil)
}

@Test func identicalDifferencesGiveAZeroWidthIntervalNotNaN() throws {
    let differences = try seeded([0.5, 0.5, 0.5])
    #expect(differences.standardDeviation == 0)
    let interval = try #require(try differences.tInterval())
    #expect(interval.lower == 0.5 && interval.upper == 0.5)
    let test = try #require(try differences.equivalence(margin: 1))
    #expect(test.pValue == 0)
    #expect(test.isEquivalent)
}

@Test func twoSeedsUseOneDegreeOfFreedom() throws {
    // d = [0, 2]: mean 1, s = √2, SE = 1, so the 95 % interval is 1 ± 12.7062047.
    let interval = try #require(try seeded([0, 2]).tInterval())
    #expect(abs(interval.lower - (1 - 12.7062047)) < 1e-6)
    #expect(abs(interval.upper - (1 + 12.7062047)) < 1e-6)
}

@Test func bootstrapNeedsFiveSeeds() throws {
    #expect(try seeded([0.1, 0.4, 0.2, 0.3]).bootstrapInterval() == nil)
    #expect(try seeded([0.1, 0.4, 0.2, 0.3, 0.5]).bootstrapInterval() != nil)
}

@Test func bootstrapIsReproducibleForAFixedSeedAndDependsOnIt() throws {
    let differences = try seeded([0.3, 1.7, 2.2, 4.9, 8.1, 3.3])
    let first = try #require(try differences.bootstrapInterval(resamples: 2_000, seed: 11))
    let again = try #require(try differences.bootstrapInterval(resamples: 2_000, seed: 11))
    let other = try #require(try differences.bootstrapInterval(resamples: 2_000, seed: 12))
    #expect(first == again)
    #expect(first != other)
}

@Test func bootstrapIntervalContainsTheMeanAndStaysInsideTheData() throws {
    let values = [0.3, 1.7, 2.2, 4.9, 8.1, 3.3]
    let differences = try seeded(values)
    let interval = try #require(try differences.bootstrapInterval(seed: 3))
    #expect(interval.contains(try #require(differences.mean)))
    #expect(interval.lower >= values.min()! && interval.upper <= values.max()!)
    #expect(interval.lower < interval.upper)
}

@Test func bootstrapWidthMatchesTheNormalApproximationForManySeeds() throws {
    // d = 1…20: the bootstrap standard error of the mean is the plug-in σ/√n = √33.25/√20 = 1.2894,
    // so a 95 % percentile interval is about 10.5 ± 1.96·1.2894 = 10.5 ± 2.527. With 10 000
    // resamples the Monte-Carlo error of the ends is ~0.05, and the discreteness of the data is small
    // at n = 20; ±10 % catches a wrong resample size or an index bias.
    let interval = try #require(try seeded((1...20).map(Double.init)).bootstrapInterval(seed: 1))
    let halfWidth = (interval.upper - interval.lower) / 2
    #expect(abs(halfWidth - 2.527) < 0.25, "half width \(halfWidth)")
    #expect(abs((interval.upper + interval.lower) / 2 - 10.5) < 0.2)
}

@Test func tostCallsATightIntervalAroundZeroEquivalent() throws {
    // SciPy: x̄ = 0, SE = 6.1237244e-4, 90 % interval ±1.3054842e-3, p = 4.1153209e-5.
    let test = try #require(try seeded([0.001, -0.002, 0.0015, 0.0, -0.0005]).equivalence(margin: 0.01))
    #expect(abs(test.interval.lower + 1.3054842e-3) < 1e-9)
    #expect(abs(test.interval.upper - 1.3054842e-3) < 1e-9)
    #expect(abs(test.interval.level - 0.90) < 1e-12)
    #expect(abs(test.pValue - 4.1153209e-5) < 1e-11)
    #expect(test.isEquivalent)
    #expect(!test.isWhollyOutsideMargin)
}

@Test func tostIsNotEquivalentWhenTheIntervalCrossesTheMargin() throws {
    // SciPy: 90 % interval [0.0034186, 0.0133814], p = 0.26556311 > 0.05.
    let test = try #require(try seeded([0.005, 0.012, 0.008, 0.015, 0.002]).equivalence(margin: 0.01))
    #expect(abs(test.interval.lower - 0.0034186) < 1e-6)
    #expect(abs(test.interval.upper - 0.0133814) < 1e-6)
    #expect(abs(test.pValue - 0.26556311) < 1e-7)
    #expect(!test.isEquivalent)
    #expect(!test.isWhollyOutsideMargin)
}

@Test func tostFindsAnIntervalWhollyBeyondTheMargin() throws {
    // SciPy: 90 % interval [0.0510691, 0.0589309], p ≈ 1.
    let test = try #require(try seeded([0.05, 0.06, 0.055, 0.052, 0.058]).equivalence(margin: 0.01))
    #expect(abs(test.interval.lower - 0.0510691) < 1e-6)
    #expect(test.pValue > 0.999)
    #expect(!test.isEquivalent)
    #expect(test.isWhollyOutsideMargin)
}

@Test func pairingByArmsKeepsSharedSeedsAndListsTheRest() throws {
    let uniform = [0: 1.50, 1: 1.40, 2: 1.45, 7: 1.30]
    let ascending = [0: 1.48, 1: 1.41, 2: 1.40, 5: 1.20]
    let differences = try PairedDifferences(pairing: uniform, minus: ascending)
    #expect(differences.seeds == [0, 1, 2])
    let expected = [0.02, -0.01, 0.05]
    for (value, target) in zip(differences.values, expected) { #expect(abs(value - target) < 1e-12) }
    #expect(differences.unpairedSeeds == [5, 7])
}

@Test func dictionaryInputIsOrderedBySeed() throws {
    let differences = try PairedDifferences(differencesBySeed: [4: 0.4, 1: 0.1, 3: 0.3])
    #expect(differences.seeds == [1, 3, 4])
    #expect(differences.values == [0.1, 0.3, 0.4])
}

@Test func nonFiniteOrRepeatedSeedsAreRejectedWithTheSeedNamed() {
    #expect(throws: PairedDifferencesError.nonFiniteDifference(seed: 2, value: .infinity)) {
        try PairedDifferences([SeededDifference(seed: 1, difference: 0.1),
                               SeededDifference(seed: 2, difference: .infinity)])
    }
    #expect(throws: PairedDifferencesError.duplicateSeed(1)) {
        try PairedDifferences([SeededDifference(seed: 1, difference: 0.1),
                               SeededDifference(seed: 1, difference: 0.2)])
    }
    let message = PairedDifferencesError.nonFiniteDifference(seed: 2, value: .nan).description
    #expect(message.contains("Seed 2") && message.contains("drop that seed"))
}

@Test func invalidLevelsMarginsAndResampleCountsThrow() throws {
    let differences = try seeded([1, 2, 3, 4, 5])
    #expect(throws: PairedDifferencesError.self) { try differences.tInterval(level: 1) }
    #expect(throws: PairedDifferencesError.self) { try differences.tInterval(level: 95) }
    #expect(throws: PairedDifferencesError.invalidResampleCount(0)) { try differences.bootstrapInterval(resamples: 0) }
    #expect(throws: PairedDifferencesError.self) { try differences.equivalence(margin: 0) }
    #expect(throws: PairedDifferencesError.self) { try differences.equivalence(margin: 1, alpha: 0.5) }
}
