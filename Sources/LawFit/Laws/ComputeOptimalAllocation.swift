// Compute-optimal model and data sizes implied by a fitted Chinchilla law.
import Foundation

/// For L(N, D) = E + A/N^α + B/D^β under the budget C = 6ND, minimising L gives
/// N_opt(C) = G·(C/6)^a and D_opt(C) = G⁻¹·(C/6)^b with a = β/(α+β), b = α/(α+β),
/// G = (αA/(βB))^(1/(α+β)). N in parameters, D in tokens, C in FLOPs.
public struct ComputeOptimalAllocation: Sendable, Codable, Equatable {
    /// a = β/(α+β), the exponent of N_opt in C.
    public let parameterExponent: Double
    /// b = α/(α+β), the exponent of D_opt in C (a + b = 1).
    public let tokenExponent: Double
    /// G = (αA/(βB))^(1/(α+β)).
    public let scale: Double

    /// The allocation of the law with coefficients A, B and exponents α, β (all positive for a finite G).
    public init(coefficientA: Double, coefficientB: Double, alpha: Double, beta: Double) {
        parameterExponent = beta / (alpha + beta)
        tokenExponent = alpha / (alpha + beta)
        scale = exp((log(alpha * coefficientA) - log(beta * coefficientB)) / (alpha + beta))
    }

    /// N_opt(C) = G·(C/6)^a, parameters.
    public func optimalParameters(compute: Double) -> Double {
        scale * pow(compute / 6, parameterExponent)
    }

    /// D_opt(C) = G⁻¹·(C/6)^b, tokens.
    public func optimalTokens(compute: Double) -> Double {
        pow(compute / 6, tokenExponent) / scale
    }
}
