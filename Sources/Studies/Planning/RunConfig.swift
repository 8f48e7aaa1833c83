// A fully resolved training run: everything that determines its loss curve, hashed so a study
// re-run skips every run already complete in the store (DESIGN.md, "Data flow").
import Digests
import Foundation
import TinyGPT

/// The learning-rate schedule of one run, in steps.
public struct ResolvedSchedule: Codable, Sendable, Hashable {
    public var kind: ScheduleKind
    public var peakLearningRate: Double
    public var warmupSteps: Int
    /// Final LR / peak LR (cosine floor, WSD end point).
    public var finalRatio: Double
    /// WSD: the step the decay begins.
    public var decayStartStep: Int
    public var decayShape: DecayShape

    public init(kind: ScheduleKind, peakLearningRate: Double, warmupSteps: Int, finalRatio: Double,
                decayStartStep: Int, decayShape: DecayShape) {
        self.kind = kind
        self.peakLearningRate = peakLearningRate
        self.warmupSteps = warmupSteps
        self.finalRatio = finalRatio
        self.decayStartStep = decayStartStep
        self.decayShape = decayShape
    }
}

/// A run that starts from another run's checkpoint (a WSD cooldown branch off its trunk, or
/// continual pretraining off a base model).
public struct RunParent: Codable, Sendable, Hashable {
    /// Hash of the parent run.
    public var hash: String
    /// The parent's step whose checkpoint this run starts from.
    public var step: Int
    /// Whether the optimizer state is carried over (true for branches, false for a new phase).
    public var keepsOptimizerState: Bool

    public init(hash: String, step: Int, keepsOptimizerState: Bool) {
        self.hash = hash
        self.step = step
        self.keepsOptimizerState = keepsOptimizerState
    }
}

/// Checkpoint averaging at the end of a run (Luo et al. 2025): the last `checkpoints` snapshots,
/// `spacingSteps` apart and ending at the last step, averaged as an EMA and/or a simple mean. The
/// averages are evaluated on every evaluation set as the series `<set>@ema` and `<set>@sma` at the
/// last step, and saved as checkpoints (`ema/`, `sma/`) beside the run's final one. No extra training.
public struct AveragingPlan: Codable, Sendable, Hashable {
    /// EMA weight α of each newer snapshot; nil = no EMA.
    public var emaAlpha: Double?
    /// Whether the simple (equal-weight) mean is evaluated.
    public var simpleAverage: Bool
    /// Snapshots averaged (k ≥ 2).
    public var checkpoints: Int
    /// Steps between snapshots (≥ 1).
    public var spacingSteps: Int

    public init(emaAlpha: Double?, simpleAverage: Bool, checkpoints: Int, spacingSteps: Int) {
        self.emaAlpha = emaAlpha
        self.simpleAverage = simpleAverage
        self.checkpoints = checkpoints
        self.spacingSteps = spacingSteps
    }

    /// The snapshot steps of a run of `steps` steps, oldest first; steps before 1 are dropped.
    public func snapshotSteps(totalSteps steps: Int) -> [Int] {
        (0..<checkpoints).reversed().map { steps - $0 * spacingSteps }.filter { $0 >= 1 }
    }

    /// Series name of the EMA on evaluation set `set`.
    public static func emaSeries(_ set: String) -> String { "\(set)@ema" }
    /// Series name of the simple mean on evaluation set `set`.
    public static func smaSeries(_ set: String) -> String { "\(set)@sma" }
}

/// Everything that determines a run's result. Two equal configs give the same loss curve.
public struct RunConfig: Codable, Sendable, Equatable {
    public var model: ModelShape
    public var contextLength: Int
    public var batchSize: Int
    /// Optimizer steps; tokens = steps × batch × context.
    public var steps: Int
    public var optimizer: OptimizerSettings
    public var schedule: ResolvedSchedule
    public var data: DataPlan
    public var seed: Int
    /// Steps after which held-out loss is measured (the last step is always included).
    public var evaluationSteps: [Int]
    public var evaluationBatches: Int
    /// Steps whose checkpoints other runs start from, kept after the run finishes.
    public var retainedCheckpointSteps: [Int]
    public var parent: RunParent?
    /// Checkpoint averaging evaluated as extra series of the run; nil = none.
    public var averaging: AveragingPlan?
    /// Version of the training core; changing the numerics changes it and so every hash.
    public var trainingCoreVersion: String

    public init(model: ModelShape, contextLength: Int, batchSize: Int, steps: Int, optimizer: OptimizerSettings,
                schedule: ResolvedSchedule, data: DataPlan, seed: Int, evaluationSteps: [Int],
                evaluationBatches: Int, retainedCheckpointSteps: [Int] = [], parent: RunParent? = nil,
                averaging: AveragingPlan? = nil, trainingCoreVersion: String) {
        self.model = model
        self.contextLength = contextLength
        self.batchSize = batchSize
        self.steps = steps
        self.optimizer = optimizer
        self.schedule = schedule
        self.data = data
        self.seed = seed
        self.evaluationSteps = evaluationSteps
        self.evaluationBatches = evaluationBatches
        self.retainedCheckpointSteps = retainedCheckpointSteps
        self.parent = parent
        self.averaging = averaging
        self.trainingCoreVersion = trainingCoreVersion
    }

    /// Training tokens (bytes) of the run.
    public var tokens: Int { steps * batchSize * contextLength }

    /// The TinyGPT model the run trains.
    public var modelConfig: ModelConfig { model.modelConfig(contextLength: contextLength) }

    /// Canonical JSON: sorted keys, so equal configs give equal bytes.
    public func canonicalJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain value types to JSON cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// SHA-256 of the canonical JSON, as 64 lowercase hex digits.
    /// The model's name is cosmetic and left out, so renaming a size reuses its runs; a `file:`
    /// source enters by the SHA-256 of its bytes instead of its path (`DataPlan.contentAddressed`).
    public var hash: String {
        var identity = self
        identity.model.name = ""
        identity.data = data.contentAddressed
        return SHA256.hex(of: identity.canonicalJSON())
    }
}
