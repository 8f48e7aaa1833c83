// The LawFit speed benchmark: a 240-point Chinchilla fit over the full 4,500-start grid and a
// 1,000-resample bootstrap, timed.
import LawFit

/// What the benchmark measured.
public struct ChinchillaBenchmarkTimings: Sendable, Codable {
    /// Data points fitted.
    public let points: Int
    /// Starts in the grid.
    public let starts: Int
    /// Threads used.
    public let threadCount: Int
    /// Wall time of the full fit (start search + tight refit + Nelder–Mead confirmation), seconds.
    public let fitSeconds: Double
    /// Resamples requested.
    public let resamples: Int
    /// Wall time of the bootstrap, seconds.
    public let bootstrapSeconds: Double
    /// Resamples that failed to converge.
    public let failedResamples: Int
    /// The full-data fit (with bootstrap intervals).
    public let report: LawFitReport
}

/// Fits Hoffmann-like synthetic data (16 × 15 = 240 runs, 1 % log-normal noise, seeded) with the
/// Epoch grid, then bootstraps it, timing both with a monotonic clock.
public func runChinchillaBenchmark(resamples: Int = 1_000, seed: UInt64 = 2024,
                                   threadCount: Int = ThreadCount.available) throws -> ChinchillaBenchmarkTimings {
    let points = syntheticScalingObservations(truth: .hoffmann, logNoise: 0.01, seed: seed)
    let law = ChinchillaLaw(settings: ChinchillaSettings(huber: try HuberLoss(), threadCount: threadCount))
        .prepared(for: points)
    let clock = ContinuousClock()
    var estimate: LawEstimate?
    let fitDuration = try clock.measure { estimate = try law.fit(points) }
    var result: BootstrapResult?
    let bootstrapDuration = try clock.measure {
        result = try bootstrap(law, points: points, estimate: estimate!,
                               settings: BootstrapSettings(resamples: resamples, seed: seed, threadCount: threadCount))
    }
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
    return ChinchillaBenchmarkTimings(
        points: points.count, starts: law.settings.startGrid.starts.count, threadCount: threadCount,
        fitSeconds: seconds(fitDuration), resamples: resamples, bootstrapSeconds: seconds(bootstrapDuration),
        failedResamples: result!.failedResamples, report: LawFitReport(estimate: estimate!, bootstrap: result))
}
