// The mean over seeds of one arm's per-seed values with its t-interval, for tables and error bars.
import LawFit

/// Mean and t-interval of per-seed values (e.g. an arm's final losses in bits per byte).
struct SeedSummary: Sendable {
    var mean: Double
    /// Nil with fewer than two seeds.
    var interval: ConfidenceInterval?

    /// Nil when `values` is empty or not finite.
    init?(_ values: [Int: Double], level: Double) {
        guard let statistics = try? PairedDifferences(differencesBySeed: values), let mean = statistics.mean else { return nil }
        self.mean = mean
        interval = try? statistics.tInterval(level: level)
    }

    /// `3.1343 [2.9939, 3.2748]`, or `–` without values.
    static func cell(_ values: [Int: Double], level: Double) -> String {
        guard let summary = SeedSummary(values, level: level) else { return "–" }
        var text = String(format: "%.4f", summary.mean)
        if let interval = summary.interval { text += String(format: " [%.4f, %.4f]", interval.lower, interval.upper) }
        return text
    }
}
