// The numbers a verdict rests on, as values rather than display text: the statistic, its interval,
// the threshold it was judged against and every seed's value. report.json carries them.

import Foundation

/// A confidence interval of a statistic.
public struct StatisticInterval: Sendable, Codable, Equatable {
    public var lower: Double
    public var upper: Double
    /// Nominal coverage, e.g. 0.95.
    public var level: Double
    /// How it was computed, e.g. "t", "bootstrap percentile", "TOST t".
    public var method: String

    public init(lower: Double, upper: Double, level: Double, method: String) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.method = method
    }
}

/// What a statistic was judged against: a range of acceptable values (either end may be open)
/// and the rule in words.
public struct StatisticThreshold: Sendable, Codable, Equatable {
    /// The lower end (nil = unbounded below).
    public var lower: Double?
    /// The upper end (nil = unbounded above).
    public var upper: Double?
    /// The decision rule, e.g. "reproduced if the interval lies inside [0.35, 0.65]".
    public var rule: String

    public init(lower: Double? = nil, upper: Double? = nil, rule: String) {
        self.lower = lower
        self.upper = upper
        self.rule = rule
    }

    enum CodingKeys: String, CodingKey {
        case lower, upper, rule
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeNumber(lower, forKey: .lower)
        try container.encodeNumber(upper, forKey: .upper)
        try container.encode(rule, forKey: .rule)
    }
}

/// One seed's value of a statistic (e.g. a paired difference).
public struct SeedValue: Sendable, Codable, Equatable {
    public var seed: Int
    public var value: Double

    public init(seed: Int, value: Double) {
        self.seed = seed
        self.value = value
    }
}

/// One number a verdict rests on.
public struct VerdictStatistic: Sendable, Codable, Equatable {
    /// What it is, e.g. "mean paired difference" or "allocation_exponent_a".
    public var name: String
    /// Its value (nil when it could not be computed).
    public var value: Double?
    /// Unit, e.g. "bpb" (empty for dimensionless).
    public var unit: String
    /// The interval the call uses, if any.
    public var interval: StatisticInterval?
    /// Further intervals shown but not deciding (e.g. a bootstrap beside the t-interval).
    public var reportedIntervals: [StatisticInterval]
    /// The threshold it was judged against, if any.
    public var threshold: StatisticThreshold?
    /// Every seed's value, when the statistic is computed over seeds.
    public var perSeed: [SeedValue]
    /// The fit it comes from (its name in report.json), if any.
    public var fit: String?

    public init(name: String, value: Double?, unit: String = "", interval: StatisticInterval? = nil,
                reportedIntervals: [StatisticInterval] = [], threshold: StatisticThreshold? = nil,
                perSeed: [SeedValue] = [], fit: String? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.interval = interval
        self.reportedIntervals = reportedIntervals
        self.threshold = threshold
        self.perSeed = perSeed
        self.fit = fit
    }

    enum CodingKeys: String, CodingKey {
        case name, value, unit, interval, threshold, fit
        case reportedIntervals = "reported_intervals"
        case perSeed = "per_seed"
    }

    /// Every key is written (null when absent); non-finite numbers become null, and intervals or
    /// seed values that are not finite are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encodeNumber(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(interval?.finite, forKey: .interval)
        try container.encode(reportedIntervals.compactMap(\.finite), forKey: .reportedIntervals)
        try container.encode(threshold, forKey: .threshold)
        try container.encode(perSeed.filter(\.value.isFinite), forKey: .perSeed)
        try container.encode(fit, forKey: .fit)
    }
}
