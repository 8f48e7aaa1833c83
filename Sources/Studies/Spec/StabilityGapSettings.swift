// Settings of the `stability-gap` study (STUDIES.md §3 and "Stability gap" under the tiny-scale
// protocols): a cached base model per size and seed, continual-pretraining arms that vary one factor
// at a time around a reference arm, mixture ratios for the critical mixture ratio, dense evaluation
// after the switch, and verdict thresholds.

/// The arm families of a stability-gap study, each varying one factor around the reference arm R0
/// (one pass over domain data, 1× peak, the reference re-warm-up).
public enum ContinualArmFamily: String, CaseIterable, Sendable, Codable {
    /// Peak learning rates other than 1× (`peak_multipliers`).
    case peak
    /// No re-warming: a constant LR at the base's final LR.
    case noRewarm = "no-rewarm"
    /// Re-warm-up lengths other than the reference (`warmup_fractions`).
    case warmup
    /// Re-warming on the general data itself (Gupta et al.: the rise without a data shift).
    case sameData = "same-data"
    /// Strategy I: a domain subset read for several epochs.
    case subset
    /// Strategy II: the highest-quality domain subset, read for several epochs.
    case highQuality = "high-quality"
    /// Strategy III: replay of general data.
    case replay
    /// I + II + III together.
    case combined
    /// One pass at `full_budget_multiple` × the tokens (the "full budget" arm).
    case fullBudget = "full-budget"
    /// Domain/general mixtures at `mixture_ratios`, for the critical mixture ratio.
    case ratios
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

    /// Evaluation steps of a continual run of `steps` steps: 0 (before the first update), every
    /// `denseEvery` of the run up to `denseUntil`, then every `sparseEvery`, and the last step.
    func steps(totalSteps steps: Int) -> [Int] {
        var fractions: [Double] = []
        var fraction = denseEvery
        while fraction <= denseUntil + 1e-9 {
            fractions.append(fraction)
            fraction += denseEvery
        }
        fraction = denseUntil + sparseEvery
        while fraction < 1 + 1e-9 {
            fractions.append(fraction)
            fraction += sparseEvery
        }
        let points = fractions.map { max(1, min(steps, Int(($0 * Double(steps)).rounded()))) }
        return Array(Set([0, steps] + points)).sorted()
    }
}

public struct StabilityGapSettings: Sendable, Equatable, Codable {
    /// General corpus of the base model, e.g. `fortunes:en`.
    public var general: String
    /// Domain corpus of continual pretraining, e.g. `bible:kjv`.
    public var domain: String
    /// Task proxy: held-out documents needing both abilities, e.g. `bible:web`.
    public var task: String
    /// Corpus the quality n-gram learns from; the high-quality subset is the domain documents it scores best.
    public var qualityReference: String
    public var ngramOrder: Int
    public var validationFraction: Double
    /// Seed of the domain subsets, shared by every run.
    public var dataSeed: Int
    /// Tokens of the (cached) base pretraining run.
    public var pretrainTokens: Int
    /// Tokens of each continual-pretraining arm.
    public var continualTokens: Int
    /// Final LR / peak of the base's cosine schedule (its LR when continual pretraining starts).
    public var baseFinalRatio: Double
    /// Final LR / peak of every continual cosine schedule.
    public var continualFinalRatio: Double
    /// The reference arm's re-warm-up as a fraction of the continual budget.
    public var referenceWarmup: Double
    /// Arm families trained around the reference arm.
    public var arms: [ContinualArmFamily]
    /// Models that train every arm; the others train only the ratio arms (empty = every model).
    public var armModels: [String]
    /// Re-warm-up lengths of the `warmup` arms.
    public var warmupFractions: [Double]
    /// Peak multiples of the `peak` arms (of the pretraining peak).
    public var peakMultipliers: [Double]
    /// The subset of strategies I and II as a fraction of the continual tokens, and its epochs.
    public var subsetFraction: Double
    public var subsetEpochs: Int
    /// Share of general data replayed by strategy III.
    public var replayRatio: Double
    /// Tokens of the full-budget arm as a multiple of the continual tokens.
    public var fullBudgetMultiple: Double
    /// Domain shares R of the ratio arms (R = 1 is the reference arm).
    public var mixtureRatios: [Double]
    public var evaluation: DenseEvaluationSettings
    /// A gap must exceed this (bits per byte), and losses that count as recovered may exceed the switch value by it.
    public var minimumGapBitsPerByte: Double
    /// Margin of equivalence claims (bits per byte).
    public var equivalenceMarginBitsPerByte: Double
    /// Largest tolerated rise of general loss (bits per byte) for the critical mixture ratio.
    public var epsilonBitsPerByte: Double
    /// Gap depth is the largest rise over this first fraction of the run.
    public var gapWindow: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> StabilityGapSettings {
        let settings = StabilityGapSettings(
            general: data.corpus("general", default: "fortunes:en"),
            domain: data.corpus("domain", default: "bible:kjv"),
            task: data.corpus("task", default: "bible:web"),
            qualityReference: data.corpus("quality_reference", default: "bible:web"),
            ngramOrder: data.int("ngram_order", default: 4, bound: .within(1, 8)),
            validationFraction: data.double("validation_fraction", default: 0.05, bound: .openUnitInterval),
            dataSeed: data.int("data_seed", default: 0, bound: .nonNegative),
            pretrainTokens: protocolReader.int("pretrain_tokens", default: nil, bound: .atLeast(1)),
            continualTokens: protocolReader.int("continual_tokens", default: nil, bound: .atLeast(1)),
            baseFinalRatio: protocolReader.double("base_final_ratio", default: 0.1, bound: .unitInterval),
            continualFinalRatio: protocolReader.double("continual_final_ratio", default: 0.1, bound: .unitInterval),
            referenceWarmup: protocolReader.double("reference_warmup", default: 0.01, bound: .within(0, 0.5)),
            arms: protocolReader.choices("arms", default: ContinualArmFamily.allCases, minimumCount: 0),
            armModels: protocolReader.strings("arm_models", default: [], minimumCount: 0),
            warmupFractions: protocolReader.doubles("warmup_fractions", default: [0, 0.005, 0.02], bound: .within(0, 0.5)),
            peakMultipliers: protocolReader.doubles("peak_multipliers", default: [0.5, 2], bound: .positive),
            subsetFraction: protocolReader.double("subset_fraction", default: 0.25, bound: .openUnitInterval),
            subsetEpochs: protocolReader.int("subset_epochs", default: 4, bound: .within(1, 100)),
            replayRatio: protocolReader.double("replay_ratio", default: 0.25, bound: .openUnitInterval),
            fullBudgetMultiple: protocolReader.double("full_budget_multiple", default: 2.5, bound: .within(1.01, 100)),
            mixtureRatios: protocolReader.doubles("mixture_ratios", default: [0.125, 0.25, 1.0 / 3, 0.5, 0.75, 1], bound: .fractionAboveZero),
            evaluation: DenseEvaluationSettings.read(protocolReader.mapping("evaluation")),
            minimumGapBitsPerByte: verdicts.double("minimum_gap_bpb", default: 0.01, bound: .nonNegative),
            equivalenceMarginBitsPerByte: verdicts.double("equivalence_margin_bpb", default: 0.01, bound: .positive),
            epsilonBitsPerByte: verdicts.double("epsilon_bpb", default: 0.02, bound: .positive),
            gapWindow: verdicts.double("gap_window", default: 0.3, bound: .fractionAboveZero))
        if Set(settings.arms).count != settings.arms.count {
            protocolReader.diagnostics.report("found \(settings.arms.map(\.rawValue)); name each arm family once", at: protocolReader.childPath("arms"))
        }
        if settings.general == settings.domain {
            data.diagnostics.report("general and domain are both \(settings.domain); continual pretraining needs a different domain corpus",
                                    at: data.childPath("domain"))
        }
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension StabilityGapSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        [SpecBudget(keyPath: "protocol.pretrain_tokens", bytes: pretrainTokens),
         SpecBudget(keyPath: "protocol.continual_tokens", bytes: continualTokens),
         SpecBudget(keyPath: "protocol.subset_fraction", bytes: Int(subsetFraction * Double(continualTokens)), requirement: .longerThanContext)]
    }

    /// Each arm sets its own schedule.
    var scheduleKeysSetPerArm: [String] { ["kind", "final_ratio", "decay_fraction", "decay_shape"] }

    /// Model names in `arm_models` must exist, and the schedule keys set per arm must be left out.
    func problems(_ spec: StudySpec) -> [SpecProblem] {
        var problems = scheduleKeysSetPerArm.filter(spec.training.schedule.explicitKeys.contains).map { key in
            SpecProblem(keyPath: "training.schedule.\(key)",
                        message: "the stability-gap study schedules the base with a cosine to protocol.base_final_ratio and each continual arm with a cosine to protocol.continual_final_ratio; remove training.schedule.\(key)")
        }
        let names = Set(spec.models.map(\.name))
        for (index, name) in armModels.enumerated() where !names.contains(name) {
            problems.append(SpecProblem(keyPath: "protocol.arm_models[\(index)]",
                                        message: "found '\(name)', which is not a model of this spec\(Suggestion.phrase(for: name, among: Array(names))); use one of \(names.sorted().joined(separator: ", "))"))
        }
        return problems
    }

    func summary(_ spec: StudySpec) -> String {
        "\(spec.modelCountText), base on \(general), continual on \(domain), arms \(arms.map(\.rawValue).joined(separator: ", "))"
    }
}
