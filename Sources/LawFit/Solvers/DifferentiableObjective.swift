// A scalar objective f(θ) with an optional analytic gradient, in the allocation-free form the
// GSL minimisers call thousands of times per fit.

/// f: ℝᵖ → ℝ with gradient ∇f. `evaluate(θ, g)` returns f(θ) and, when `g` is non-nil, writes
/// ∇f(θ) into it (p entries). The closure must be pure: the same θ gives bit-identical results on
/// any thread, which is what makes multi-start and bootstrap results independent of thread count.
public struct DifferentiableObjective: Sendable {
    /// p, the number of parameters.
    public let dimension: Int
    /// Computes f(θ) and optionally ∇f(θ).
    public let evaluate: @Sendable (_ point: UnsafeBufferPointer<Double>,
                                    _ gradient: UnsafeMutableBufferPointer<Double>?) -> Double

    public init(dimension: Int,
                evaluate: @escaping @Sendable (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>?) -> Double) {
        self.dimension = dimension
        self.evaluate = evaluate
    }

    /// f(θ) for a Swift array.
    public func value(at point: [Double]) -> Double {
        point.withUnsafeBufferPointer { evaluate($0, nil) }
    }

    /// ∇f(θ) for a Swift array.
    public func gradient(at point: [Double]) -> [Double] {
        var gradient = [Double](repeating: 0, count: dimension)
        point.withUnsafeBufferPointer { pointBuffer in
            gradient.withUnsafeMutableBufferPointer { _ = evaluate(pointBuffer, $0) }
        }
        return gradient
    }

    /// The objective multiplied by a constant factor c > 0: c·f and c·∇f. Used to bring a
    /// tiny-valued objective to order one so that line searches and stopping tests behave.
    public func scaled(by factor: Double) -> DifferentiableObjective {
        let evaluate = self.evaluate
        return DifferentiableObjective(dimension: dimension) { point, gradient in
            let value = evaluate(point, gradient)
            if let gradient {
                for index in gradient.indices { gradient[index] *= factor }
            }
            return value * factor
        }
    }
}
