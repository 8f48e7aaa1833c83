// Synthetic training-run grids drawn from a known Chinchilla law, for benchmarks and known-answer tests.
import Foundation
import LawFit

/// True parameters of L(N, D) = E + A/N^α + B/D^β.
public struct ChinchillaTruth: Sendable, Codable, Equatable {
    public let E: Double
    public let A: Double
    public let B: Double
    public let alpha: Double
    public let beta: Double

    public init(E: Double, A: Double, B: Double, alpha: Double, beta: Double) {
        self.E = E
        self.A = A
        self.B = B
        self.alpha = alpha
        self.beta = beta
    }

    /// Hoffmann et al. (2022): E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28.
    public static let hoffmann = ChinchillaTruth(E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)

    /// L(N, D).
    public func loss(parameters: Double, tokens: Double) -> Double {
        E + A / pow(parameters, alpha) + B / pow(tokens, beta)
    }
}

/// Runs on a grid of `parameterCount` model sizes log-spaced over `parameterRange` and
/// `tokenCount` token budgets log-spaced over `tokenRange` (N outer, D inner), each with loss
/// L(N, D)·exp(ε), ε ~ Normal(0, σ = `logNoise`) drawn from MT19937 seeded with `seed`.
public func syntheticScalingObservations(truth: ChinchillaTruth, parameterCount: Int = 16, tokenCount: Int = 15,
                                         parameterRange: ClosedRange<Double> = 7e7...1.6e10,
                                         tokenRange: ClosedRange<Double> = 5e9...5e11,
                                         logNoise: Double, seed: UInt64) -> [ScalingObservation] {
    let generator = SeededRandomNumberGenerator(seed: seed)
    func logSpaced(_ range: ClosedRange<Double>, _ count: Int) -> [Double] {
        (0..<count).map { index in
            exp(log(range.lowerBound) + (log(range.upperBound) - log(range.lowerBound))
                * Double(index) / Double(max(count - 1, 1)))
        }
    }
    var observations: [ScalingObservation] = []
    for parameters in logSpaced(parameterRange, parameterCount) {
        for tokens in logSpaced(tokenRange, tokenCount) {
            let noise = logNoise > 0 ? generator.gaussian(standardDeviation: logNoise) : 0
            observations.append(ScalingObservation(parameters: parameters, tokens: tokens,
                                                   loss: truth.loss(parameters: parameters, tokens: tokens) * exp(noise)))
        }
    }
    return observations
}
