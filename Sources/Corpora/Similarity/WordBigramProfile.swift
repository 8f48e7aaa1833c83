// Measured word order: the cosine of word-bigram frequency vectors. Two texts with the same words in
// another order share words but few bigrams; mapping words to parts of speech first measures syntax.

/// Relative frequencies of adjacent word pairs within sentences of a text sample.
public struct WordBigramProfile: Sendable {
    /// A pair of adjacent (mapped) words.
    public struct Bigram: Sendable, Hashable {
        public var first: String
        public var second: String
    }

    /// Frequency of each bigram (they sum to 1).
    public let frequencies: [Bigram: Double]
    /// Bytes of the documents read.
    public let sampleBytes: Int

    /// The profile of `documents`, reading them in the given order until at least `maximumBytes`
    /// bytes are read. Sentences end at `.`, `!` or `?`; a bigram never spans two sentences. Words
    /// are whitespace-separated, lower-cased and stripped of punctuation, then passed to `token`
    /// (e.g. to map each word to its part of speech). Throws `CorpusError.empty` when no sentence has two words.
    public init(documents: [Document], maximumBytes: Int = 1 << 20,
                token: (Substring) -> String = { String($0) }) throws {
        var counts: [Bigram: Int] = [:]
        var total = 0
        var bytesRead = 0
        for document in documents where bytesRead < maximumBytes {
            bytesRead += document.byteCount
            let sentences = document.text.split { $0 == "." || $0 == "!" || $0 == "?" }
            for sentence in sentences {
                let words = sentence.split(whereSeparator: \.isWhitespace).compactMap { raw -> String? in
                    let word = raw.lowercased().filter { $0.isLetter || $0.isNumber }
                    return word.isEmpty ? nil : token(Substring(word))
                }
                for (first, second) in zip(words, words.dropFirst()) {
                    counts[Bigram(first: first, second: second), default: 0] += 1
                    total += 1
                }
            }
        }
        guard total > 0 else { throw CorpusError.empty(what: "The word-bigram sample") }
        frequencies = counts.mapValues { Double($0) / Double(total) }
        sampleBytes = bytesRead
    }

    /// Cosine similarity of the two frequency vectors: 1 for the same distribution of word pairs,
    /// 0 for no pair in common.
    public func cosineSimilarity(to other: WordBigramProfile) -> Double {
        Corpora.cosineSimilarity(frequencies, other.frequencies)
    }
}
