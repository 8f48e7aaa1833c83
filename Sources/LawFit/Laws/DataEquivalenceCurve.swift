// A fitted data-equivalence curve ℓ(x) = −a·x^(−b) + c and its exact inverse: the "equivalent
// monolingual data" of a multilingual model (Chang et al. 2023).
import Foundation

/// A fitted data-equivalence curve ℓ(x) = −a·x^(−b) + c (a, b > 0 for the usual increasing curve).
public struct DataEquivalenceCurve: Sendable, Codable, Equatable {
    public let a: Double
    public let b: Double
    public let c: Double

    public init(a: Double, b: Double, c: Double) {
        self.a = a
        self.b = b
        self.c = c
    }

    /// The curve of a `DataEquivalenceLaw` estimate.
    public init(_ estimate: LawEstimate) {
        self.init(a: estimate.value("a") ?? .nan, b: estimate.value("b") ?? .nan, c: estimate.value("c") ?? .nan)
    }

    /// ℓ(x) = −a·x^(−b) + c, for x = log₁₀ bytes > 0.
    public func relativeLogLikelihood(atLog10Bytes x: Double) -> Double {
        -a * pow(x, -b) + c
    }

    /// The exact inverse x(ℓ) = (a / (c − ℓ))^(1/b): the log₁₀ monolingual bytes whose curve value
    /// is ℓ. Throws `LawFitError.outsideDomain` when ℓ ≥ c (the curve never reaches its asymptote)
    /// or when a/(c − ℓ) ≤ 0.
    public func log10Bytes(forRelativeLogLikelihood value: Double) throws -> Double {
        guard value < c else {
            throw LawFitError.outsideDomain(quantity: "relative log-likelihood", value: value,
                                            bound: "must be below the asymptote c = \(c)")
        }
        let ratio = a / (c - value)
        guard ratio > 0, b != 0 else {
            throw LawFitError.outsideDomain(quantity: "relative log-likelihood", value: value,
                                            bound: "a/(c − ℓ) must be positive; a = \(a), b = \(b)")
        }
        return pow(ratio, 1 / b)
    }

    /// The percentage change of equivalent monolingual data relative to the bytes actually used:
    /// 100·(10^(x(ℓ) − x_actual) − 1). Positive means the model behaves as if trained on more data.
    public func equivalentDataChangePercent(relativeLogLikelihood value: Double,
                                            actualLog10Bytes: Double) throws -> Double {
        100 * (pow(10, try log10Bytes(forRelativeLogLikelihood: value) - actualLog10Bytes) - 1)
    }
}
