// Gu et al.'s CMR law for the domain-loss change of continual pre-training: L_Δdom(T) = α₁·T^(s₁) + β₁.

/// L_Δdom(T) = α₁·T^(s₁) + β₁ with T > 0 the continual-pretraining tokens (or steps) and L_Δdom the
/// change of domain loss, fitted by nonlinear least squares. Parameters: "alpha1", "s1" (searched
/// over −3…3 for starts; its sign is free), "beta1".
public struct CMRDomainLaw: PowerTermLaw {
    public let name = "cmr-domain"

    public init() {}

    var series: PowerTermSeries {
        PowerTermSeries(termCount: 1, exponentGrid: stride(from: -3.0, through: 3.0, by: 0.02).map { $0 },
                        minimumExponentGap: 0, settings: LeastSquaresSettings())
    }

    let seriesParameters = [SeriesParameter(name: "alpha1", index: 1, sign: 1),
                            SeriesParameter(name: "s1", index: 2, sign: 1),
                            SeriesParameter(name: "beta1", index: 0, sign: 1)]

    let minimumPointCount = 4
    let quantityNames = (x: "tokens", y: "loss change")
}
