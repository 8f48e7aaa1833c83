// Gu et al.'s CMR law for the general-loss change of continual pre-training:
// L_Δgen(T) = α₂·T^(s₂) + α₃·T^(s₃) + β₂.

/// L_Δgen(T) = α₂·T^(s₂) + α₃·T^(s₃) + β₂ with T > 0 the continual-pretraining tokens (or steps),
/// fitted by nonlinear least squares. The two terms are labelled so that s₂ < s₃ (the model is
/// symmetric under swapping them). Starts: exponent pairs from −2…2 in steps of 0.05, at least 0.1
/// apart. Parameters: "alpha2", "s2", "alpha3", "s3", "beta2".
public struct CMRGeneralLaw: PowerTermLaw {
    public let name = "cmr-general"

    public init() {}

    var series: PowerTermSeries {
        PowerTermSeries(termCount: 2, exponentGrid: stride(from: -2.0, through: 2.0, by: 0.05).map { $0 },
                        minimumExponentGap: 0.1, settings: LeastSquaresSettings())
    }

    let seriesParameters = [SeriesParameter(name: "alpha2", index: 1, sign: 1),
                            SeriesParameter(name: "s2", index: 2, sign: 1),
                            SeriesParameter(name: "alpha3", index: 3, sign: 1),
                            SeriesParameter(name: "s3", index: 4, sign: 1),
                            SeriesParameter(name: "beta2", index: 0, sign: 1)]

    let minimumPointCount = 6
    let quantityNames = (x: "tokens", y: "loss change")
}
