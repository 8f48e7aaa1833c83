// Trains one planned run with TinyGPT on Corpora batches: starts fresh, from a parent's checkpoint
// (a WSD branch or continual pretraining), or resumes its own last checkpoint exactly; measures
// held-out loss on every evaluation set at the planned steps into the run store; evaluates
// checkpoint averages at the end; detects divergence; stops cleanly when cancelled, leaving a
// checkpoint the next invocation resumes from.
import Corpora
import Foundation
import TinyGPT

public struct TrainingExecutor: RunExecutor {
    public let data: DataProvider
    /// Seconds between resume checkpoints (also written at every evaluation and on cancellation).
    public let checkpointInterval: Double
    /// Steps between training-log entries (spec key `training.log_every`); the last step is
    /// always logged. Not part of the run's config: logging reads the step, it changes nothing.
    public let logEvery: Int
    /// Seconds between progress reports (the last step always reports); 0 reports every step.
    public let progressInterval: Double

    public init(data: DataProvider, checkpointInterval: Double = 60, logEvery: Int = 10, progressInterval: Double = 0.5) {
        self.data = data
        self.checkpointInterval = checkpointInterval
        self.logEvery = max(1, logEvery)
        self.progressInterval = max(0, progressInterval)
    }

    /// A loss above this (nats per byte, twice the loss of uniform guessing) counts as diverged.
    public static let divergenceLoss: Float = 2 * Float(log(256.0))

    /// Folder of the resumable checkpoint inside a run's checkpoint folder.
    static let latestFolder = "latest"
    /// Where a resume checkpoint that failed to load is set aside (replaced by the next one).
    static let damagedFolder = "latest.damaged"
    /// Folder of the trained model after the last step.
    static let finalFolder = "final"

    /// Folder of the weights at a snapshot step of checkpoint averaging (removed once averaged).
    static func snapshotFolder(_ step: Int) -> String { "snapshot-\(step)" }

    /// Folder of an averaged model (`ema`, `sma`), saved like any checkpoint.
    static let emaFolder = "ema"
    static let smaFolder = "sma"

    /// Folder of a retained checkpoint that other runs start from.
    static func stepFolder(_ step: Int) -> String { "step-\(step)" }

    public func execute(_ run: PlannedRun, context: RunContext) throws -> RunOutcome {
        let config = run.config
        let started = Date()
        let modelConfig = config.modelConfig
        try modelConfig.validate()
        let runData = try data.data(for: config.data, seed: config.seed, trainingBytes: config.tokens)
        let evaluationSets = try runData.evaluation.map { set in
            (name: set.name, batches: try Self.evaluationBatches(set.stream, config: config))
        }

        func fresh() throws -> (GPTModel, AdamW, BatchSampler) {
            let model = try GPTModel(config: modelConfig, seed: UInt64(config.seed), threadCount: context.threads)
            try model.allocateActivations(batchSize: config.batchSize, sequenceLength: config.contextLength)
            let optimizer = AdamW(layout: model.layout, settings: AdamWSettings(
                beta1: Float(config.optimizer.beta1), beta2: Float(config.optimizer.beta2),
                epsilon: Float(config.optimizer.epsilon), weightDecay: Float(config.optimizer.weightDecay),
                gradientClipNorm: config.optimizer.gradientClip > 0 ? Float(config.optimizer.gradientClip) : nil))
            let sampler = try BatchSampler(stream: runData.training, batchSize: config.batchSize,
                                           contextLength: config.contextLength, mode: .sequential)
            return (model, optimizer, sampler)
        }
        var (model, optimizer, sampler) = try fresh()

        let folder = context.checkpointFolder(for: run.hash)
        let latest = folder.appendingPathComponent(Self.latestFolder)
        // The checkpoints' free-text metadata, for people looking at a folder.
        let note = "TinyScale run \(run.label) (\(run.hash))"
        var step = 0
        var resumed = false
        if CheckpointFolder.isComplete(latest) {
            do {
                step = try restore(from: latest, model: model, optimizer: optimizer, sampler: &sampler, keepOptimizer: true)
                resumed = true
            } catch {
                // A damaged resume checkpoint (a changed byte fails the weights' digest or the
                // state's checksum) must neither block the study nor change its result: set it
                // aside, say so, and train this run again from its start.
                let damaged = folder.appendingPathComponent(Self.damagedFolder)
                try? FileManager.default.removeItem(at: damaged)
                if (try? FileManager.default.moveItem(at: latest, to: damaged)) == nil {
                    try? FileManager.default.removeItem(at: latest)
                }
                context.warning(run, "its resume checkpoint is damaged (\(error)); it was moved to \(damaged.path) and the run restarts from its start")
                (model, optimizer, sampler) = try fresh()
                step = 0
            }
        }
        // A resumed run re-measures what came after its checkpoint; a restarted one everything.
        if resumed {
            try context.store.discardMetrics(after: step, for: run.hash)
        } else if CheckpointFolder.isComplete(folder.appendingPathComponent(Self.damagedFolder)) {
            try context.store.discardMetrics(after: -1, for: run.hash)
        }
        if !resumed, let parent = config.parent {
            let parentFolder = context.checkpointFolder(for: parent.hash).appendingPathComponent(Self.stepFolder(parent.step))
            guard CheckpointFolder.isComplete(parentFolder) else {
                throw RunnerError.missingParentCheckpoint(run: run.label, path: parentFolder.path)
            }
            let parentStep = try restore(from: parentFolder, model: model, optimizer: optimizer, sampler: &sampler,
                                         keepOptimizer: parent.keepsOptimizerState)
            step = parent.keepsOptimizerState ? parentStep : 0
        }

        let schedule = try Self.learningRateSchedule(config.schedule, totalSteps: config.steps)
        let trainer = Trainer(model: model, optimizer: optimizer, startStep: step) { schedule.learningRate(atStep: $0) }
        let evaluationSteps = Set(config.evaluationSteps)
        let retained = Set(config.retainedCheckpointSteps)
        let snapshotSteps = config.averaging?.snapshotSteps(totalSteps: config.steps) ?? []
        var lastCheckpoint = Date()
        var lastProgress = Date.distantPast
        var windowStart = (date: Date(), step: step)
        /// Held-out loss of the first evaluation set at the last step, measured once inside the loop.
        var finalLoss: Double?
        /// Training-log entries not yet in the store: written with each evaluation and checkpoint
        /// (one transaction), so a resume from the checkpoint re-logs exactly the steps it replays.
        var pendingLog: [TrainingLogPoint] = []
        var logWindow = (date: Date(), step: step)
        func flushLog() throws {
            try context.store.record(pendingLog, for: run.hash)
            pendingLog.removeAll()
        }

        // Step 0 (planned for continual runs): the loss before the first update, the reference
        // point of every gap; for a run that starts from a parent, the parent's final loss.
        if step == 0, evaluationSteps.contains(0) {
            for set in evaluationSets {
                try context.store.record(MetricPoint(step: 0, tokens: 0, split: set.name,
                                                     lossNats: model.evaluate(set.batches).lossNats), for: run.hash)
            }
        }
        while step < config.steps {
            if context.cancellation.isCancelled {
                try flushLog()
                try save(model: model, optimizer: optimizer, sampler: sampler, step: step, config: modelConfig, note: note, to: latest)
                return .interrupted
            }
            let bytes = sampler.next()
            let batch = try TokenBatch(windows: bytes.tokens, batchSize: config.batchSize, sequenceLength: config.contextLength)
            let record = try trainer.trainStep(on: batch)
            step += 1
            if step % logEvery == 0 || step == config.steps || !record.loss.isFinite || record.loss > Self.divergenceLoss {
                let elapsed = max(Date().timeIntervalSince(logWindow.date), 1e-9)
                pendingLog.append(TrainingLogPoint(
                    step: step, tokens: step * config.batchSize * config.contextLength, lossNats: Double(record.loss),
                    learningRate: Double(record.learningRate), gradientNorm: Double(record.gradientNorm),
                    tokensPerSecond: Double((step - logWindow.step) * config.batchSize * config.contextLength) / elapsed))
                logWindow = (Date(), step)
            }
            if !record.loss.isFinite || record.loss > Self.divergenceLoss {
                try flushLog()
                return .diverged("training loss \(record.loss) nats/byte at step \(step) (limit \(Self.divergenceLoss))")
            }
            if Date().timeIntervalSince(lastProgress) >= progressInterval || step == config.steps {
                let elapsed = max(Date().timeIntervalSince(windowStart.date), 1e-9)
                let tokensPerSecond = Double((step - windowStart.step) * config.batchSize * config.contextLength) / elapsed
                context.progress(RunProgress(hash: run.hash, label: run.label, step: step, steps: config.steps,
                                             tokensPerSecond: tokensPerSecond, trainingLossNats: Double(record.loss)))
                lastProgress = Date()
                if elapsed > 5 { windowStart = (Date(), step) }
            }
            if evaluationSteps.contains(step) || step == config.steps {
                try flushLog()
                for set in evaluationSets {
                    let result = try model.evaluate(set.batches)
                    guard result.lossNats.isFinite else {
                        return .diverged("held-out loss is not finite at step \(step)")
                    }
                    try context.store.record(MetricPoint(step: step, tokens: step * config.batchSize * config.contextLength,
                                                         split: set.name, lossNats: result.lossNats), for: run.hash)
                    if step == config.steps, finalLoss == nil { finalLoss = result.lossNats }
                }
            }
            if step < config.steps, snapshotSteps.contains(step) {
                try CheckpointFolder.save(tensors: model.exportTensors(), config: GPT2Config(model: modelConfig),
                                          trainingState: nil, to: folder.appendingPathComponent(Self.snapshotFolder(step)))
            }
            if retained.contains(step) {
                try save(model: model, optimizer: optimizer, sampler: sampler, step: step, config: modelConfig, note: note,
                         to: folder.appendingPathComponent(Self.stepFolder(step)))
            }
            if step < config.steps, evaluationSteps.contains(step) || Date().timeIntervalSince(lastCheckpoint) > checkpointInterval {
                try flushLog()
                try save(model: model, optimizer: optimizer, sampler: sampler, step: step, config: modelConfig, note: note, to: latest)
                lastCheckpoint = Date()
            }
        }

        try save(model: model, optimizer: optimizer, sampler: sampler, step: step, config: modelConfig, note: note,
                 to: folder.appendingPathComponent(Self.finalFolder))
        try? FileManager.default.removeItem(at: latest)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(Self.damagedFolder))
        // A run resumed at its last step has not measured it in this process.
        let heldOutLoss = try finalLoss ?? model.evaluate(evaluationSets[0].batches).lossNats
        if let averaging = config.averaging {
            try evaluateAverages(averaging, snapshotSteps: snapshotSteps, model: model, modelConfig: modelConfig,
                                 evaluationSets: evaluationSets, folder: folder, run: run, context: context)
        }
        let tokens = config.steps * config.batchSize * config.contextLength
        return .complete(RunSummary(
            parameters: modelConfig.parameterCount, nonEmbeddingParameters: modelConfig.nonEmbeddingParameterCount,
            tokens: tokens, flops: modelConfig.trainingFLOPsPerToken(sequenceLength: config.contextLength) * Double(tokens),
            wallSeconds: Date().timeIntervalSince(started), finalLossNats: heldOutLoss))
    }

    /// Averages the snapshots (the last one is the final model, still loaded), evaluates each
    /// average on every evaluation set at the last step as `<set>@ema` / `<set>@sma`, and saves it.
    private func evaluateAverages(_ averaging: AveragingPlan, snapshotSteps: [Int], model: GPTModel,
                                  modelConfig: ModelConfig, evaluationSets: [(name: String, batches: [TokenBatch])],
                                  folder: URL, run: PlannedRun, context: RunContext) throws {
        let config = run.config
        let final = model.parameterValues()
        var averager = try CheckpointAverager(parameterCount: final.count, capacity: max(1, snapshotSteps.count))
        for step in snapshotSteps where step < config.steps {
            let snapshot = try CheckpointFolder.load(from: folder.appendingPathComponent(Self.snapshotFolder(step)),
                                                     loadingTrainingState: false)
            try model.importTensors(snapshot.tensors)
            try averager.append(model.parameterValues(), step: step)
        }
        try averager.append(final, step: config.steps)
        var averages: [(folder: String, series: (String) -> String, parameters: [Float])] = []
        if let alpha = averaging.emaAlpha {
            averages.append((Self.emaFolder, AveragingPlan.emaSeries, try averager.exponentialMovingAverage(alpha: alpha)))
        }
        if averaging.simpleAverage {
            averages.append((Self.smaFolder, AveragingPlan.smaSeries, try averager.simpleAverage()))
        }
        let tokens = config.steps * config.batchSize * config.contextLength
        for average in averages {
            try model.setParameterValues(average.parameters)
            for set in evaluationSets {
                let result = try model.evaluate(set.batches)
                try context.store.record(MetricPoint(step: config.steps, tokens: tokens, split: average.series(set.name),
                                                     lossNats: result.lossNats), for: run.hash)
            }
            try CheckpointFolder.save(tensors: model.exportTensors(), config: GPT2Config(model: modelConfig),
                                      trainingState: nil, to: folder.appendingPathComponent(average.folder))
        }
        try model.setParameterValues(final)
        for step in snapshotSteps where step < config.steps {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(Self.snapshotFolder(step)))
        }
    }

    /// Full-size held-out batches (the model's activations have one batch shape).
    static func evaluationBatches(_ stream: TokenStream, config: RunConfig) throws -> [TokenBatch] {
        let batches = try EvaluationBatches.make(stream: stream, batchSize: config.batchSize,
                                                 contextLength: config.contextLength, maximumBatches: config.evaluationBatches)
        let full = batches.filter { $0.batchSize == config.batchSize }
        guard !full.isEmpty else {
            throw RunnerError.evaluationSetTooSmall(bytes: stream.count, needed: config.batchSize * (config.contextLength + 1))
        }
        return try full.map { try TokenBatch(windows: $0.tokens, batchSize: config.batchSize, sequenceLength: config.contextLength) }
    }

    /// TinyGPT's schedule for a resolved spec schedule.
    static func learningRateSchedule(_ schedule: ResolvedSchedule, totalSteps: Int) throws -> LearningRateSchedule {
        let peak = Float(schedule.peakLearningRate)
        let kind: LearningRateSchedule.Kind
        switch schedule.kind {
        case .constant:
            kind = schedule.warmupSteps > 0 ? .linearWarmup(warmupSteps: schedule.warmupSteps) : .constant
        case .cosine:
            kind = .cosine(warmupSteps: schedule.warmupSteps, floorRatio: Float(schedule.finalRatio))
        case .wsd:
            let decaySteps = totalSteps - schedule.decayStartStep
            if decaySteps <= 0 || schedule.finalRatio == 1 {
                kind = schedule.warmupSteps > 0 ? .linearWarmup(warmupSteps: schedule.warmupSteps) : .constant
            } else {
                kind = .warmupStableDecay(warmupSteps: schedule.warmupSteps,
                                          decayFraction: Double(decaySteps) / Double(totalSteps),
                                          decayShape: schedule.decayShape == .sqrt ? .squareRoot : .linear,
                                          finalRatio: Float(schedule.finalRatio))
            }
        }
        return try LearningRateSchedule(kind, peakLearningRate: peak, totalSteps: totalSteps)
    }

    /// Saves weights, optimizer state (moments and AdamW's own step count) and the sampler position.
    private func save(model: GPTModel, optimizer: AdamW, sampler: BatchSampler, step: Int, config: ModelConfig,
                      note: String, to folder: URL) throws {
        let moments = optimizer.exportState()
        let state = TrainingState(step: step, optimizerStepCount: moments.stepCount, randomNumberGeneratorState: [],
                                  dataPosition: DataReadPosition(sampler.position),
                                  firstMoments: moments.firstMoments, secondMoments: moments.secondMoments,
                                  metadata: note)
        try CheckpointFolder.save(
            tensors: model.exportTensors(),
            config: GPT2Config(model: config),
            trainingState: state, to: folder)
    }

    /// Loads weights (and, when asked, optimizer state and data position); returns the saved step.
    private func restore(from folder: URL, model: GPTModel, optimizer: AdamW, sampler: inout BatchSampler,
                         keepOptimizer: Bool) throws -> Int {
        let checkpoint = try CheckpointFolder.load(from: folder)
        try model.importTensors(checkpoint.tensors)
        guard let state = checkpoint.trainingState else { return 0 }
        if keepOptimizer {
            try optimizer.importState(AdamWState(stepCount: state.optimizerStepCount, firstMoments: state.firstMoments,
                                                 secondMoments: state.secondMoments))
            try sampler.restore(SamplerPosition(state.dataPosition))
        }
        return state.step
    }
}

extension DataReadPosition {
    /// The training-state form of a sampler's position (same fields, same units).
    init(_ position: SamplerPosition) {
        self.init(batchesDrawn: position.batchesDrawn, offset: position.offset, passes: position.passes)
    }
}

extension SamplerPosition {
    /// A sampler position read back from a training state.
    init(_ position: DataReadPosition) {
        self.init(batchesDrawn: position.batchesDrawn, offset: position.offset, passes: position.passes)
    }
}

public enum RunnerError: Error, CustomStringConvertible {
    case missingParentCheckpoint(run: String, path: String)
    case evaluationSetTooSmall(bytes: Int, needed: Int)

    public var description: String {
        switch self {
        case .missingParentCheckpoint(let run, let path):
            return "run '\(run)' starts from the checkpoint \(path), which is missing or incomplete; delete the parent run from the store so it is trained again"
        case .evaluationSetTooSmall(let bytes, let needed):
            return "the held-out set has \(bytes) bytes, fewer than one evaluation batch (\(needed) bytes); raise data.validation_fraction or lower training.batch_size"
        }
    }
}
