// Settings of the `curriculum` study (STUDIES.md §2): quality-scored data, orders, schedules,
// final-LR ratios, checkpoint averaging, and verdict thresholds.

/// Checkpoint averaging of the last checkpoints of a run (spec key `protocol.averaging`).
public struct AveragingSettings: Sendable, Equatable, Codable {
    /// EMA weight of the newest checkpoint.
    public var emaAlpha: Double
    /// How many of the last checkpoints are averaged.
    public var checkpoints: Int
    /// Also evaluate the simple (equal-weight) average.
    public var simpleAverage: Bool

    static func read(_ reader: MappingReader) -> AveragingSettings {
        defer { reader.finish() }
        return AveragingSettings(
            emaAlpha: reader.double("ema_alpha", default: 0.2, bound: .fractionAboveZero),
            checkpoints: reader.int("checkpoints", default: 6, bound: .within(2, 1000)),
            simpleAverage: reader.bool("simple_average", default: true))
    }
}

public struct CurriculumSettings: Sendable, Equatable, Codable {
    /// Training pool, e.g. `fortunes:en`.
    public var corpus: String
    /// Clean reference set the quality n-gram model is trained on.
    public var reference: String
    public var validationFraction: Double
    /// Corruption levels mixed into the pool (0 = clean); quality still comes from the metric.
    public var corruptionLevels: [Double]
    /// Order of the byte n-gram quality model.
    public var ngramOrder: Int
    /// Held-out evaluation uses the top fraction of validation documents by quality.
    public var evaluationQualityFraction: Double
    /// Training tokens (bytes) per run.
    public var tokens: Int
    public var orders: [DataOrder]
    public var schedules: [ScheduleKind]
    /// Final LR as a fraction of the peak for the decaying schedules (1 = no decay).
    public var finalRatios: [Double]
    public var averaging: AveragingSettings
    /// A difference smaller than this (bits per byte) counts as no difference.
    public var minimumEffectBitsPerByte: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> CurriculumSettings {
        let settings = CurriculumSettings(
            corpus: data.corpus("corpus", default: "fortunes:en"),
            reference: data.corpus("reference", default: "bible:web"),
            validationFraction: data.double("validation_fraction", default: 0.1, bound: .openUnitInterval),
            corruptionLevels: data.doubles("corruption_levels", default: [0, 0.1, 0.3, 0.6], bound: .unitInterval),
            ngramOrder: data.int("ngram_order", default: 4, bound: .within(1, 8)),
            evaluationQualityFraction: data.double("evaluation_quality_fraction", default: 0.25, bound: .fractionAboveZero),
            tokens: protocolReader.int("tokens", default: nil, bound: .atLeast(1)),
            orders: protocolReader.choices("orders", default: [.uniform, .ascending]),
            schedules: protocolReader.choices("schedules", default: [.constant, .cosine, .wsd]),
            finalRatios: protocolReader.doubles("final_ratios", default: [1, 1.0 / 3, 0.1, 0.01, 0], bound: .unitInterval),
            averaging: AveragingSettings.read(protocolReader.mapping("averaging")),
            minimumEffectBitsPerByte: verdicts.double("minimum_effect_bpb", default: 0.002, bound: .nonNegative))
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension CurriculumSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        [SpecBudget(keyPath: "protocol.tokens", bytes: tokens)]
    }
}
