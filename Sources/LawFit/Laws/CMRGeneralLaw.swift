// Gu et al.'s CMR law for the general-loss change of continual pre-training:
// L_Δgen(T) = α₂·T^(s₂) + α₃·T^(s₃) + β₂.

/// L_Δgen(T) = α₂·T^(s₂) + α₃·T^(s₃) + β₂ with T > 0 the continual-pretraining tokens (or steps),
/// fitted by nonlinear least squares. The two terms are labelled so that s₂ < s₃ (the model is
/// symmetric under swapping them). Starts: exponent pairs from −2…2 in steps of 0.05, at least 0.1
/// apart. Parameters: "alpha2", "s2", "alpha3", "s3", "beta2".
public struct CMRGeneralLaw: FittableLaw {
    public let name = "cmr-general"

    public init() {}

    private var series: PowerTermSeries {
        PowerTermSeries(termCount: 2, exponentGrid: stride(from: -2.0, through: 2.0, by: 0.05).map { $0 },
                        minimumExponentGap: 0.1, settings: LeastSquaresSettings())
    }

    private static let names = [SeriesParameter(name: "alpha2", index: 1, sign: 1),
                                SeriesParameter(name: "s2", index: 2, sign: 1),
                                SeriesParameter(name: "alpha3", index: 3, sign: 1),
                                SeriesParameter(name: "s3", index: 4, sign: 1),
                                SeriesParameter(name: "beta2", index: 0, sign: 1)]

    public func fit(_ points: [CurvePoint]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 6, xName: "tokens", yName: "loss change",
                                positiveY: false)
        return try series.fit(x: points.map(\.x), y: points.map(\.y), weights: nil)
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func refit(_ points: [CurvePoint], from solverParameters: [Double]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 6, xName: "tokens", yName: "loss change",
                                positiveY: false)
        return try series.refit(x: points.map(\.x), y: points.map(\.y), weights: nil, from: solverParameters)
            .estimate(law: name, parameters: Self.names, pointsUsed: points.count)
    }

    public func predict(_ estimate: LawEstimate, at point: CurvePoint) -> Double {
        PowerTermSeries.value(estimate.solverParameters, at: point.x)
    }

    public func observedValue(of point: CurvePoint) -> Double { point.y }
}
