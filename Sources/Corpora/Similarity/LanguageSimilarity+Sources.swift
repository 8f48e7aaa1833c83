// Measured similarity of named sources, so a study picks its "similar" and "dissimilar" added
// languages by measurement on the text it will train on, and can print the numbers.

extension LanguageSimilarity {
    /// The `candidates` ranked by character-trigram cosine similarity to `target` (all source names,
    /// e.g. `fortunes:es`), most similar first, ties by name.
    ///
    /// Each profile reads the source's training documents (its `fractions` split) in nested-subset
    /// order (`NestedSubsets.order`: by content hash, a fixed sample spread over the whole source
    /// rather than its first files) until `maximumBytes` bytes are read, so every source is
    /// measured on a comparable sample and held-out text is never looked at. Sources load through
    /// `catalog` (and its cache). Throws what loading throws, and `CorpusError.empty` for a source
    /// without training text.
    public static func rank(target: String, candidates: [String], catalog: CorpusCatalog = CorpusCatalog(),
                            fractions: SplitFractions = .standard, maximumBytes: Int = 1 << 20) throws -> [SimilarityRanking] {
        guard maximumBytes > 0 else {
            throw CorpusError.invalidParameter(name: "similarity sample", reason: "maximumBytes must be positive, got \(maximumBytes)")
        }
        func trainingSample(_ name: String) throws -> Corpus {
            var corpus = try catalog.load(name)
            corpus.documents = NestedSubsets.order(try SplitCorpus(corpus.documents, fractions: fractions).train)
            return corpus
        }
        return try rank(target: trainingSample(target), candidates: candidates.map(trainingSample), maximumBytes: maximumBytes)
    }
}
