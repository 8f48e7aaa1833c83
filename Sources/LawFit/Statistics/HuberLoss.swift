// The Huber loss used by the robust (Approach 3) fits.

/// Huber's loss with threshold δ > 0:
/// H_δ(r) = r²/2 for |r| ≤ δ, and δ(|r| − δ/2) otherwise: quadratic near zero, linear in the tails,
/// so a few outlying runs pull the fit far less than in least squares.
public struct HuberLoss: Sendable, Equatable {
    /// δ, the residual size where the loss turns from quadratic to linear (log-loss units for Approach 3).
    public let delta: Double

    /// Throws `LawFitError.invalidSetting` unless δ is positive and finite.
    public init(delta: Double = 1e-3) throws {
        guard delta > 0, delta.isFinite else {
            throw LawFitError.invalidSetting(name: "huber-delta", value: "\(delta)",
                                             expectation: "a positive finite number such as 1e-3")
        }
        self.delta = delta
    }

    /// H_δ(r).
    @inline(__always)
    public func value(_ residual: Double) -> Double {
        let magnitude = abs(residual)
        return magnitude <= delta ? 0.5 * residual * residual : delta * (magnitude - 0.5 * delta)
    }

    /// H′_δ(r) = r for |r| ≤ δ, δ·sign(r) otherwise.
    @inline(__always)
    public func derivative(_ residual: Double) -> Double {
        residual > delta ? delta : (residual < -delta ? -delta : residual)
    }
}
