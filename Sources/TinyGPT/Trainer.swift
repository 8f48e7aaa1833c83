// The training loop: pull a batch, forward, backward, AdamW at the scheduled learning rate;
// record loss, gradient norm, learning rate and phase timings per step; report progress to the
// caller (the library never prints).

/// What happened in one optimizer step.
public struct TrainingStepRecord: Sendable, Equatable {
    /// Zero-based index of the step (the value given to the learning-rate schedule).
    public let step: Int
    /// Mean training loss of the step's batch before the update, nats per token.
    public let loss: Float
    /// Global L2 norm of the gradient before clipping.
    public let gradientNorm: Float
    /// Learning rate used for the update.
    public let learningRate: Float
    /// Wall-clock seconds of the forward pass, the backward pass (incl. zeroing gradients) and the
    /// optimizer update.
    public let forwardSeconds: Double
    public let backwardSeconds: Double
    public let optimizerSeconds: Double
}

/// Why training stopped.
public enum TrainerError: Error, Equatable, CustomStringConvertible {
    case nonFiniteLoss(step: Int, loss: Float)
    case batchShapeMismatch(sourceShape: [Int], batchShape: [Int])

    public var description: String {
        switch self {
        case let .nonFiniteLoss(step, loss):
            return "training diverged: loss \(loss) at step \(step); lower the learning rate or enable clipping"
        case let .batchShapeMismatch(sourceShape, batchShape):
            return "batch source promised batch×sequence \(sourceShape) but produced \(batchShape)"
        }
    }
}

/// Trains a model with AdamW on batches from a caller's source, the learning rate at each step
/// coming from a caller-supplied schedule.
public final class Trainer {
    public let model: GPTModel
    public let optimizer: AdamW
    /// Maps the zero-based step index to the learning rate.
    public let learningRate: (Int) -> Float
    /// Index of the next step to run (= steps taken so far, including restored ones).
    public private(set) var step: Int
    /// Every step run by this trainer, oldest first.
    public private(set) var history: [TrainingStepRecord] = []

    /// A trainer starting at `startStep` (nonzero when resuming; restore the optimizer state too).
    public init(model: GPTModel, optimizer: AdamW, startStep: Int = 0, learningRate: @escaping (Int) -> Float) {
        self.model = model
        self.optimizer = optimizer
        self.step = startStep
        self.learningRate = learningRate
    }

    /// Runs one step on `batch` and returns its record (also appended to `history`).
    @discardableResult
    public func trainStep(on batch: TokenBatch) throws -> TrainingStepRecord {
        let clock = ContinuousClock()
        let start = clock.now
        let loss = try model.forward(batch)
        guard loss.isFinite else { throw TrainerError.nonFiniteLoss(step: step, loss: loss) }
        let afterForward = clock.now
        model.zeroGradients()
        try model.backward()
        let afterBackward = clock.now
        let rate = learningRate(step)
        let norm = optimizer.update(model, learningRate: rate)
        let end = clock.now
        let record = TrainingStepRecord(
            step: step, loss: loss, gradientNorm: norm, learningRate: rate,
            forwardSeconds: seconds(afterForward - start), backwardSeconds: seconds(afterBackward - afterForward),
            optimizerSeconds: seconds(end - afterBackward))
        history.append(record)
        step += 1
        return record
    }

    /// Runs `steps` steps on batches from `source`, calling `progress` after each, and returns
    /// their records.
    @discardableResult
    public func train(steps: Int, source: inout some BatchSource,
                      progress: (TrainingStepRecord) -> Void = { _ in }) throws -> [TrainingStepRecord] {
        var records: [TrainingStepRecord] = []
        for _ in 0..<steps {
            let batch = try source.nextBatch()
            guard batch.batchSize == source.batchSize, batch.sequenceLength == source.sequenceLength else {
                throw TrainerError.batchShapeMismatch(sourceShape: [source.batchSize, source.sequenceLength],
                                                      batchShape: [batch.batchSize, batch.sequenceLength])
            }
            let record = try trainStep(on: batch)
            records.append(record)
            progress(record)
        }
        return records
    }
}

private func seconds(_ duration: Duration) -> Double {
    let parts = duration.components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
}
