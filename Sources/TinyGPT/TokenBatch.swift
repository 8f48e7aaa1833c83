// One training or evaluation batch: B sequences of T input tokens and their next-token targets.

/// B rows of T input tokens and the T tokens that follow each (the targets), row-major.
public struct TokenBatch: Sendable, Equatable {
    /// Number of sequences (B).
    public let batchSize: Int
    /// Tokens per sequence (T).
    public let sequenceLength: Int
    /// Input token ids, (B, T).
    public let inputs: [Int32]
    /// Target token ids, (B, T): `targets[b][t]` is the token after `inputs[b][t]`.
    public let targets: [Int32]

    /// A batch from explicit inputs and targets, each of `batchSize · sequenceLength` ids.
    public init(batchSize: Int, sequenceLength: Int, inputs: [Int32], targets: [Int32]) throws(GPTModelError) {
        guard batchSize >= 1, sequenceLength >= 1 else {
            throw .emptyBatch(batchSize: batchSize, sequenceLength: sequenceLength)
        }
        let expected = batchSize * sequenceLength
        guard inputs.count == expected, targets.count == expected else {
            throw .tokenCountMismatch(expected: expected, inputs: inputs.count, targets: targets.count)
        }
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        self.inputs = inputs
        self.targets = targets
    }

    /// A batch from `batchSize` byte windows of `sequenceLength + 1` bytes each, laid end to end:
    /// each window's first T bytes are inputs and its last T bytes are targets.
    public init(windows: [UInt8], batchSize: Int, sequenceLength: Int) throws(GPTModelError) {
        guard batchSize >= 1, sequenceLength >= 1 else {
            throw .emptyBatch(batchSize: batchSize, sequenceLength: sequenceLength)
        }
        guard windows.count == batchSize * (sequenceLength + 1) else {
            throw .windowByteCountMismatch(expected: batchSize * (sequenceLength + 1), found: windows.count)
        }
        var inputs: [Int32] = []
        var targets: [Int32] = []
        inputs.reserveCapacity(batchSize * sequenceLength)
        targets.reserveCapacity(batchSize * sequenceLength)
        for b in 0..<batchSize {
            let start = b * (sequenceLength + 1)
            for t in 0..<sequenceLength {
                inputs.append(Int32(windows[start + t]))
                targets.append(Int32(windows[start + t + 1]))
            }
        }
        try self.init(batchSize: batchSize, sequenceLength: sequenceLength, inputs: inputs, targets: targets)
    }
}
