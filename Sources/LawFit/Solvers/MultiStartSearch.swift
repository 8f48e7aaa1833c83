// Multi-start minimisation: BFGS from every point of a grid, spread over threads, end points
// ranked deterministically.

/// The outcome of a multi-start search.
public struct MultiStartResult: Sendable {
    /// The end point of every start, in start order (nil when GSL refused the start).
    public let endPoints: [MinimizationResult?]
    /// Start indices with a finite end point, ordered by objective value, ties by start index.
    public let ranking: [Int]
    /// Starts whose BFGS run passed its gradient test.
    public let startsConverged: Int

    /// The best start's end point.
    public var best: MinimizationResult { endPoints[ranking[0]]! }
}

/// Minimises `objective` with BFGS from every start, on `threadCount` threads (one minimiser per
/// thread), and ranks the end points by objective value (ties: lower start index first). Every
/// start is computed identically on any thread, so the ranking does not depend on the thread count.
/// Throws `LawFitError.noUsableStart` when no end point is finite.
public func minimizeFromStarts(_ objective: DifferentiableObjective, starts: [[Double]], settings: BFGSSettings,
                               threadCount: Int, law: String) throws -> MultiStartResult {
    let results: [MinimizationResult?] = try parallelMap(
        count: starts.count, threadCount: threadCount,
        workerState: { try BFGSMinimizer(objective: objective) }
    ) { minimizer, index in
        try? minimizer.minimize(from: starts[index], settings: settings)
    }
    let ranking = results.indices.filter { index in
        guard let result = results[index] else { return false }
        return result.value.isFinite && result.point.allSatisfy(\.isFinite)
    }.sorted { (results[$0]!.value, $0) < (results[$1]!.value, $1) }
    guard !ranking.isEmpty else { throw LawFitError.noUsableStart(law: law, starts: starts.count) }
    return MultiStartResult(endPoints: results, ranking: ranking,
                            startsConverged: results.filter { $0?.status.isConverged == true }.count)
}
