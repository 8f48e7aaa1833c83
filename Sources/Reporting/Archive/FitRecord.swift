// A fit as report.json records it: every estimate with its standard error, interval and bound,
// the bootstrap's failed resamples and bound hits, the convergence status and the problems that
// keep a verdict from resting on it. Plain values, so Reporting needs no fitting library.

import Foundation

/// Where a fitted quantity sits at the edge of its law's domain.
public struct BoundRecord: Sendable, Codable, Equatable {
    /// "lower" or "upper".
    public var side: String
    public var limit: Double?
    /// Why it counts as at the bound.
    public var reason: String

    public init(side: String, limit: Double?, reason: String) {
        self.side = side
        self.limit = limit
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case side, limit, reason
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(side, forKey: .side)
        try container.encodeNumber(limit, forKey: .limit)
        try container.encode(reason, forKey: .reason)
    }
}

/// One parameter or derived quantity of a fit.
public struct QuantityRecord: Sendable, Codable, Equatable {
    public var name: String
    /// The point estimate (nil when not finite).
    public var estimate: Double?
    public var standardError: Double?
    /// "covariance", "delta-method" or "bootstrap".
    public var standardErrorMethod: String?
    /// The bootstrap percentile interval.
    public var interval: StatisticInterval?
    /// Set when the estimate sits at a bound of the law's domain.
    public var atBound: BoundRecord?

    public init(name: String, estimate: Double?, standardError: Double? = nil, standardErrorMethod: String? = nil,
                interval: StatisticInterval? = nil, atBound: BoundRecord? = nil) {
        self.name = name
        self.estimate = estimate
        self.standardError = standardError
        self.standardErrorMethod = standardErrorMethod
        self.interval = interval
        self.atBound = atBound
    }

    enum CodingKeys: String, CodingKey {
        case name, estimate, interval
        case standardError = "standard_error"
        case standardErrorMethod = "standard_error_method"
        case atBound = "at_bound"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeNumber(estimate, forKey: .estimate)
        try container.encodeNumber(standardError, forKey: .standardError)
        try container.encode(standardErrorMethod, forKey: .standardErrorMethod)
        try container.encode(interval?.finite, forKey: .interval)
        try container.encode(atBound, forKey: .atBound)
    }
}

/// A reason and how many resamples it stopped, or a quantity and how many resamples left it at a bound.
public struct CountRecord: Sendable, Codable, Equatable {
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}

/// The bootstrap of a fit.
public struct BootstrapRecord: Sendable, Codable, Equatable {
    /// Resamples requested.
    public var requested: Int
    /// Resamples whose refit converged; only these enter the intervals.
    public var converged: Int
    /// Resamples whose refit threw or did not converge.
    public var failed: Int
    /// failed / requested.
    public var failedShare: Double
    /// The interval level, e.g. 0.95.
    public var level: Double
    public var seed: UInt64
    /// Why resamples failed, with counts.
    public var failureReasons: [CountRecord]
    /// Per quantity, how many converged resamples left it at a bound.
    public var boundHits: [CountRecord]

    public init(requested: Int, converged: Int, failed: Int, level: Double, seed: UInt64,
                failureReasons: [CountRecord], boundHits: [CountRecord]) {
        self.requested = requested
        self.converged = converged
        self.failed = failed
        self.failedShare = requested > 0 ? Double(failed) / Double(requested) : 0
        self.level = level
        self.seed = seed
        self.failureReasons = failureReasons
        self.boundHits = boundHits
    }

    enum CodingKeys: String, CodingKey {
        case requested, converged, failed, level, seed
        case failedShare = "failed_share"
        case failureReasons = "failure_reasons"
        case boundHits = "bound_hits"
    }
}

/// A fit of a report.
public struct FitRecord: Sendable, Codable, Equatable {
    /// Whether a verdict may rest on a fit.
    public enum Status: String, Sendable, Codable, Equatable {
        /// Converged, nothing at a bound, failed resamples within the limit.
        case ok
        /// Converged, but with a quantity at a bound or too many failed resamples (see `problems`).
        case unreliable
        /// The full-data fit did not pass its stopping test.
        case notConverged = "not-converged"
    }

    /// The fit's name in the report, e.g. "approach3".
    public var name: String
    /// The law, e.g. "chinchilla".
    public var law: String
    public var status: Status
    /// The solver's convergence status in words.
    public var convergence: String
    public var pointsUsed: Int
    /// What was minimised, and its value at the optimum.
    public var objective: String
    public var objectiveValue: Double?
    public var parameters: [QuantityRecord]
    public var derivedQuantities: [QuantityRecord]
    /// Nil when no bootstrap was run.
    public var bootstrap: BootstrapRecord?
    /// Why a verdict should not rest on this fit, in words; empty for status `ok`.
    public var problems: [String]

    public init(name: String, law: String, status: Status, convergence: String, pointsUsed: Int, objective: String,
                objectiveValue: Double?, parameters: [QuantityRecord], derivedQuantities: [QuantityRecord],
                bootstrap: BootstrapRecord?, problems: [String]) {
        self.name = name
        self.law = law
        self.status = status
        self.convergence = convergence
        self.pointsUsed = pointsUsed
        self.objective = objective
        self.objectiveValue = objectiveValue
        self.parameters = parameters
        self.derivedQuantities = derivedQuantities
        self.bootstrap = bootstrap
        self.problems = problems
    }

    enum CodingKeys: String, CodingKey {
        case name, law, status, convergence, objective, parameters, bootstrap, problems
        case pointsUsed = "points_used"
        case objectiveValue = "objective_value"
        case derivedQuantities = "derived_quantities"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(law, forKey: .law)
        try container.encode(status, forKey: .status)
        try container.encode(convergence, forKey: .convergence)
        try container.encode(pointsUsed, forKey: .pointsUsed)
        try container.encode(objective, forKey: .objective)
        try container.encodeNumber(objectiveValue, forKey: .objectiveValue)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(derivedQuantities, forKey: .derivedQuantities)
        try container.encode(bootstrap, forKey: .bootstrap)
        try container.encode(problems, forKey: .problems)
    }
}

extension KeyedEncodingContainer {
    /// Encodes a number, or null when it is nil or not finite (JSON has no infinities or NaN).
    mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
        try encode(value.flatMap { $0.isFinite ? $0 : nil }, forKey: key)
    }
}

extension StatisticInterval {
    /// The interval when both ends are finite, else nil.
    var finite: StatisticInterval? {
        lower.isFinite && upper.isFinite && level.isFinite ? self : nil
    }
}
