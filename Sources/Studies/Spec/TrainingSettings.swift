// Training settings shared by every run of a study (spec key `training`).

/// Learning-rate schedule families a spec can name.
public enum ScheduleKind: String, CaseIterable, Sendable, Codable {
    case constant
    case cosine
    /// Warm-up, stable, decay.
    case wsd
}

/// Shape of the WSD decay phase.
public enum DecayShape: String, CaseIterable, Sendable, Codable {
    case linear
    /// η(t) = η0(1 − √p) + ηT·√p over decay progress p (Luo et al. 2025).
    case sqrt
}

/// AdamW settings (spec key `training.optimizer`).
public struct OptimizerSettings: Sendable, Equatable, Codable {
    /// Peak learning rate.
    public var learningRate: Double
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Double
    /// Decoupled weight decay on tensors of two or more dimensions.
    public var weightDecay: Double
    /// Global gradient-norm clip (0 disables clipping).
    public var gradientClip: Double

    static func read(_ reader: MappingReader) -> OptimizerSettings {
        defer { reader.finish() }
        return OptimizerSettings(
            learningRate: reader.double("learning_rate", default: 3e-3, bound: .positive),
            beta1: reader.double("beta1", default: 0.9, bound: .within(0, 0.9999)),
            beta2: reader.double("beta2", default: 0.95, bound: .within(0, 0.99999)),
            epsilon: reader.double("epsilon", default: 1e-8, bound: .positive),
            weightDecay: reader.double("weight_decay", default: 0.1, bound: .nonNegative),
            gradientClip: reader.double("gradient_clip", default: 1.0, bound: .nonNegative))
    }
}

/// The learning-rate schedule of each run (spec key `training.schedule`); its length is the run's.
public struct ScheduleSettings: Sendable, Equatable, Codable {
    public var kind: ScheduleKind
    /// Linear warm-up length as a fraction of the run.
    public var warmupFraction: Double
    /// Final learning rate as a fraction of the peak (cosine floor, WSD end point).
    public var finalRatio: Double
    /// WSD only: length of the decay phase as a fraction of the run.
    public var decayFraction: Double
    /// WSD only: linear or square-root decay.
    public var decayShape: DecayShape
    /// The keys the spec sets explicitly (the others have their defaults), so a study kind that
    /// sets a key per arm can refuse it instead of ignoring it.
    public var explicitKeys: [String] = []

    static func read(_ reader: MappingReader) -> ScheduleSettings {
        var settings = ScheduleSettings(
            kind: reader.choice("kind", default: .cosine),
            warmupFraction: reader.double("warmup_fraction", default: 0.02, bound: .within(0, 0.5)),
            finalRatio: reader.double("final_ratio", default: 0.1, bound: .unitInterval),
            decayFraction: reader.double("decay_fraction", default: 0.2, bound: .fractionAboveZero),
            decayShape: reader.choice("decay_shape", default: .sqrt))
        settings.explicitKeys = ["kind", "warmup_fraction", "final_ratio", "decay_fraction", "decay_shape"].filter(reader.contains)
        if settings.kind == .wsd, settings.warmupFraction + settings.decayFraction > 1 {
            reader.diagnostics.report(
                "warm-up (\(settings.warmupFraction)) plus decay (\(settings.decayFraction)) exceed the whole run; make their sum ≤ 1",
                at: reader.childPath("decay_fraction"))
        }
        reader.finish()
        return settings
    }
}

/// Batch shape, optimizer, schedule and evaluation cadence (spec key `training`).
public struct TrainingSettings: Sendable, Equatable, Codable {
    /// Sequences per step (B).
    public var batchSize: Int
    /// Context length in bytes (T).
    public var contextLength: Int
    public var optimizer: OptimizerSettings
    public var schedule: ScheduleSettings
    /// Evaluations per run (evenly spaced, plus the final step).
    public var evaluations: Int
    /// Held-out batches per evaluation.
    public var evaluationBatches: Int
    /// Threads per run; 0 chooses from the machine and the model size.
    public var threads: Int
    /// Steps between training-log entries (loss, learning rate, gradient norm, tokens/s) in the
    /// store. Logging does not change training, so it is not part of a run's config or hash.
    public var logEvery: Int = 10

    static func read(_ reader: MappingReader) -> TrainingSettings {
        defer { reader.finish() }
        return TrainingSettings(
            batchSize: reader.int("batch_size", default: 16, bound: .within(1, 4096)),
            contextLength: reader.int("context", default: 64, bound: .within(2, 8192)),
            optimizer: OptimizerSettings.read(reader.mapping("optimizer")),
            schedule: ScheduleSettings.read(reader.mapping("schedule")),
            evaluations: reader.int("evaluations", default: 20, bound: .within(1, 10_000)),
            evaluationBatches: reader.int("evaluation_batches", default: 8, bound: .within(1, 10_000)),
            threads: reader.int("threads", default: 0, bound: .within(0, 256)),
            logEvery: reader.int("log_every", default: 10, bound: .within(1, 1_000_000)))
    }
}
