// A byte-level n-gram language model with interpolated Witten–Bell smoothing: the reference model
// whose bits per byte serve as a document quality score (the KenLM-perplexity filter at tiny scale).
import Foundation

/// Interpolated Witten–Bell over bytes (vocabulary 256).
///
/// For a context h of length k (the k bytes before the predicted one, k = 0 … order − 1):
///
///     P_k(w | h) = (c(h w) + T(h) · P_{k−1}(w | h′)) / (c(h) + T(h))   if c(h) > 0,
///     P_k(w | h) = P_{k−1}(w | h′)                                       otherwise,
///
/// where h′ drops the oldest byte of h, c(h) counts h followed by any byte, T(h) is the number of
/// distinct bytes seen after h, and P_{−1}(w) = 1/256. Since Σ_w c(h w) = c(h), every P_k sums to 1
/// over the 256 bytes exactly (up to rounding). Each document is read as if preceded by
/// `order − 1` separator bytes (0x1E), so its first bytes are predicted from a "document start" context.
public struct ByteNGramModel: Sendable {
    /// n: the longest n-gram counted (context length order − 1), 1 … 8.
    public let order: Int
    /// Total bytes the model was trained on.
    public private(set) var trainingBytes = 0
    /// Unigram counts.
    private var unigram = [UInt32](repeating: 0, count: 256)
    /// Number of distinct bytes seen.
    private var unigramTypes = 0
    /// Bigram counts, indexed by previous byte × 256 + next byte.
    private var bigram = [UInt32](repeating: 0, count: 65_536)
    /// Per previous byte: (count, distinct followers).
    private var bigramContext = [UInt32](repeating: 0, count: 256)
    private var bigramTypes = [UInt32](repeating: 0, count: 256)
    /// For context lengths 2 … order − 1 (index k − 2): n-gram counts keyed by (context << 8 | next).
    private var ngrams: [CountTable]
    /// For context lengths 2 … order − 1: context keyed by its bytes → (count, distinct followers).
    private var contexts: [CountTable]

    /// The byte assumed before every document.
    public static let boundaryByte: UInt8 = 0x1E

    public init(order: Int) throws {
        guard (1...8).contains(order) else {
            throw CorpusError.invalidParameter(name: "n-gram order", reason: "\(order) is not in 1…8")
        }
        self.order = order
        ngrams = (0..<max(0, order - 2)).map { _ in CountTable() }
        contexts = (0..<max(0, order - 2)).map { _ in CountTable() }
    }

    /// A model of `order` trained on `documents`.
    public init(order: Int, trainingOn documents: [Document]) throws {
        try self.init(order: order)
        for document in documents { train(on: document.bytes) }
    }

    /// Adds the counts of one document.
    public mutating func train(on bytes: [UInt8]) {
        var history = ByteNGramModel.initialHistory
        for byte in bytes {
            let next = Int(byte)
            if unigram[next] == 0 { unigramTypes += 1 }
            unigram[next] += 1
            if order >= 2 {
                let previous = Int(history & 0xFF)
                if bigram[previous << 8 | next] == 0 { bigramTypes[previous] += 1 }
                bigram[previous << 8 | next] += 1
                bigramContext[previous] += 1
            }
            if order >= 3 {
                for length in 2..<order {
                    let context = history & ByteNGramModel.mask(length)
                    let isNew = ngrams[length - 2].add(context << 8 | UInt64(byte), first: 1, second: 0) == 0
                    contexts[length - 2].add(context, first: 1, second: isNew ? 1 : 0)
                }
            }
            history = history << 8 | UInt64(byte)
        }
        trainingBytes += bytes.count
    }

    /// P(`next` | the last order − 1 bytes of `context`); `context` shorter than that is padded on
    /// the left with the boundary byte.
    public func probability(of next: UInt8, after context: [UInt8]) -> Double {
        var history = ByteNGramModel.initialHistory
        for byte in context.suffix(7) { history = history << 8 | UInt64(byte) }
        return probability(of: next, history: history)
    }

    /// The distribution over all 256 next bytes after `context`.
    public func distribution(after context: [UInt8]) -> [Double] {
        (0...255).map { probability(of: UInt8($0), after: context) }
    }

    /// Average −log₂ P per byte of `bytes` read as one document (bits per byte); 0 for no bytes.
    public func bitsPerByte(_ bytes: [UInt8]) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var history = ByteNGramModel.initialHistory
        var totalBits = 0.0
        for byte in bytes {
            totalBits -= log2(probability(of: byte, history: history))
            history = history << 8 | UInt64(byte)
        }
        return totalBits / Double(bytes.count)
    }

    /// History register: the most recent byte in the low 8 bits.
    private static let initialHistory: UInt64 = 0x1E1E_1E1E_1E1E_1E1E

    @inline(__always)
    private static func mask(_ length: Int) -> UInt64 {
        length >= 8 ? UInt64.max : (UInt64(1) << UInt64(8 * length)) - 1
    }

    @inline(__always)
    private func probability(of next: UInt8, history: UInt64) -> Double {
        var probability = 1.0 / 256
        let total = Double(trainingBytes)
        if total > 0 {
            let types = Double(unigramTypes)
            probability = (Double(unigram[Int(next)]) + types * probability) / (total + types)
        }
        guard order >= 2 else { return probability }
        let previous = Int(history & 0xFF)
        let contextCount = bigramContext[previous]
        if contextCount > 0 {
            let types = Double(bigramTypes[previous])
            probability = (Double(bigram[previous << 8 | Int(next)]) + types * probability) / (Double(contextCount) + types)
        }
        guard order >= 3 else { return probability }
        for length in 2..<order {
            let context = history & ByteNGramModel.mask(length)
            let (contextCount, types) = contexts[length - 2].counts(context)
            guard contextCount > 0 else { break }
            let count = ngrams[length - 2].counts(context << 8 | UInt64(next)).first
            probability = (Double(count) + Double(types) * probability) / (Double(contextCount) + Double(types))
        }
        return probability
    }
}
