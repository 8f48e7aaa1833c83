// The saturating power law L(x) = E + A·x^(−α) (irreducible loss E plus a decaying term).
import Foundation

/// L(x) = E + A·x^(−α), x > 0 (e.g. parameters or tokens), fitted by nonlinear least squares on L.
/// Parameters: "E" (the loss as x → ∞), "A", "alpha" (α, searched over 0.01…3 for starts).
public struct PowerLawWithOffset: PowerTermLaw {
    public let name = "power-law"
    /// Point weighting of the least-squares fit.
    public var weighting: CurveWeighting

    public init(weighting: CurveWeighting = .uniform) {
        self.weighting = weighting
    }

    var series: PowerTermSeries {
        PowerTermSeries(termCount: 1, exponentGrid: stride(from: -3.0, through: -0.01, by: 0.01).map { $0 },
                        minimumExponentGap: 0, settings: LeastSquaresSettings())
    }

    let seriesParameters = [SeriesParameter(name: "E", index: 0, sign: 1),
                            SeriesParameter(name: "A", index: 1, sign: 1),
                            SeriesParameter(name: "alpha", index: 2, sign: -1)]

    let minimumPointCount = 4
    let quantityNames = (x: "x", y: "loss")
    var requiresPositiveValues: Bool { weighting == .relative }

    func weights(for points: [CurvePoint]) -> [Double]? { weighting.weights(for: points) }
}
