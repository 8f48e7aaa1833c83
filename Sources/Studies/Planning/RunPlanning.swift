// Helpers every study kind uses to turn spec settings into run configs: step counts from token
// budgets, schedules in steps, evaluation points, and the model config of a shape.
import Foundation
import TinyGPT

/// Version of the training core's numerics and of the byte streams it reads (generators, subsets,
/// mixing); part of every run hash, so changing either retrains instead of silently mixing old and
/// new results.
public enum TrainingCoreVersion {
    public static let current = "tinygpt-3"
}

extension StudySpec {
    /// Bytes consumed by one optimizer step.
    var bytesPerStep: Int { training.batchSize * training.contextLength }

    /// Optimizer steps for a budget of `tokens` bytes (at least one).
    func steps(forTokens tokens: Int) -> Int {
        max(1, tokens / bytesPerStep)
    }

    /// The TinyGPT config of a model shape at this spec's context length.
    func modelConfig(_ shape: ModelShape) -> ModelConfig {
        shape.modelConfig(contextLength: training.contextLength)
    }

    /// `training.evaluations` evenly spaced evaluation steps in 1...steps, always ending at `steps`.
    func evaluationSteps(totalSteps steps: Int, from start: Int = 0) -> [Int] {
        let count = max(1, min(training.evaluations, steps - start))
        let points = (1...count).map { start + Int((Double($0) * Double(steps - start) / Double(count)).rounded()) }
        return Array(Set(points + [steps])).filter { $0 > start }.sorted()
    }

    /// The spec's schedule family laid out over `steps`.
    func schedule(kind: ScheduleKind? = nil, steps: Int, finalRatio: Double? = nil, decayStartStep: Int? = nil,
                  peakMultiplier: Double = 1) -> ResolvedSchedule {
        let settings = training.schedule
        let warmup = settings.warmupFraction > 0 ? max(1, Int((settings.warmupFraction * Double(steps)).rounded())) : 0
        let decaySteps = max(1, Int((settings.decayFraction * Double(steps)).rounded()))
        return ResolvedSchedule(
            kind: kind ?? settings.kind, peakLearningRate: training.optimizer.learningRate * peakMultiplier,
            warmupSteps: min(warmup, steps), finalRatio: finalRatio ?? settings.finalRatio,
            decayStartStep: decayStartStep ?? max(warmup, steps - decaySteps), decayShape: settings.decayShape)
    }

    /// A run config with this spec's shared training settings; the data plan gets the digest of
    /// every `file:` source it reads.
    func runConfig(model: ModelShape, steps: Int, schedule: ResolvedSchedule, data: DataPlan, seed: Int,
                   evaluationSteps: [Int], retainedCheckpointSteps: [Int] = [], parent: RunParent? = nil,
                  averaging: AveragingPlan? = nil) -> RunConfig {
        var data = data
        let digests = inputDigests.filter { data.sourceNames.contains($0.key) }
        data.contentDigests = digests.isEmpty ? nil : digests
        return RunConfig(model: model, contextLength: training.contextLength, batchSize: training.batchSize, steps: steps,
                         optimizer: training.optimizer, schedule: schedule, data: data, seed: seed,
                         evaluationSteps: evaluationSteps, evaluationBatches: training.evaluationBatches,
                         retainedCheckpointSteps: retainedCheckpointSteps, parent: parent, averaging: averaging,
                         trainingCoreVersion: TrainingCoreVersion.current)
    }
}

/// Short human forms of byte counts and FLOPs for labels: `250k`, `1.5M`, `3e12`.
enum Quantity {
    static func bytes(_ value: Int) -> String {
        let value = Double(value)
        if value >= 1e6 { return trimmed(value / 1e6) + "M" }
        if value >= 1e3 { return trimmed(value / 1e3) + "k" }
        return trimmed(value)
    }

    static func flops(_ value: Double) -> String {
        let exponent = Int(log10(value).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        return (mantissa == 1 ? "" : trimmed(mantissa) + "×") + "1e\(exponent)"
    }

    /// Three significant digits without trailing zeros: 39.9, 160, 1.5.
    private static func trimmed(_ value: Double) -> String {
        let decimals = value >= 100 ? 0 : (value >= 10 ? 1 : 2)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            text = text.replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression)
        }
        return text
    }
}

extension PlannedRun {
    /// Training FLOPs of the run's own steps (excluding a parent's): (6N + 12·L·T·C) per token.
    public var trainingFLOPs: Double {
        let startStep = config.parent?.keepsOptimizerState == true ? config.parent?.step ?? 0 : 0
        return flopsPerToken * Double(max(0, config.steps - startStep) * config.batchSize * config.contextLength)
    }

    /// FLOPs per training token of the run's model.
    public var flopsPerToken: Double {
        config.modelConfig.trainingFLOPsPerToken(sequenceLength: config.contextLength)
    }
}
