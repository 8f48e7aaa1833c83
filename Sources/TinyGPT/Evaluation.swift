// Held-out evaluation: the mean loss of a model over a fixed list of batches, in nats and bits
// per byte.
import Foundation

/// A model's mean loss over an evaluation set.
public struct EvaluationResult: Sendable, Equatable {
    /// Mean cross-entropy in nats per token (per byte for the byte vocabulary).
    public let lossNats: Double
    /// The same loss in bits per token: `lossNats / ln 2`.
    public var bitsPerByte: Double { lossNats / log(2.0) }
    /// Number of predicted tokens the mean is over.
    public let tokenCount: Int
}

/// Why an evaluation could not run.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case noBatches

    public var description: String {
        "evaluation needs at least one batch; give a held-out set of one or more batches"
    }
}

extension GPTModel {
    /// The token-weighted mean loss over `batches` (no gradients). All batches must share the
    /// model's allocated batch shape (or the first batch's shape, if none is allocated yet).
    public func evaluate(_ batches: [TokenBatch]) throws -> EvaluationResult {
        guard !batches.isEmpty else { throw EvaluationError.noBatches }
        var total = 0.0
        var tokens = 0
        for batch in batches {
            let count = batch.batchSize * batch.sequenceLength
            total += Double(try forward(batch)) * Double(count)
            tokens += count
        }
        return EvaluationResult(lossNats: total / Double(tokens), tokenCount: tokens)
    }
}
