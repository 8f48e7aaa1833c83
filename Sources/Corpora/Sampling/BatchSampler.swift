// Yields (B, T + 1) byte windows from a token stream, deterministically, with a position that can be
// saved in a checkpoint and restored for an exact resume.
import Digests

/// Where a sampler is; save it with a checkpoint and pass it to `BatchSampler.restore`.
public struct SamplerPosition: Sendable, Hashable, Codable {
    /// Batches drawn so far.
    public var batchesDrawn: UInt64
    /// Next read offset in the stream (bytes; sequential mode).
    public var offset: UInt64
    /// Completed passes over the stream (sequential mode).
    public var passes: UInt64

    public init(batchesDrawn: UInt64 = 0, offset: UInt64 = 0, passes: UInt64 = 0) {
        self.batchesDrawn = batchesDrawn
        self.offset = offset
        self.passes = passes
    }
}

/// How windows are chosen.
public enum SamplingMode: Sendable, Hashable, Codable {
    /// Read the stream front to back (as llm.c's loader does): row b of a batch starts at
    /// offset + b·T, the next batch at offset + B·T; windows share one byte at their edges. Wraps to
    /// the start when a batch no longer fits. Use this for curricula and epochs: order is kept.
    case sequential
    /// Every row starts at an independent uniform offset drawn from `seed` and the batch number, so
    /// batch k is the same whatever happened before it.
    case randomWindows(seed: UInt64)
}

/// A deterministic batch source over one token stream.
public struct BatchSampler: Sendable {
    /// The stream read.
    public let stream: TokenStream
    /// B: rows per batch.
    public let batchSize: Int
    /// T: context length (each row is T + 1 bytes).
    public let contextLength: Int
    public let mode: SamplingMode
    /// The current position; `next()` advances it.
    public private(set) var position = SamplerPosition()

    /// Throws when the stream cannot hold one batch (B·T + 1 bytes) or B, T are not positive.
    public init(stream: TokenStream, batchSize: Int, contextLength: Int, mode: SamplingMode) throws {
        guard batchSize > 0, contextLength > 0 else {
            throw CorpusError.invalidParameter(name: "batch shape", reason: "B = \(batchSize) and T = \(contextLength) must be positive")
        }
        guard stream.count >= batchSize * contextLength + 1 else {
            throw CorpusError.invalidParameter(name: "batch shape",
                                               reason: "the stream has \(stream.count) bytes, fewer than B·T + 1 = \(batchSize * contextLength + 1)")
        }
        self.stream = stream
        self.batchSize = batchSize
        self.contextLength = contextLength
        self.mode = mode
    }

    /// Continues from a saved position.
    public mutating func restore(_ saved: SamplerPosition) throws {
        guard saved.offset + UInt64(batchSize * contextLength) < UInt64(stream.count) else {
            throw CorpusError.invalidParameter(name: "sampler position",
                                               reason: "offset \(saved.offset) does not fit a stream of \(stream.count) bytes")
        }
        position = saved
    }

    /// The next batch.
    public mutating func next() -> ByteBatch {
        let width = contextLength + 1
        var tokens = [UInt8](repeating: 0, count: batchSize * width)
        switch mode {
        case .sequential:
            let offset = Int(position.offset)
            for row in 0..<batchSize {
                let start = offset + row * contextLength
                tokens.replaceSubrange((row * width)..<((row + 1) * width), with: stream.bytes[start..<(start + width)])
            }
            var nextOffset = offset + batchSize * contextLength
            if nextOffset + batchSize * contextLength + 1 > stream.count {
                nextOffset = 0
                position.passes += 1
            }
            position.offset = UInt64(nextOffset)
        case let .randomWindows(seed):
            var generator = SeededGenerator(seed: FNV1a64.mix(seed ^ FNV1a64.mix(position.batchesDrawn)))
            let starts = stream.count - width + 1
            for row in 0..<batchSize {
                let start = generator.nextIndex(below: starts)
                tokens.replaceSubrange((row * width)..<((row + 1) * width), with: stream.bytes[start..<(start + width)])
            }
        }
        position.batchesDrawn += 1
        return ByteBatch(batchSize: batchSize, contextLength: contextLength, tokens: tokens)
    }
}
