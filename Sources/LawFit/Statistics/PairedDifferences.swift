// Per-seed paired differences between two arms of a study (STUDIES.md "Shared statistics"):
// mean, spread, Student-t and bootstrap intervals over seeds, and a TOST equivalence test.
// It only summarises numbers; the verdict rule built on it lives in Studies (PairedVerdict.swift).
@preconcurrency import CGSL

/// One seed's paired difference d_s = (arm A) − (arm B), in the unit of the measured quantity
/// (bits per byte for validation losses).
public struct SeededDifference: Sendable, Equatable {
    /// The seed both arms were trained with (it sets initialisation and data shuffle).
    public let seed: Int
    /// d_s, e.g. L_uniform − L_ascending in bits per byte.
    public let difference: Double

    /// Creates one labelled difference.
    public init(seed: Int, difference: Double) {
        self.seed = seed
        self.difference = difference
    }
}

/// Why paired differences or one of their statistics could not be computed.
public enum PairedDifferencesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A difference is NaN or infinite (a diverged run, or a loss that was never measured).
    case nonFiniteDifference(seed: Int, value: Double)
    /// The same seed was given twice, so the pairing by seed is ambiguous.
    case duplicateSeed(Int)
    /// A coverage, α or probability outside (0, 1) (α must also stay below 0.5).
    case invalidProbability(name: String, value: Double, expectation: String)
    /// A threshold or equivalence margin that is negative, zero where it must be positive, or not finite.
    case invalidMargin(name: String, value: Double, expectation: String)
    /// A bootstrap with fewer than one resample.
    case invalidResampleCount(Int)
    /// Student's t with zero, negative or non-finite degrees of freedom.
    case invalidDegreesOfFreedom(Double)

    public var description: String {
        switch self {
        case let .nonFiniteDifference(seed, value):
            return "Seed \(seed) has paired difference \(value), which cannot enter a mean; "
                + "drop that seed's runs or fix the loss that produced it."
        case let .duplicateSeed(seed):
            return "Seed \(seed) appears more than once among the paired differences; "
                + "give one difference per seed (average repeated evaluations first)."
        case let .invalidProbability(name, value, expectation):
            return "\(name) = \(value) is invalid: \(expectation)."
        case let .invalidMargin(name, value, expectation):
            return "\(name) = \(value) is invalid: \(expectation)."
        case let .invalidResampleCount(count):
            return "A bootstrap needs at least 1 resample but was asked for \(count); use 10 000 or so."
        case let .invalidDegreesOfFreedom(value):
            return "Student's t needs positive, finite degrees of freedom, not \(value); "
                + "the interval needs at least 2 seeds (df = n − 1)."
        }
    }
}

/// The p-quantile t_{p, ν} of Student's t distribution with ν degrees of freedom
/// (`gsl_cdf_tdist_Pinv`, accurate to about 1e-10 relative): P(T ≤ t_{p, ν}) = p.
/// Example: t_{0.975, 4} = 2.7764451, the multiplier of a 95 % interval from 5 values.
/// Throws unless 0 < p < 1 and ν is positive and finite.
public func studentTQuantile(_ probability: Double,
                             degreesOfFreedom: Double) throws(PairedDifferencesError) -> Double {
    guard probability > 0, probability < 1 else {
        throw .invalidProbability(name: "probability", value: probability,
                                  expectation: "a probability strictly between 0 and 1, e.g. 0.975")
    }
    guard degreesOfFreedom > 0, degreesOfFreedom.isFinite else {
        throw .invalidDegreesOfFreedom(degreesOfFreedom)
    }
    GSLRuntime.prepare()
    return gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
}

/// The result of two one-sided t-tests (TOST) of H₀: |μ| ≥ δ against H₁: |μ| < δ, where μ is the
/// mean paired difference and δ the equivalence margin (same unit as the differences).
public struct EquivalenceTest: Sendable, Equatable {
    /// δ > 0, the largest difference still called "equivalent".
    public let margin: Double
    /// α, the level of each one-sided test (0.05 ⇒ a 90 % interval).
    public let alpha: Double
    /// The two-sided (1 − 2α) t-interval of the mean: TOST rejects both one-sided nulls at level α
    /// exactly when this interval lies strictly inside (−δ, δ).
    public let interval: ConfidenceInterval
    /// max(p₋, p₊) with p₋ = P(T_{n−1} ≥ (x̄ + δ)/SE) and p₊ = P(T_{n−1} ≥ (δ − x̄)/SE); equivalence at
    /// level α ⇔ p < α. When SE = 0 it is 0 if |x̄| < δ and 1 otherwise.
    public let pValue: Double

    /// True when the (1 − 2α) interval lies strictly inside (−δ, δ).
    public var isEquivalent: Bool { interval.lower > -margin && interval.upper < margin }

    /// True when the (1 − 2α) interval lies wholly outside [−δ, δ] (entirely above δ or below −δ):
    /// the one-sided test of "μ ≤ δ" (or of "μ ≥ −δ") is rejected at level α.
    public var isWhollyOutsideMargin: Bool { interval.lower > margin || interval.upper < -margin }
}

/// Per-seed paired differences d_s between two arms and their statistics over seeds.
///
/// With n differences d_1 … d_n (one per seed, in the unit of the measured quantity, e.g. bits per
/// byte):
/// - mean x̄ = Σ d_s / n;
/// - sample standard deviation s = √(Σ (d_s − x̄)² / (n − 1));
/// - standard error SE = s / √n;
/// - two-sided t-interval at coverage c: x̄ ± t_{(1+c)/2, n−1} · SE;
/// - percentile bootstrap interval: resample n seeds with replacement, take the mean, repeat B times,
///   and take the (1 − c)/2 and (1 + c)/2 quantiles (type 7) of the B means.
///
/// Statistics that need spread (s, SE, every interval) are nil for n < 2, and the bootstrap is nil
/// for n < 5 (with fewer seeds it has too few distinct resamples to mean anything), so a study with
/// too few finished seeds yields "no interval" rather than a crash or NaN.
public struct PairedDifferences: Sendable, Equatable {
    /// The fewest differences for which `bootstrapInterval` gives an interval.
    public static let minimumCountForBootstrap = 5

    /// The differences in the order given (or in seed order for the dictionary initialisers).
    public let differences: [SeededDifference]
    /// Seeds present in only one arm when built with `init(pairing:minus:)`, ascending; they are
    /// left out of every statistic. Empty for the other initialisers.
    public let unpairedSeeds: [Int]
    /// x̄, the mean difference (unit of the differences); nil when there are none.
    public let mean: Double?
    /// s, the sample standard deviation (n − 1 in the denominator); nil for n < 2.
    public let standardDeviation: Double?
    /// SE = s / √n, the standard error of the mean; nil for n < 2.
    public let standardError: Double?

    /// n, the number of seeds.
    public var count: Int { differences.count }
    /// The seeds, in the order of `differences`.
    public var seeds: [Int] { differences.map(\.seed) }
    /// The bare values d_s, in the order of `differences`.
    public var values: [Double] { differences.map(\.difference) }
    /// d_s keyed by seed, e.g. to pair two sets of differences again (a difference of differences).
    public var bySeed: [Int: Double] { Dictionary(uniqueKeysWithValues: differences.map { ($0.seed, $0.difference) }) }

    /// Summarises `differences`. Throws if a value is not finite or a seed repeats.
    public init(_ differences: [SeededDifference]) throws(PairedDifferencesError) {
        try self.init(differences, unpairedSeeds: [])
    }

    /// Summarises one difference per seed, ordered by seed.
    public init(differencesBySeed: [Int: Double]) throws(PairedDifferencesError) {
        try self.init(differencesBySeed.sorted { $0.key < $1.key }
            .map { SeededDifference(seed: $0.key, difference: $0.value) }, unpairedSeeds: [])
    }

    /// Pairs two arms by seed: d_s = minuend[s] − subtrahend[s] for every seed both arms have,
    /// ordered by seed. Seeds found in one arm only go to `unpairedSeeds`.
    /// Example: `init(pairing: uniformLoss, minus: ascendingLoss)` gives L_uniform − L_ascending.
    public init(pairing minuend: [Int: Double], minus subtrahend: [Int: Double]) throws(PairedDifferencesError) {
        let shared = Set(minuend.keys).intersection(subtrahend.keys).sorted()
        let unpaired = Set(minuend.keys).symmetricDifference(subtrahend.keys).sorted()
        try self.init(shared.map { SeededDifference(seed: $0, difference: minuend[$0]! - subtrahend[$0]!) },
                      unpairedSeeds: unpaired)
    }

    private init(_ differences: [SeededDifference], unpairedSeeds: [Int]) throws(PairedDifferencesError) {
        var seen = Set<Int>()
        for item in differences {
            guard item.difference.isFinite else {
                throw .nonFiniteDifference(seed: item.seed, value: item.difference)
            }
            guard seen.insert(item.seed).inserted else { throw .duplicateSeed(item.seed) }
        }
        self.differences = differences
        self.unpairedSeeds = unpairedSeeds
        let values = differences.map(\.difference)
        let n = Double(values.count)
        let mean = values.isEmpty ? nil : values.reduce(0, +) / n
        self.mean = mean
        if let mean, values.count >= 2 {
            let sumOfSquares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            let deviation = (sumOfSquares / (n - 1)).squareRoot()
            standardDeviation = deviation
            standardError = deviation / n.squareRoot()
        } else {
            standardDeviation = nil
            standardError = nil
        }
    }

    /// The two-sided Student-t interval x̄ ± t_{(1+level)/2, n−1} · SE of the mean, with coverage
    /// `level` (default 0.95); nil for n < 2. Throws unless 0 < level < 1.
    public func tInterval(level: Double = 0.95) throws(PairedDifferencesError) -> ConfidenceInterval? {
        try Self.validate(level: level, name: "level")
        guard let mean, let standardError else { return nil }
        let multiplier = try studentTQuantile((1 + level) / 2, degreesOfFreedom: Double(count - 1))
        return ConfidenceInterval(lower: mean - multiplier * standardError,
                                  upper: mean + multiplier * standardError, level: level)
    }

    /// The percentile bootstrap interval of the mean over seeds at coverage `level`, from
    /// `resamples` resamples of n seeds drawn with replacement by MT19937 seeded with
    /// `SeededRandomNumberGenerator.derivedSeed(master: seed, index: 0)`: the same inputs and seed
    /// always give the same interval. Nil for n < 5 (`minimumCountForBootstrap`).
    /// Throws unless 0 < level < 1 and resamples ≥ 1.
    public func bootstrapInterval(level: Double = 0.95, resamples: Int = 10_000,
                                  seed: UInt64 = 0) throws(PairedDifferencesError) -> ConfidenceInterval? {
        try Self.validate(level: level, name: "level")
        guard resamples >= 1 else { throw .invalidResampleCount(resamples) }
        guard count >= Self.minimumCountForBootstrap else { return nil }
        let values = self.values
        let generator = SeededRandomNumberGenerator(
            seed: SeededRandomNumberGenerator.derivedSeed(master: seed, index: 0))
        var means: [Double] = []
        means.reserveCapacity(resamples)
        for _ in 0..<resamples {
            var sum = 0.0
            for _ in 0..<values.count { sum += values[generator.uniformInteger(below: values.count)] }
            means.append(sum / Double(values.count))
        }
        return percentileInterval(of: means, level: level)
    }

    /// Two one-sided t-tests of equivalence within ±`margin` (δ > 0, unit of the differences) at
    /// level `alpha` (default 0.05, so the interval is the 90 % t-interval). Nil for n < 2.
    /// Throws unless δ is positive and finite and 0 < α < 0.5.
    public func equivalence(margin: Double, alpha: Double = 0.05) throws(PairedDifferencesError) -> EquivalenceTest? {
        guard margin > 0, margin.isFinite else {
            throw .invalidMargin(name: "equivalence margin", value: margin,
                                 expectation: "a positive finite difference such as 0.01 bits per byte")
        }
        guard alpha > 0, alpha < 0.5 else {
            throw .invalidProbability(name: "alpha", value: alpha,
                                      expectation: "a one-sided test level strictly between 0 and 0.5, e.g. 0.05")
        }
        guard let mean, let standardError, let interval = try tInterval(level: 1 - 2 * alpha) else { return nil }
        let pValue: Double
        if standardError > 0 {
            let degreesOfFreedom = Double(count - 1)
            let pLower = gsl_cdf_tdist_Q((mean + margin) / standardError, degreesOfFreedom)
            let pUpper = gsl_cdf_tdist_Q((margin - mean) / standardError, degreesOfFreedom)
            pValue = max(pLower, pUpper)
        } else {
            pValue = abs(mean) < margin ? 0 : 1
        }
        return EquivalenceTest(margin: margin, alpha: alpha, interval: interval, pValue: pValue)
    }

    private static func validate(level: Double, name: String) throws(PairedDifferencesError) {
        guard level > 0, level < 1 else {
            throw .invalidProbability(name: name, value: level,
                                      expectation: "a coverage strictly between 0 and 1, e.g. 0.95")
        }
    }
}
