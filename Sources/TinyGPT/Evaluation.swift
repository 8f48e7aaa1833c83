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
    case tooFewBytes(byteCount: Int, sequenceLength: Int)

    public var description: String {
        switch self {
        case .noBatches:
            return "evaluation needs at least one batch; give a held-out set of one or more batches"
        case let .tooFewBytes(byteCount, sequenceLength):
            return "\(byteCount) bytes cannot fill one window of \(sequenceLength) + 1 bytes; "
                + "use a longer file or a shorter context"
        }
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

    /// The mean loss over every byte of `bytes` that can be predicted with a full window: window
    /// w holds inputs `bytes[w·T ..< (w+1)·T]` and their next bytes as targets (non-overlapping,
    /// T = `sequenceLength`), `batchSize` windows per forward pass; a final partial batch is run
    /// after reallocating activations for it. Trailing bytes that fill no window are ignored.
    public func evaluate(bytes: [UInt8], sequenceLength: Int, batchSize: Int) throws -> EvaluationResult {
        guard batchSize >= 1 else { throw GPTModelError.emptyBatch(batchSize: batchSize, sequenceLength: sequenceLength) }
        let windowCount = bytes.isEmpty ? 0 : (bytes.count - 1) / max(sequenceLength, 1)
        guard sequenceLength >= 1, windowCount >= 1 else {
            throw EvaluationError.tooFewBytes(byteCount: bytes.count, sequenceLength: sequenceLength)
        }
        var total = 0.0
        var tokens = 0
        var first = 0
        while first < windowCount {
            let rows = min(batchSize, windowCount - first)
            var windows: [UInt8] = []
            windows.reserveCapacity(rows * (sequenceLength + 1))
            for window in first..<(first + rows) {
                windows += bytes[(window * sequenceLength)...(window * sequenceLength + sequenceLength)]
            }
            if allocatedBatchShape.map({ $0.batchSize != rows || $0.sequenceLength != sequenceLength }) ?? true {
                try allocateActivations(batchSize: rows, sequenceLength: sequenceLength)
            }
            let batch = try TokenBatch(windows: windows, batchSize: rows, sequenceLength: sequenceLength)
            total += Double(try forward(batch)) * Double(rows * sequenceLength)
            tokens += rows * sequenceLength
            first += rows
        }
        return EvaluationResult(lossNats: total / Double(tokens), tokenCount: tokens)
    }
}
