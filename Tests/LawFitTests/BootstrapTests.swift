// Bootstrap intervals: nominal coverage over repeated synthetic data sets, reproducibility given the
// seed whatever the thread count, and the percentile rule itself.
import Benchmarks
import Foundation
import LawFit
import Testing

/// 20 runs of L = 1.69 + 406.4·x^(−0.34) + ε, ε ~ Normal(0, 0.02), x log-spaced over 1e6…1e10.
private func noisyPowerLaw(seed: UInt64) -> [CurvePoint] {
    syntheticCurve(count: 20, low: 1e6, high: 1e10, noise: 0.02, seed: seed) { 1.69 + 406.4 * pow($0, -0.34) }
}

@Test func bootstrapIntervalsCoverTheTruthAtAboutTheNominalRate() throws {
    // 40 independent data sets × 100 resamples, 95 % percentile intervals. If the true coverage is
    // 0.95, the number of misses per parameter is Binomial(40, 0.05) (mean 2); P(misses ≥ 9) < 1e-3,
    // so "≥ 32 of 40 covered" fails a correct bootstrap with probability < 0.1 %, yet it catches
    // intervals that are too narrow by half (coverage ≈ 0.68, expected misses ≈ 13).
    // Intervals that are far too wide are caught by the upper check on the average width.
    let truth = ["E": 1.69, "A": 406.4, "alpha": 0.34]
    var covered = ["E": 0, "A": 0, "alpha": 0]
    var widthOverStandardError: [Double] = []
    for dataset in 0..<40 {
        let report = try fitLaw(PowerLawWithOffset(), to: noisyPowerLaw(seed: 1_000 + UInt64(dataset)),
                                bootstrap: BootstrapSettings(resamples: 100, seed: UInt64(dataset), threadCount: 2))
        let bootstrap = try #require(report.bootstrap)
        for parameter in report.parameters {
            let interval = try #require(parameter.interval)
            if interval.contains(truth[parameter.name]!) { covered[parameter.name]! += 1 }
            if let standardError = parameter.standardError {
                widthOverStandardError.append((interval.upper - interval.lower) / standardError)
            }
        }
        #expect(bootstrap.failedResamples <= 5)
    }
    for (name, count) in covered {
        #expect(count >= 32, "\(name) covered in \(count) of 40 data sets")
    }
    // A normal 95 % interval is 3.92 standard errors wide; percentile intervals from 100 resamples
    // should be within a factor ~1.5 of that on average.
    let meanWidth = widthOverStandardError.reduce(0, +) / Double(widthOverStandardError.count)
    #expect(meanWidth > 3.92 / 1.5 && meanWidth < 3.92 * 1.5, "mean width \(meanWidth) standard errors")
}

@Test func bootstrapIsIdenticalOnOneAndTwoThreads() throws {
    let points = noisyPowerLaw(seed: 77)
    let single = try fitLaw(PowerLawWithOffset(), to: points,
                            bootstrap: BootstrapSettings(resamples: 60, seed: 5, threadCount: 1))
    let double = try fitLaw(PowerLawWithOffset(), to: points,
                            bootstrap: BootstrapSettings(resamples: 60, seed: 5, threadCount: 2))
    #expect(single.bootstrap?.intervals == double.bootstrap?.intervals)
    #expect(single.bootstrap?.standardDeviations == double.bootstrap?.standardDeviations)
    let otherSeed = try fitLaw(PowerLawWithOffset(), to: points,
                               bootstrap: BootstrapSettings(resamples: 60, seed: 6, threadCount: 2))
    #expect(otherSeed.bootstrap?.intervals != single.bootstrap?.intervals)
}

@Test func chinchillaBootstrapIsIdenticalOnOneAndTwoThreadsAndCoversDerivedQuantities() throws {
    let runs = syntheticScalingObservations(truth: .hoffmann, parameterCount: 8, tokenCount: 6, logNoise: 0.01, seed: 4)
    let law = try smallGridChinchilla()
    let prepared = law.prepared(for: runs)
    let estimate = try prepared.fit(runs)
    let single = try bootstrap(prepared, points: runs, estimate: estimate,
                               settings: BootstrapSettings(resamples: 12, seed: 3, threadCount: 1))
    let double = try bootstrap(prepared, points: runs, estimate: estimate,
                               settings: BootstrapSettings(resamples: 12, seed: 3, threadCount: 2))
    #expect(single.intervals == double.intervals)
    #expect(single.convergedResamples + single.failedResamples == 12)
    for name in ["alpha", "beta", "E", "allocation_exponent_a", "G"] {
        #expect(single.intervals[name] != nil, "\(name)")
    }
    #expect(single.intervals.keys.contains { $0.hasPrefix("N_opt(C=") })
}

@Test func intervalLevelIsConfigurable() throws {
    let points = noisyPowerLaw(seed: 8)
    let wide = try fitLaw(PowerLawWithOffset(), to: points, bootstrap: BootstrapSettings(resamples: 80, seed: 1, level: 0.95))
    let narrow = try fitLaw(PowerLawWithOffset(), to: points, bootstrap: BootstrapSettings(resamples: 80, seed: 1, level: 0.5))
    let wideAlpha = try #require(wide.parameters.first { $0.name == "alpha" }?.interval)
    let narrowAlpha = try #require(narrow.parameters.first { $0.name == "alpha" }?.interval)
    #expect(narrowAlpha.level == 0.5)
    #expect(narrowAlpha.upper - narrowAlpha.lower < wideAlpha.upper - wideAlpha.lower)
    #expect(throws: LawFitError.self) {
        try fitLaw(PowerLawWithOffset(), to: points, bootstrap: BootstrapSettings(resamples: 10, level: 1.5))
    }
}

@Test func percentileRuleInterpolatesBetweenOrderStatistics() throws {
    #expect(quantile(ofSorted: [1, 2, 3, 4, 5], 0.25) == 2)
    #expect(quantile(ofSorted: [1, 2, 3, 4], 0.5) == 2.5)
    let interval = try #require(percentileInterval(of: (0...100).map(Double.init).shuffled(), level: 0.9))
    #expect(abs(interval.lower - 5) < 1e-9 && abs(interval.upper - 95) < 1e-9)
    #expect(percentileInterval(of: [1], level: 0.95) == nil)
}
