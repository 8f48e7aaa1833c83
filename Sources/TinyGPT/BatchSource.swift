// Where training batches come from: the protocol the trainer pulls from, and a deterministic
// synthetic byte source for tests and benchmarks (real corpora live in the Corpora target).

/// Produces training batches of a fixed shape, one per call, in a reproducible order.
public protocol BatchSource {
    /// Sequences per batch (B).
    var batchSize: Int { get }
    /// Tokens per sequence (T).
    var sequenceLength: Int { get }
    /// The next batch; the trainer calls this once per step.
    mutating func nextBatch() throws -> TokenBatch
}

/// Pseudo-text bytes from a seeded generator: each window is a random walk over a small alphabet
/// of lowercase letters and spaces, where the next byte usually follows a fixed successor table,
/// so a model can learn something but never everything.
public struct SyntheticByteSource: BatchSource {
    public let batchSize: Int
    public let sequenceLength: Int
    private var random: DeterministicRandom
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz ".utf8)

    /// A source of (B, T) batches; equal seeds give equal batch sequences.
    public init(batchSize: Int, sequenceLength: Int, seed: UInt64) {
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        random = DeterministicRandom(seed: seed)
    }

    public mutating func nextBatch() throws -> TokenBatch {
        let alphabet = Self.alphabet
        var windows: [UInt8] = []
        windows.reserveCapacity(batchSize * (sequenceLength + 1))
        for _ in 0..<batchSize {
            var index = random.nextInt(below: alphabet.count)
            for _ in 0...sequenceLength {
                windows.append(alphabet[index])
                index = random.nextInt(below: 4) == 0
                    ? random.nextInt(below: alphabet.count)
                    : (index * 7 + 3) % alphabet.count
            }
        }
        return try TokenBatch(windows: windows, batchSize: batchSize, sequenceLength: sequenceLength)
    }
}
