// Settings of the `stability-gap` study (STUDIES.md §3): base pretraining, continual-pretraining
// arms, mixture ratios for the CMR law, dense evaluation, and verdict thresholds.

/// Continual-pretraining data strategies compared at equal token budget.
public enum ContinualStrategy: String, CaseIterable, Sendable, Codable {
    /// (a) One pass over the full domain corpus.
    case fullPass = "full-pass"
    /// (I) A small domain subset for several epochs.
    case subsetEpochs = "subset-epochs"
    /// (II) The highest-quality domain subset.
    case highQuality = "high-quality"
    /// (III) Replay of general data at the pretraining mixture.
    case replay
    /// I + II + III together.
    case combined
}

/// When held-out losses are measured during continual pretraining (spec key `protocol.evaluation`).
public struct DenseEvaluationSettings: Sendable, Equatable, Codable {
    /// Evaluate densely until this fraction of the continual budget.
    public var denseUntil: Double
    /// Spacing of the dense evaluations, as a fraction of the budget.
    public var denseEvery: Double
    /// Spacing afterwards.
    public var sparseEvery: Double

    static func read(_ reader: MappingReader) -> DenseEvaluationSettings {
        defer { reader.finish() }
        return DenseEvaluationSettings(
            denseUntil: reader.double("dense_until", default: 0.1, bound: .fractionAboveZero),
            denseEvery: reader.double("dense_every", default: 0.01, bound: .fractionAboveZero),
            sparseEvery: reader.double("sparse_every", default: 0.05, bound: .fractionAboveZero))
    }
}

public struct StabilityGapSettings: Sendable, Equatable, Codable {
    /// General corpus of the base model, e.g. `fortunes:en`.
    public var general: String
    /// Domain corpus of continual pretraining, e.g. `bible:kjv`.
    public var domain: String
    public var validationFraction: Double
    /// Tokens of the (cached) base pretraining run.
    public var pretrainTokens: Int
    /// Tokens of each continual-pretraining arm.
    public var continualTokens: Int
    /// Re-warm-up lengths as fractions of the continual budget.
    public var warmupFractions: [Double]
    /// Continual peak LRs as multiples of the pretraining peak.
    public var peakMultipliers: [Double]
    public var strategies: [ContinualStrategy]
    /// Size of the subset used by `subset-epochs` and `high-quality`, as a fraction of the domain corpus.
    public var subsetFraction: Double
    /// Share of general data replayed in `replay` and `combined`.
    public var replayRatio: Double
    /// Domain mixture ratios R for the CMR law.
    public var mixtureRatios: [Double]
    public var evaluation: DenseEvaluationSettings
    /// Largest tolerated rise of general loss (bits per byte) for the critical mixture ratio.
    public var epsilonBitsPerByte: Double
    /// A gap shallower than this (bits per byte) counts as no gap.
    public var minimumGapBitsPerByte: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> StabilityGapSettings {
        let settings = StabilityGapSettings(
            general: data.corpus("general", default: "fortunes:en"),
            domain: data.corpus("domain", default: "bible:kjv"),
            validationFraction: data.double("validation_fraction", default: 0.05, bound: .openUnitInterval),
            pretrainTokens: protocolReader.int("pretrain_tokens", default: nil, bound: .atLeast(1)),
            continualTokens: protocolReader.int("continual_tokens", default: nil, bound: .atLeast(1)),
            warmupFractions: protocolReader.doubles("warmup_fractions", default: [0, 0.005, 0.01, 0.02], bound: .within(0, 0.5)),
            peakMultipliers: protocolReader.doubles("peak_multipliers", default: [1, 2, 4], bound: .positive),
            strategies: protocolReader.choices("strategies", default: ContinualStrategy.allCases),
            subsetFraction: protocolReader.double("subset_fraction", default: 0.1, bound: .openUnitInterval),
            replayRatio: protocolReader.double("replay_ratio", default: 0.25, bound: .openUnitInterval),
            mixtureRatios: protocolReader.doubles("mixture_ratios", default: [0.125, 0.25, 1.0 / 3, 0.5, 0.75, 1], bound: .fractionAboveZero),
            evaluation: DenseEvaluationSettings.read(protocolReader.mapping("evaluation")),
            epsilonBitsPerByte: verdicts.double("epsilon_bpb", default: 0.02, bound: .positive),
            minimumGapBitsPerByte: verdicts.double("minimum_gap_bpb", default: 0.005, bound: .nonNegative))
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension StabilityGapSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        [SpecBudget(keyPath: "protocol.pretrain_tokens", bytes: pretrainTokens),
         SpecBudget(keyPath: "protocol.continual_tokens", bytes: continualTokens)]
    }

    func summary(_ spec: StudySpec) -> String {
        "\(spec.modelCountText), \(strategies.count) strategies, \(peakMultipliers.count) peak LRs, \(warmupFractions.count) warm-ups, \(general) → \(domain)"
    }
}
