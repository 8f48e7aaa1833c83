// Chang et al.'s data-equivalence law ℓ(x) = −a·x^(−b) + c, fitted to monolingual baselines
// (its inverse lives in DataEquivalenceCurve.swift).

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
