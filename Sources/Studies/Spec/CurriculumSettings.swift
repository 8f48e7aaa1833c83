// Settings of the `curriculum` study (STUDIES.md §2 and "Curriculum" under the tiny-scale
// protocols): a quality-scored, graded-corruption pool, orders, schedule arms with their final-LR
// ratios, checkpoint averaging, and verdict thresholds.

/// Checkpoint averaging of the last checkpoints of a run (spec key `protocol.averaging`).
public struct AveragingSettings: Sendable, Equatable, Codable {
    /// EMA weight of the newest checkpoint.
    public var emaAlpha: Double
    /// How many of the last checkpoints are averaged.
    public var checkpoints: Int
    /// Distance between averaged checkpoints as a fraction of the run.
    public var spacing: Double
    /// Also evaluate the simple (equal-weight) average.
    public var simpleAverage: Bool

    static func read(_ reader: MappingReader) -> AveragingSettings {
        defer { reader.finish() }
        return AveragingSettings(
            emaAlpha: reader.double("ema_alpha", default: 0.2, bound: .fractionAboveZero),
            checkpoints: reader.int("checkpoints", default: 6, bound: .within(2, 1000)),
            spacing: reader.double("spacing", default: 0.02, bound: .within(0.0001, 0.2)),
            simpleAverage: reader.bool("simple_average", default: true))
    }
}

public struct CurriculumSettings: Sendable, Equatable, Codable {
    /// Training pool, e.g. `fortunes:en`.
    public var corpus: String
    /// The quality model's reference: nil = a clean held-out fraction of the pool (`reference: self`),
    /// else a corpus name.
    public var referenceCorpus: String?
    /// Fraction of the pool's documents held out clean for the reference model (`reference: self`).
    public var referenceFraction: Double
    public var validationFraction: Double
    /// Corruption levels mixed into the pool (0 = clean); quality still comes from the metric.
    public var corruptionLevels: [Double]
    /// Order of the byte n-gram quality model.
    public var ngramOrder: Int
    /// The high-quality evaluation set: this top fraction of held-out documents by quality score.
    public var evaluationQualityFraction: Double
    /// Seed of corruption and of the budget subset, shared by every run (arms are paired by seed).
    public var dataSeed: Int
    /// Training tokens (bytes) per run: exactly one pass over a subset of this size.
    public var tokens: Int
    /// Orders compared under every schedule arm.
    public var orders: [DataOrder]
    /// Also train a descending-quality arm at constant LR (a sanity check: it should be worst).
    public var descendingControl: Bool
    /// Schedule families: `constant` (final ratio 1), `wsd` at every final ratio, `cosine`.
    public var schedules: [ScheduleKind]
    /// WSD final LR / peak LR, one arm each (r = 1 is the constant arm).
    public var finalRatios: [Double]
    /// Cosine final LR / peak LR.
    public var cosineFinalRatio: Double
    public var averaging: AveragingSettings
    /// δ: a paired difference must exceed this (bits per byte) to count.
    public var minimumEffectBitsPerByte: Double
    /// Verdict (iv): bootstrap probability that ascending's best final ratio is ≥ uniform's.
    public var bestRatioProbability: Double
    /// Sanity check: Spearman correlation of quality score and corruption level must reach this.
    public var minimumSpearman: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> CurriculumSettings {
        var reference = data.string("reference", default: "self", example: "self")
        if reference != "self", data.contains("reference") {
            reference = data.checkedCorpus(reference, at: data.childPath("reference"),
                                           extraAdvice: "; or `self` for a clean held-out part of the pool")
        }
        let settings = CurriculumSettings(
            corpus: data.corpus("corpus", default: "fortunes:en"),
            referenceCorpus: reference == "self" ? nil : reference,
            referenceFraction: data.double("reference_fraction", default: 0.15, bound: .openUnitInterval),
            validationFraction: data.double("validation_fraction", default: 0.1, bound: .openUnitInterval),
            corruptionLevels: data.doubles("corruption_levels", default: [0, 0.1, 0.3, 0.6], bound: .unitInterval),
            ngramOrder: data.int("ngram_order", default: 4, bound: .within(1, 8)),
            evaluationQualityFraction: data.double("evaluation_quality_fraction", default: 0.25, bound: .fractionAboveZero),
            dataSeed: data.int("data_seed", default: 0, bound: .nonNegative),
            tokens: protocolReader.int("tokens", default: nil, bound: .atLeast(1)),
            orders: protocolReader.choices("orders", default: [.uniform, .ascending]),
            descendingControl: protocolReader.bool("descending_control", default: false),
            schedules: protocolReader.choices("schedules", default: [.constant, .wsd]),
            finalRatios: protocolReader.doubles("final_ratios", default: [0], bound: .within(0, 0.9999)),
            cosineFinalRatio: protocolReader.double("cosine_final_ratio", default: 0, bound: .within(0, 0.9999)),
            averaging: AveragingSettings.read(protocolReader.mapping("averaging")),
            minimumEffectBitsPerByte: verdicts.double("minimum_effect_bpb", default: 0.005, bound: .nonNegative),
            bestRatioProbability: verdicts.double("best_ratio_probability", default: 0.9, bound: .openUnitInterval),
            minimumSpearman: verdicts.double("minimum_spearman", default: 0.5, bound: .within(-1, 1)))
        if !settings.orders.contains(.uniform) || !settings.orders.contains(.ascending) {
            protocolReader.diagnostics.report("found \(settings.orders.map(\.rawValue)); the claims compare uniform with ascending, so list both (add descending_control: true for the descending arm)",
                                              at: protocolReader.childPath("orders"))
        }
        if settings.orders.contains(.descending) {
            protocolReader.diagnostics.report("descending is trained at constant LR only, as a sanity check; remove it here and set descending_control: true",
                                              at: protocolReader.childPath("orders"))
        }
        if !settings.schedules.contains(.constant) {
            protocolReader.diagnostics.report("found \(settings.schedules.map(\.rawValue)); every claim starts from the constant-LR arm, so list constant",
                                              at: protocolReader.childPath("schedules"))
        }
        if settings.referenceCorpus != nil, data.contains("reference_fraction") {
            data.diagnostics.report("reference_fraction applies to `reference: self` only; remove it or set reference: self",
                                    at: data.childPath("reference_fraction"))
        }
        if settings.referenceCorpus == nil, settings.referenceFraction + settings.validationFraction >= 0.9 {
            data.diagnostics.report("reference_fraction + validation_fraction leave under 10 % of the pool to train on; lower them",
                                    at: data.childPath("reference_fraction"))
        }
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension CurriculumSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        [SpecBudget(keyPath: "protocol.tokens", bytes: tokens)]
    }

    func summary(_ spec: StudySpec) -> String {
        "\(spec.modelCountText) × \(arms.count) arms (\(arms.map(\.label).joined(separator: ", "))) on \(corpus)"
    }

    /// Each arm sets its own schedule family and final ratio.
    var scheduleKeysSetPerArm: [String] { ["kind", "final_ratio"] }

    func problems(_ spec: StudySpec) -> [SpecProblem] {
        scheduleKeysSetPerArm.filter(spec.training.schedule.explicitKeys.contains).map { key in
            SpecProblem(keyPath: "training.schedule.\(key)",
                        message: "the curriculum study sets each arm's schedule from protocol.schedules, protocol.final_ratios and protocol.cosine_final_ratio; remove training.schedule.\(key)")
        }
    }
}
