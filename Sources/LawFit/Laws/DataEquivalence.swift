// Chang et al.'s data-equivalence curve ℓ(x) = −a·x^(−b) + c and its exact inverse, which turns a
// multilingual model's relative log-likelihood into "equivalent monolingual data".
import Foundation

/// ℓ(x) = −a·x^(−b) + c with x = log₁₀(target-language bytes) > 0 and ℓ the relative
/// log-likelihood against a fixed baseline, fitted by nonlinear least squares on ℓ.
/// Parameters: "a", "b" (searched over 0.02…8 for starts), "c" (the asymptote as x → ∞).
public struct DataEquivalenceLaw: FittableLaw {
    public let name = "data-equivalence"

    public init() {}

    private var series: PowerTermSeries {
        PowerTermSeries(termCount: 1, exponentGrid: stride(from: -8.0, through: -0.02, by: 0.02).map { $0 },
                        minimumExponentGap: 0, settings: LeastSquaresSettings())
    }

    private static let names = [SeriesParameter(name: "a", index: 1, sign: -1),
                                SeriesParameter(name: "b", index: 2, sign: -1),
                                SeriesParameter(name: "c", index: 0, sign: 1)]

    public func fit(_ points: [CurvePoint]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 4, xName: "log10 bytes",
                                yName: "relative log-likelihood", positiveY: false)
        return try series.fit(x: points.map(\.x), y: points.map(\.y), weights: nil)
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func refit(_ points: [CurvePoint], from solverParameters: [Double]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 4, xName: "log10 bytes",
                                yName: "relative log-likelihood", positiveY: false)
        return try series.refit(x: points.map(\.x), y: points.map(\.y), weights: nil, from: solverParameters)
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func predict(_ estimate: LawEstimate, at point: CurvePoint) -> Double {
        PowerTermSeries.value(estimate.solverParameters, at: point.x)
    }

    public func observedValue(of point: CurvePoint) -> Double { point.y }
}

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
