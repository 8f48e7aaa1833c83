// Whether an iterative fit reached its stopping test, as a value reports can carry.

/// The outcome of an iterative solver. A fit that did not converge is a result, not an error:
/// its numbers are still reported, flagged with the reason.
public enum ConvergenceStatus: Sendable, Codable, Equatable, CustomStringConvertible {
    /// The stopping test passed; `criterion` names it (e.g. "gradient norm ≤ 1e-10 × initial").
    case converged(criterion: String)
    /// The solver stopped without passing its test; `reason` says why (iteration limit, stalled line search).
    case didNotConverge(reason: String)

    /// True for `.converged`.
    public var isConverged: Bool {
        if case .converged = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case let .converged(criterion): return "converged (\(criterion))"
        case let .didNotConverge(reason): return "did not converge (\(reason))"
        }
    }
}
