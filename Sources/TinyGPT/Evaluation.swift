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
        let windowCount = try TokenBatch.evaluationWindowCount(byteCount: bytes.count, sequenceLength: sequenceLength,
                                                               batchSize: batchSize)
        var total = 0.0
        var tokens = 0
        var first = 0
        while first < windowCount {
            let rows = min(batchSize, windowCount - first)
            if allocatedBatchShape.map({ $0.batchSize != rows || $0.sequenceLength != sequenceLength }) ?? true {
                try allocateActivations(batchSize: rows, sequenceLength: sequenceLength)
            }
            let batch = try TokenBatch(evaluationWindows: first..<(first + rows), of: bytes, sequenceLength: sequenceLength)
            total += Double(try forward(batch)) * Double(rows * sequenceLength)
            tokens += rows * sequenceLength
            first += rows
        }
        return EvaluationResult(lossNats: total / Double(tokens), tokenCount: tokens)
    }
}

extension TokenBatch {
    /// The first batch that `GPTModel.evaluate(bytes:sequenceLength:batchSize:)` runs: windows
    /// 0 ..< min(`batchSize`, window count), window w being `bytes[w·T ... w·T + T]` (inputs its
    /// first T bytes, targets its last T). Fewer windows than `batchSize` give a smaller batch.
    ///
    /// - Throws: the errors `evaluate(bytes:sequenceLength:batchSize:)` throws for the same
    ///   arguments (`GPTModelError.emptyBatch`, `EvaluationError.tooFewBytes`).
    public static func firstEvaluationBatch(of bytes: [UInt8], sequenceLength: Int, batchSize: Int) throws -> TokenBatch {
        let windowCount = try evaluationWindowCount(byteCount: bytes.count, sequenceLength: sequenceLength,
                                                    batchSize: batchSize)
        return try TokenBatch(evaluationWindows: 0..<min(batchSize, windowCount), of: bytes, sequenceLength: sequenceLength)
    }

    /// The number of whole evaluation windows in `byteCount` bytes, (byteCount − 1) / T, after
    /// checking that the batch size is at least 1 and that there is at least one window.
    static func evaluationWindowCount(byteCount: Int, sequenceLength: Int, batchSize: Int) throws -> Int {
        guard batchSize >= 1 else { throw GPTModelError.emptyBatch(batchSize: batchSize, sequenceLength: sequenceLength) }
        let windowCount = byteCount == 0 ? 0 : (byteCount - 1) / max(sequenceLength, 1)
        guard sequenceLength >= 1, windowCount >= 1 else {
            throw EvaluationError.tooFewBytes(byteCount: byteCount, sequenceLength: sequenceLength)
        }
        return windowCount
    }

    /// Evaluation windows `windows` of `bytes` as one batch, window w being `bytes[w·T ... w·T + T]`.
    init(evaluationWindows windows: Range<Int>, of bytes: [UInt8], sequenceLength: Int) throws(GPTModelError) {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(windows.count * (sequenceLength + 1))
        for window in windows {
            chunk += bytes[(window * sequenceLength)...(window * sequenceLength + sequenceLength)]
        }
        try self.init(windows: chunk, batchSize: windows.count, sequenceLength: sequenceLength)
    }
}
