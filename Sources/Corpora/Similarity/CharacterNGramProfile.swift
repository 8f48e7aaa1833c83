// Measured language similarity: the cosine of character-trigram frequency vectors, comparable across
// scripts because it counts Unicode scalars, not bytes.

/// Relative frequencies of character n-grams (Unicode scalars, n = 1 … 3) of a text sample.
public struct CharacterNGramProfile: Sendable {
    /// n.
    public let n: Int
    /// Frequency by packed n-gram (three 21-bit scalars).
    public let frequencies: [UInt64: Double]
    /// Bytes of the documents read (at least `maximumBytes` when the documents hold that many).
    public let sampleBytes: Int

    /// The profile of `documents`, reading at most `maximumBytes` bytes (documents in the given
    /// order; an n-gram never spans two documents). Letters are lower-cased; whitespace runs count as
    /// one space.
    public init(documents: [Document], n: Int = 3, maximumBytes: Int = 1 << 20) throws {
        guard (1...3).contains(n) else {
            throw CorpusError.invalidParameter(name: "n-gram length", reason: "\(n) is not in 1…3")
        }
        self.n = n
        var counts: [UInt64: Int] = [:]
        var total = 0
        var bytesRead = 0
        for document in documents where bytesRead < maximumBytes {
            bytesRead += document.byteCount
            var window: [UInt32] = []
            var lastWasSpace = true
            for scalar in document.text.unicodeScalars {
                let isSpace = scalar.properties.isWhitespace
                if isSpace && lastWasSpace { continue }
                lastWasSpace = isSpace
                let value = isSpace ? 0x20 : (scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar).value
                window.append(value)
                if window.count > n { window.removeFirst() }
                if window.count == n {
                    counts[CharacterNGramProfile.pack(window), default: 0] += 1
                    total += 1
                }
            }
        }
        guard total > 0 else { throw CorpusError.empty(what: "The similarity sample") }
        frequencies = counts.mapValues { Double($0) / Double(total) }
        sampleBytes = bytesRead
    }

    private static func pack(_ scalars: [UInt32]) -> UInt64 {
        scalars.reduce(0) { $0 << 21 | UInt64($1) }
    }

    /// Cosine similarity of the two frequency vectors: 1 for identical distributions, 0 for no shared
    /// n-gram (e.g. different scripts).
    public func cosineSimilarity(to other: CharacterNGramProfile) -> Double {
        Corpora.cosineSimilarity(frequencies, other.frequencies)
    }
}
