// The saturating power law L(x) = E + A·x^(−α) (irreducible loss E plus a decaying term).
import Foundation

/// L(x) = E + A·x^(−α), x > 0 (e.g. parameters or tokens), fitted by nonlinear least squares on L.
/// Parameters: "E" (the loss as x → ∞), "A", "alpha" (α, searched over 0.01…3 for starts).
public struct PowerLawWithOffset: FittableLaw {
    public let name = "power-law"
    /// Point weighting of the least-squares fit.
    public var weighting: CurveWeighting

    public init(weighting: CurveWeighting = .uniform) {
        self.weighting = weighting
    }

    private var series: PowerTermSeries {
        PowerTermSeries(termCount: 1, exponentGrid: stride(from: -3.0, through: -0.01, by: 0.01).map { $0 },
                        minimumExponentGap: 0, settings: LeastSquaresSettings())
    }

    private static let names = [SeriesParameter(name: "E", index: 0, sign: 1),
                                SeriesParameter(name: "A", index: 1, sign: 1),
                                SeriesParameter(name: "alpha", index: 2, sign: -1)]

    public func fit(_ points: [CurvePoint]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 4, xName: "x", yName: "loss",
                                positiveY: weighting == .relative)
        return try series.fit(x: points.map(\.x), y: points.map(\.y), weights: weighting.weights(for: points))
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func refit(_ points: [CurvePoint], from solverParameters: [Double]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 4, xName: "x", yName: "loss",
                                positiveY: weighting == .relative)
        return try series.refit(x: points.map(\.x), y: points.map(\.y), weights: weighting.weights(for: points),
                                from: solverParameters)
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func predict(_ estimate: LawEstimate, at point: CurvePoint) -> Double {
        PowerTermSeries.value(estimate.solverParameters, at: point.x)
    }

    public func observedValue(of point: CurvePoint) -> Double { point.y }
}
