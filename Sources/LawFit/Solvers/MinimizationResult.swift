// Where a minimiser stopped, and whether its stopping test passed.

/// The end point of a minimisation.
public struct MinimizationResult: Sendable {
    /// θ at the end.
    public let point: [Double]
    /// f(θ) at the end.
    public let value: Double
    /// ‖∇f(θ)‖₂ at the end (nil for derivative-free methods).
    public let gradientNorm: Double?
    /// Iterations taken.
    public let iterations: Int
    /// Whether the stopping test passed.
    public let status: ConvergenceStatus
}
