// Chang et al.'s data-equivalence law ℓ(x) = −a·x^(−b) + c, fitted to monolingual baselines
// (its inverse lives in DataEquivalenceCurve.swift).

/// ℓ(x) = −a·x^(−b) + c with x = log₁₀(target-language bytes) > 0 and ℓ the relative
/// log-likelihood against a fixed baseline, fitted by nonlinear least squares on ℓ.
/// Parameters: "a", "b" (searched over 0.02…8 for starts), "c" (the asymptote as x → ∞).
public struct DataEquivalenceLaw: PowerTermLaw {
    public let name = "data-equivalence"

    public init() {}

    var series: PowerTermSeries {
        PowerTermSeries(termCount: 1, exponentGrid: stride(from: -8.0, through: -0.02, by: 0.02).map { $0 },
                        minimumExponentGap: 0, settings: LeastSquaresSettings())
    }

    let seriesParameters = [SeriesParameter(name: "a", index: 1, sign: -1),
                            SeriesParameter(name: "b", index: 2, sign: -1),
                            SeriesParameter(name: "c", index: 0, sign: 1)]

    let minimumPointCount = 4
    let quantityNames = (x: "log10 bytes", y: "relative log-likelihood")
}
