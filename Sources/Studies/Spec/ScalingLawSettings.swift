// Settings of the `scaling-law` study (STUDIES.md §1 and "Scaling law: making E and the IsoFLOP
// minima identifiable"): data pool and its epoch cap, grid, IsoFLOP placement, verdict thresholds.
import Foundation

/// How each (N, D) point is trained.
public enum ScalingMethod: String, CaseIterable, Sendable, Codable {
    /// One run per (N, D) with a cosine schedule matched to its length.
    case cosine
    /// One constant-LR trunk per size with a short cooldown branch at each budget.
    case wsd
    /// Both, compared in the report.
    case both
}

/// Where the IsoFLOP sizes are centred: a pilot estimate of the compute-optimal size,
/// N*(C) = parameters · (C / compute)^exponent (spec key `protocol.isoflop_pilot`).
public struct IsoFLOPPilot: Sendable, Equatable, Codable {
    /// Compute C₀ in FLOPs at which the pilot optimum is known.
    public var compute: Double
    /// The pilot optimum N*(C₀), all parameters.
    public var parameters: Double
    /// How N* grows with C (Chinchilla and Epoch: about 0.5).
    public var exponent: Double

    public init(compute: Double, parameters: Double, exponent: Double) {
        self.compute = compute
        self.parameters = parameters
        self.exponent = exponent
    }

    /// The pilot optimum at `budget` FLOPs.
    public func optimalParameters(compute budget: Double) -> Double {
        parameters * pow(budget / compute, exponent)
    }
}

/// A cap on the token budgets of large models (spec key `protocol.token_limit`): models with more
/// than `aboveParameters` parameters train only the budgets up to `tokens` (their plateau comes
/// sooner, and their runs are the slowest).
public struct TokenLimit: Sendable, Equatable, Codable {
    public var aboveParameters: Int
    public var tokens: Int

    public init(aboveParameters: Int, tokens: Int) {
        self.aboveParameters = aboveParameters
        self.tokens = tokens
    }
}

/// A per-size sweep of the peak learning rate (spec key `protocol.learning_rate_sweep`): each
/// model trains `tokens` bytes with a cosine schedule at each multiple of `training.optimizer.
/// learning_rate`, and every other run of that size uses the multiple with the lowest final loss.
public struct LearningRateSweep: Sendable, Equatable, Codable {
    /// Multiples of the spec's peak learning rate, increasing.
    public var multipliers: [Double]
    /// Training bytes of each sweep run.
    public var tokens: Int

    public init(multipliers: [Double], tokens: Int) {
        self.multipliers = multipliers
        self.tokens = tokens
    }
}

public struct ScalingLawSettings: Sendable, Equatable, Codable {
    /// The training pool's sources, e.g. `[bible:kjv, bible:web]`, read as one pool: each source
    /// whole, drawn in proportion to its size.
    public var corpora: [String]
    /// Fraction of documents held out for validation.
    public var validationFraction: Double
    /// Most passes over the pool a run may make (Muennighoff et al. 2023: up to 4 epochs repeated
    /// data is about as good as unique); a run that needs more is refused before it trains.
    public var maximumEpochs: Int
    /// Training tokens (bytes) per run, D.
    public var tokenBudgets: [Int]
    /// The budgets large models skip; nil = every model trains every budget.
    public var tokenLimit: TokenLimit?
    /// IsoFLOP compute budgets C = (6N + 12·L·T·d)·D in FLOPs.
    public var isoFLOPBudgets: [Double]
    /// Centre of each budget's sizes; nil = the geometric middle of the model range.
    public var isoFLOPPilot: IsoFLOPPilot?
    /// Seeds of the IsoFLOP runs (the vertex interval comes from them); nil = the spec's seeds.
    public var isoFLOPSeeds: [Int]?
    /// Model sizes per IsoFLOP budget.
    public var isoFLOPSizeCount: Int
    /// Ratio of neighbouring IsoFLOP sizes' parameter counts.
    public var isoFLOPSizeRatio: Double
    /// The per-size learning-rate sweep; nil = every size trains at `training.optimizer.learning_rate`.
    public var learningRateSweep: LearningRateSweep?
    public var method: ScalingMethod
    /// WSD cooldown branch length as a fraction of its budget.
    public var cooldownFraction: Double
    /// Hold out the largest model, predict its losses from the rest, report the error.
    public var holdOutLargestModel: Bool
    /// Allowed range of the compute-optimal exponent a (Chinchilla/Epoch 0.46–0.51).
    public var allocationExponentRange: ClosedRange<Double>
    /// Loss rises smaller than this (bits per byte) do not break monotonicity.
    public var monotonicToleranceBitsPerByte: Double
    /// E is identified when its interval excludes 0 and is narrower than this fraction of E.
    public var offsetRelativeWidth: Double
    /// The held-out largest model must be predicted within this relative error.
    public var heldOutRelativeError: Double

    /// The token budgets a model with `parameters` parameters trains, increasing.
    public func tokenBudgets(parameters: Int) -> [Int] {
        let budgets = tokenBudgets.sorted()
        guard let tokenLimit, parameters > tokenLimit.aboveParameters else { return budgets }
        return budgets.filter { $0 <= tokenLimit.tokens }
    }

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> ScalingLawSettings {
        let range = verdicts.doubles("allocation_exponent", default: [0.35, 0.65], bound: .unitInterval, minimumCount: 2)
        if range.count != 2 || range[0] >= range[1] {
            verdicts.diagnostics.report("expected two increasing numbers [low, high], e.g. [0.35, 0.65]",
                                        at: verdicts.childPath("allocation_exponent"))
        }
        let settings = ScalingLawSettings(
            corpora: readCorpora(data),
            validationFraction: data.double("validation_fraction", default: 0.05, bound: .openUnitInterval),
            maximumEpochs: data.int("max_epochs", default: 4, bound: .within(1, 4)),
            tokenBudgets: protocolReader.ints("token_budgets", default: nil, bound: .atLeast(1)),
            tokenLimit: readTokenLimit(protocolReader),
            isoFLOPBudgets: protocolReader.doubles("isoflop_budgets", default: [], bound: .positive, minimumCount: 0),
            isoFLOPPilot: readPilot(protocolReader),
            isoFLOPSeeds: protocolReader.contains("isoflop_seeds")
                ? protocolReader.ints("isoflop_seeds", default: nil, bound: .nonNegative)
                : optionalKey(protocolReader, "isoflop_seeds"),
            isoFLOPSizeCount: protocolReader.int("isoflop_sizes", default: 5, bound: .within(3, 9)),
            isoFLOPSizeRatio: protocolReader.double("isoflop_size_ratio", default: 1.6, bound: .within(1.1, 4)),
            learningRateSweep: readSweep(protocolReader),
            method: protocolReader.choice("method", default: .both),
            cooldownFraction: protocolReader.double("cooldown_fraction", default: 0.2, bound: .openUnitInterval),
            holdOutLargestModel: protocolReader.bool("hold_out_largest", default: true),
            allocationExponentRange: range.count == 2 && range[0] < range[1] ? range[0]...range[1] : 0.35...0.65,
            monotonicToleranceBitsPerByte: verdicts.double("monotonic_tolerance_bpb", default: 0.01, bound: .nonNegative),
            offsetRelativeWidth: verdicts.double("offset_relative_width", default: 0.25, bound: .openUnitInterval),
            heldOutRelativeError: verdicts.double("held_out_relative_error", default: 0.02, bound: .openUnitInterval))
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }

    /// `data.corpus` (one source) or `data.corpora` (a pool of several), not both.
    private static func readCorpora(_ data: MappingReader) -> [String] {
        guard data.contains("corpora") else { return [data.corpus("corpus", default: "fortunes:en")] }
        if data.contains("corpus") {
            data.diagnostics.report("found both 'corpus' and 'corpora'; name one source with 'corpus' or a pool with 'corpora', e.g. corpora: [bible:kjv, bible:web]",
                                    at: data.childPath("corpus"))
        }
        let corpora = data.corpora("corpora", default: nil)
        if Set(corpora).count != corpora.count {
            data.diagnostics.report("a source is named twice; name each source of the pool once",
                                    at: data.childPath("corpora"))
        }
        return corpora
    }

    /// Registers an absent optional key as known (so `finish` lists it as allowed) and gives nil.
    private static func optionalKey<Value>(_ reader: MappingReader, _ key: String) -> Value? {
        _ = reader.node(key)
        return nil
    }

    /// `protocol.token_limit: {above_parameters, tokens}`, nil when absent.
    private static func readTokenLimit(_ protocolReader: MappingReader) -> TokenLimit? {
        guard protocolReader.contains("token_limit") else { return optionalKey(protocolReader, "token_limit") }
        let reader = protocolReader.mapping("token_limit")
        let limit = TokenLimit(aboveParameters: reader.int("above_parameters", default: nil, bound: .atLeast(1)),
                               tokens: reader.int("tokens", default: nil, bound: .atLeast(1)))
        reader.finish()
        return limit
    }

    /// `protocol.learning_rate_sweep: {multipliers, tokens}`, nil when absent.
    private static func readSweep(_ protocolReader: MappingReader) -> LearningRateSweep? {
        guard protocolReader.contains("learning_rate_sweep") else { return optionalKey(protocolReader, "learning_rate_sweep") }
        let reader = protocolReader.mapping("learning_rate_sweep")
        let multipliers = reader.doubles("multipliers", default: [0.5, 1, 2], bound: .within(0.01, 100), minimumCount: 2)
        if multipliers != multipliers.sorted() || Set(multipliers).count != multipliers.count {
            reader.diagnostics.report("expected increasing, different multiples of training.optimizer.learning_rate, e.g. [0.5, 1, 2]",
                                      at: reader.childPath("multipliers"))
        }
        let sweep = LearningRateSweep(multipliers: multipliers, tokens: reader.int("tokens", default: nil, bound: .atLeast(1)))
        reader.finish()
        return sweep
    }

    /// `protocol.isoflop_pilot: {compute, parameters, exponent}`, nil when absent.
    private static func readPilot(_ protocolReader: MappingReader) -> IsoFLOPPilot? {
        guard protocolReader.contains("isoflop_pilot") else { return optionalKey(protocolReader, "isoflop_pilot") }
        let reader = protocolReader.mapping("isoflop_pilot")
        let pilot = IsoFLOPPilot(compute: reader.double("compute", default: nil, bound: .positive),
                                 parameters: reader.double("parameters", default: nil, bound: .atLeast(1)),
                                 exponent: reader.double("exponent", default: 0.5, bound: .within(0.05, 1)))
        reader.finish()
        return pilot
    }
}
