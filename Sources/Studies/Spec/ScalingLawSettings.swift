// Settings of the `scaling-law` study (STUDIES.md §1): data, grid, and verdict thresholds.

/// How each (N, D) point is trained.
public enum ScalingMethod: String, CaseIterable, Sendable, Codable {
    /// One run per (N, D) with a cosine schedule matched to its length.
    case cosine
    /// One constant-LR trunk per size with a short cooldown branch at each budget.
    case wsd
    /// Both, compared in the report.
    case both
}

public struct ScalingLawSettings: Sendable, Equatable, Codable {
    /// Training corpus source, e.g. `bible:kjv`.
    public var corpus: String
    /// Fraction of documents held out for validation.
    public var validationFraction: Double
    /// Training tokens (bytes) per run, D.
    public var tokenBudgets: [Int]
    /// IsoFLOP compute budgets C = 6ND in FLOPs; every model size is trained at each.
    public var isoFLOPBudgets: [Double]
    public var method: ScalingMethod
    /// WSD cooldown branch length as a fraction of its budget.
    public var cooldownFraction: Double
    /// Hold out the largest model, predict its losses from the rest, report the error.
    public var holdOutLargestModel: Bool
    /// Allowed range of the compute-optimal exponent a (Chinchilla/Epoch 0.46–0.51).
    public var allocationExponentRange: ClosedRange<Double>
    /// Loss rises smaller than this (bits per byte) do not break monotonicity.
    public var monotonicToleranceBitsPerByte: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> ScalingLawSettings {
        let range = verdicts.doubles("allocation_exponent", default: [0.35, 0.65], bound: .unitInterval, minimumCount: 2)
        if range.count != 2 || range[0] >= range[1] {
            verdicts.diagnostics.report("expected two increasing numbers [low, high], e.g. [0.35, 0.65]",
                                        at: verdicts.childPath("allocation_exponent"))
        }
        let settings = ScalingLawSettings(
            corpus: data.corpus("corpus", default: "fortunes:en"),
            validationFraction: data.double("validation_fraction", default: 0.05, bound: .openUnitInterval),
            tokenBudgets: protocolReader.ints("token_budgets", default: nil, bound: .atLeast(1)),
            isoFLOPBudgets: protocolReader.doubles("isoflop_budgets", default: [], bound: .positive, minimumCount: 0),
            method: protocolReader.choice("method", default: .both),
            cooldownFraction: protocolReader.double("cooldown_fraction", default: 0.2, bound: .openUnitInterval),
            holdOutLargestModel: protocolReader.bool("hold_out_largest", default: true),
            allocationExponentRange: range.count == 2 && range[0] < range[1] ? range[0]...range[1] : 0.35...0.65,
            monotonicToleranceBitsPerByte: verdicts.double("monotonic_tolerance_bpb", default: 0.01, bound: .nonNegative))
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}
