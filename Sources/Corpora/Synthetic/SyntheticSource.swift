// A `synthetic:<name>` source: documents generated from a synthetic language and a text seed.

/// A generated corpus. Always available; nothing is read from disk.
public struct SyntheticSource: CorpusSource {
    /// The language.
    public var parameters: SyntheticLanguageParameters
    /// Number of documents to generate.
    public var documentCount: Int
    /// Seed of the text (independent of the lexicon seed), so the same language can yield disjoint samples.
    public var textSeed: UInt64
    /// Sentences per document are drawn uniformly from this range.
    public var sentencesPerDocument: ClosedRange<Int>
    /// The source name (`synthetic:alpha` for presets).
    public var name: String

    /// A preset with the default size: 4,000 documents (about 0.7 MB in Latin script, 1.3 MB in
    /// Cyrillic or Greek, whose letters take 2 bytes).
    public init(preset: SyntheticPreset, documentCount: Int = 4_000, textSeed: UInt64 = 1) {
        self.init(parameters: preset.parameters, documentCount: documentCount, textSeed: textSeed,
                  name: SourceDescriptor.synthetic(preset).name)
    }

    /// A language with explicit parameters.
    public init(parameters: SyntheticLanguageParameters, documentCount: Int, textSeed: UInt64 = 1,
                sentencesPerDocument: ClosedRange<Int> = 3...8, name: String? = nil) {
        self.parameters = parameters
        self.documentCount = documentCount
        self.textSeed = textSeed
        self.sentencesPerDocument = sentencesPerDocument
        self.name = name ?? "synthetic:\(parameters.name)"
    }

    public var info: SourceInfo {
        SourceInfo(name: name, language: parameters.name, script: parameters.scriptMapping.script,
                   debianPackage: nil, requiredPackages: [],
                   notes: ["Generated: \(parameters.clauseOrder.rawValue), \(parameters.adjectiveOrder.rawValue), "
                       + "\(parameters.adpositionOrder.rawValue), \(parameters.scriptMapping.rawValue) script."])
    }

    public func isAvailable() -> Bool { true }

    /// Not cached: reading the file or generating the text is as fast as reading a cache.
    public func cacheIdentity() throws -> String? { nil }

    public func load() throws -> Corpus {
        guard documentCount >= 0, sentencesPerDocument.lowerBound >= 1 else {
            throw CorpusError.invalidParameter(name: "synthetic corpus size",
                                               reason: "need documentCount ≥ 0 and at least one sentence per document")
        }
        let language = try SyntheticLanguage(parameters)
        var generator = SeededGenerator(seed: FNV1a64.hash("text", seed: textSeed))
        let documents = (0..<documentCount).map { index in
            let sentences = sentencesPerDocument.lowerBound + generator.nextIndex(below: sentencesPerDocument.count)
            return Document(id: "\(name)#\(index)", source: name,
                            text: language.document(sentenceCount: sentences, generator: &generator),
                            entryIndex: index)
        }
        return Corpus(info: info, documents: documents)
    }
}
