// Bootstrap confidence intervals: resample points with a seeded RNG, refit each resample from the
// full-data optimum, and take percentile intervals of every parameter and derived quantity.

/// How a bootstrap is run.
public struct BootstrapSettings: Sendable {
    /// B, the number of resamples.
    public var resamples: Int
    /// The master seed; resample k uses `SeededRandomNumberGenerator.derivedSeed(master: seed, index: k)`.
    public var seed: UInt64
    /// The interval level, e.g. 0.95 for the 2.5 % and 97.5 % percentiles.
    public var level: Double
    /// Worker threads; the result does not depend on it.
    public var threadCount: Int

    public init(resamples: Int = 1_000, seed: UInt64 = 0, level: Double = 0.95,
                threadCount: Int = ThreadCount.available) {
        self.resamples = resamples
        self.seed = seed
        self.level = level
        self.threadCount = threadCount
    }
}

/// The bootstrap distribution summarised per quantity.
public struct BootstrapResult: Sendable, Codable {
    /// B requested.
    public let resamples: Int
    /// Resamples whose refit converged; only these enter the intervals.
    public let convergedResamples: Int
    /// Resamples whose refit threw or did not converge.
    public let failedResamples: Int
    /// The interval level.
    public let level: Double
    /// The master seed.
    public let seed: UInt64
    /// Percentile interval per quantity name (parameters and derived quantities).
    public let intervals: [String: ConfidenceInterval]
    /// Standard deviation of the bootstrap estimates per quantity name.
    public let standardDeviations: [String: Double]
    /// Distinct reasons for failed resamples, with counts.
    public let failureReasons: [String: Int]
    /// Per quantity name, how many converged resamples put it at a bound of the law's domain
    /// (`FittedQuantity.atBound`); quantities never at a bound are absent.
    public let boundHits: [String: Int]

    /// The share of requested resamples that failed, 0…1.
    public var failedShare: Double {
        resamples > 0 ? Double(failedResamples) / Double(resamples) : 0
    }

    private enum CodingKeys: String, CodingKey {
        case resamples, convergedResamples, failedResamples, level, seed, intervals, standardDeviations
        case failureReasons, boundHits
    }

    public init(resamples: Int, convergedResamples: Int, failedResamples: Int, level: Double, seed: UInt64,
                intervals: [String: ConfidenceInterval], standardDeviations: [String: Double],
                failureReasons: [String: Int], boundHits: [String: Int] = [:]) {
        self.resamples = resamples
        self.convergedResamples = convergedResamples
        self.failedResamples = failedResamples
        self.level = level
        self.seed = seed
        self.intervals = intervals
        self.standardDeviations = standardDeviations
        self.failureReasons = failureReasons
        self.boundHits = boundHits
    }

    /// Decodes a stored result; results stored before bound hits were counted decode with none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resamples = try container.decode(Int.self, forKey: .resamples)
        convergedResamples = try container.decode(Int.self, forKey: .convergedResamples)
        failedResamples = try container.decode(Int.self, forKey: .failedResamples)
        level = try container.decode(Double.self, forKey: .level)
        seed = try container.decode(UInt64.self, forKey: .seed)
        intervals = try container.decode([String: ConfidenceInterval].self, forKey: .intervals)
        standardDeviations = try container.decode([String: Double].self, forKey: .standardDeviations)
        failureReasons = try container.decode([String: Int].self, forKey: .failureReasons)
        boundHits = try container.decodeIfPresent([String: Int].self, forKey: .boundHits) ?? [:]
    }
}

/// Runs a percentile bootstrap of `law` around `estimate` (a fit of the full `points`).
/// Each resample draws, within every stratum of `law.resamplingStrata`, as many indices as the
/// stratum holds, uniformly with replacement, and refits from `estimate.solverParameters`.
/// Deterministic given `settings.seed`, whatever `settings.threadCount`.
public func bootstrap<Law: FittableLaw>(_ law: Law, points: [Law.Point], estimate: LawEstimate,
                                        settings: BootstrapSettings) throws -> BootstrapResult {
    guard settings.resamples >= 1 else {
        throw LawFitError.invalidSetting(name: "bootstrap", value: "\(settings.resamples)",
                                         expectation: "at least 1 resample (100 or more for useful intervals)")
    }
    guard settings.level > 0, settings.level < 1 else {
        throw LawFitError.invalidSetting(name: "level", value: "\(settings.level)",
                                         expectation: "a coverage strictly between 0 and 1, e.g. 0.95")
    }
    let strata = law.resamplingStrata(points)
    let names = (estimate.parameters + estimate.derivedQuantities).map(\.name)
    let start = estimate.solverParameters
    let outcomes: [Result<(values: [Double], atBound: [String]), ResampleFailure>] = try parallelMap(
        count: settings.resamples, threadCount: settings.threadCount, workerState: {}
    ) { _, index in
        let generator = SeededRandomNumberGenerator(
            seed: SeededRandomNumberGenerator.derivedSeed(master: settings.seed, index: index))
        var resample: [Law.Point] = []
        resample.reserveCapacity(points.count)
        for stratum in strata {
            for _ in stratum.indices {
                resample.append(points[stratum[generator.uniformInteger(below: stratum.count)]])
            }
        }
        do {
            let refit = try law.refit(resample, from: start)
            guard refit.status.isConverged else {
                return .failure(ResampleFailure(reason: "\(refit.status)"))
            }
            let quantities = refit.parameters + refit.derivedQuantities
            guard quantities.map(\.name) == names else {
                let missing = names.filter { name in !quantities.contains { $0.name == name } }
                return .failure(ResampleFailure(
                    reason: "the refit lacks \(missing.joined(separator: ", ")): " + refit.messages.joined(separator: " ")))
            }
            return .success((quantities.map(\.estimate), quantities.filter { $0.atBound != nil }.map(\.name)))
        } catch {
            return .failure(ResampleFailure(reason: "\(error)"))
        }
    }
    var columns = [[Double]](repeating: [], count: names.count)
    var failureReasons: [String: Int] = [:]
    var boundHits: [String: Int] = [:]
    for outcome in outcomes {
        switch outcome {
        case let .success(success):
            for (column, value) in success.values.enumerated() { columns[column].append(value) }
            for name in success.atBound { boundHits[name, default: 0] += 1 }
        case let .failure(failure):
            failureReasons[failure.reason, default: 0] += 1
        }
    }
    var intervals: [String: ConfidenceInterval] = [:]
    var deviations: [String: Double] = [:]
    for (column, name) in names.enumerated() {
        let finite = columns[column].filter(\.isFinite)
        intervals[name] = percentileInterval(of: finite, level: settings.level)
        if finite.count >= 2 {
            let mean = finite.reduce(0, +) / Double(finite.count)
            let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1)
            deviations[name] = variance.squareRoot()
        }
    }
    let failed = failureReasons.values.reduce(0, +)
    return BootstrapResult(resamples: settings.resamples, convergedResamples: settings.resamples - failed,
                           failedResamples: failed, level: settings.level, seed: settings.seed,
                           intervals: intervals, standardDeviations: deviations, failureReasons: failureReasons,
                           boundHits: boundHits)
}

/// Why one bootstrap resample produced no estimate.
private struct ResampleFailure: Error {
    let reason: String
}
