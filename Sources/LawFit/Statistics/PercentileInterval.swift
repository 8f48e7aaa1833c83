// Percentile confidence intervals from a bootstrap distribution.

/// A two-sided interval [lower, upper] at a confidence level (e.g. 0.95).
public struct ConfidenceInterval: Sendable, Codable, Equatable {
    public let lower: Double
    public let upper: Double
    /// The nominal coverage, e.g. 0.95.
    public let level: Double

    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// True when lower ≤ value ≤ upper.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// The q-quantile (0 ≤ q ≤ 1) of `sortedValues` with linear interpolation between order statistics
/// (position q·(n − 1), the "type 7" rule of R and NumPy). Nil for an empty sample.
public func quantile(ofSorted sortedValues: [Double], _ q: Double) -> Double? {
    guard !sortedValues.isEmpty else { return nil }
    let position = q * Double(sortedValues.count - 1)
    let lowerIndex = Int(position.rounded(.down))
    let upperIndex = min(lowerIndex + 1, sortedValues.count - 1)
    let fraction = position - Double(lowerIndex)
    return sortedValues[lowerIndex] + fraction * (sortedValues[upperIndex] - sortedValues[lowerIndex])
}

/// The percentile interval at `level`: the (1 − level)/2 and (1 + level)/2 quantiles of the
/// finite values of `sample`. Nil when fewer than two finite values remain.
public func percentileInterval(of sample: [Double], level: Double) -> ConfidenceInterval? {
    let sorted = sample.filter(\.isFinite).sorted()
    guard sorted.count >= 2,
          let lower = quantile(ofSorted: sorted, (1 - level) / 2),
          let upper = quantile(ofSorted: sorted, (1 + level) / 2) else { return nil }
    return ConfidenceInterval(lower: lower, upper: upper, level: level)
}
