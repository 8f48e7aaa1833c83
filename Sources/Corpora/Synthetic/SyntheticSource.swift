// A `synthetic:<name>` or `synthetic:<name>@<size>` source: documents generated from a synthetic
// language and a text seed, a fixed number of them or as many as a byte size needs.
import Digests

/// How much text a synthetic source generates. Either way the documents come from one seeded
/// stream, so any length's documents begin with every shorter length's documents (nested).
public enum SyntheticLength: Sendable, Hashable {
    /// Exactly this many documents.
    case documents(Int)
    /// The fewest documents whose UTF-8 bytes reach this many: the text holds at least this many
    /// bytes and exceeds it by less than its last document.
    case bytes(Int)

    /// Whether a text of `documentCount` documents and `byteCount` bytes is long enough.
    func isReached(documentCount: Int, byteCount: Int) -> Bool {
        switch self {
        case .documents(let count): documentCount >= count
        case .bytes(let count): byteCount >= count
        }
    }

    var isValid: Bool {
        switch self {
        case .documents(let count), .bytes(let count): count >= 0
        }
    }
}

/// A generated corpus. Always available; nothing is read from disk.
public struct SyntheticSource: CorpusSource {
    /// The language.
    public var parameters: SyntheticLanguageParameters
    /// How many documents, or bytes, to generate.
    public var length: SyntheticLength
    /// Seed of the text (independent of the lexicon seed), so the same language can yield disjoint samples.
    public var textSeed: UInt64
    /// Sentences per document are drawn uniformly from this range.
    public var sentencesPerDocument: ClosedRange<Int>
    /// The source name (`synthetic:alpha` for presets, `synthetic:alpha@2M` for a sized preset).
    public var name: String

    /// A preset with a document count; the default is the preset's plain-name size
    /// (`SyntheticPreset.defaultDocumentCount`).
    public init(preset: SyntheticPreset, documentCount: Int = SyntheticPreset.defaultDocumentCount, textSeed: UInt64 = 1) {
        self.init(parameters: preset.parameters, length: .documents(documentCount), textSeed: textSeed,
                  name: SourceDescriptor.synthetic(preset).name)
    }

    /// A preset generating at least `byteCount` bytes (see `SyntheticLength.bytes`), named
    /// `synthetic:<preset>@<size>`. Its documents are the first documents of every larger size.
    public init(preset: SyntheticPreset, byteCount: Int, textSeed: UInt64 = 1) {
        self.init(parameters: preset.parameters, length: .bytes(byteCount), textSeed: textSeed,
                  name: SourceDescriptor.synthetic(preset, byteCount: byteCount).name)
    }

    /// A language with explicit parameters and a document count.
    public init(parameters: SyntheticLanguageParameters, documentCount: Int, textSeed: UInt64 = 1,
                sentencesPerDocument: ClosedRange<Int> = 3...8, name: String? = nil) {
        self.init(parameters: parameters, length: .documents(documentCount), textSeed: textSeed,
                  sentencesPerDocument: sentencesPerDocument, name: name)
    }

    /// A language with explicit parameters and length.
    public init(parameters: SyntheticLanguageParameters, length: SyntheticLength, textSeed: UInt64 = 1,
                sentencesPerDocument: ClosedRange<Int> = 3...8, name: String? = nil) {
        self.parameters = parameters
        self.length = length
        self.textSeed = textSeed
        self.sentencesPerDocument = sentencesPerDocument
        self.name = name ?? "synthetic:\(parameters.name)"
    }

    public var info: SourceInfo {
        var notes = ["Generated: \(parameters.clauseOrder.rawValue), \(parameters.adjectiveOrder.rawValue), "
            + "\(parameters.adpositionOrder.rawValue), \(parameters.scriptMapping.rawValue) script."]
        switch length {
        case .documents(let count):
            notes.append("Size: \(grouped(count)) documents; \(documentIDPrefix)@<bytes> (e.g. @2M, @500k) generates another size.")
        case .bytes(let count):
            notes.append("Size: documents until the text holds \(grouped(count)) bytes; every smaller size is its first documents.")
        }
        return SourceInfo(name: name, language: parameters.name, script: parameters.scriptMapping.script,
                          debianPackage: nil, requiredPackages: [], notes: notes)
    }

    public func isAvailable() -> Bool { true }

    /// `value` with thousands separated by commas, for notes.
    private func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    /// Not cached: generating runs at several MB/s even in a debug build, as fast as reading a
    /// cache file. (A cache identity would have to carry `length`, so that sizes never collide.)
    public func cacheIdentity() throws -> String? { nil }

    /// Changed whenever the generator's output changes for any parameters, so that measurements
    /// of the old text are not reused.
    public static let generatorVersion = 1

    /// The name, the generator version and every parameter of the text.
    public func measurementKey() throws -> String {
        "\(name)|generator=\(Self.generatorVersion)|length=\(length)|textSeed=\(textSeed)"
            + "|sentences=\(sentencesPerDocument)|\(parameters)"
    }

    /// Document ids leave the size out (`synthetic:alpha#12` in every size), so the same document
    /// has the same id in nested sizes.
    private var documentIDPrefix: String {
        String(name.prefix { $0 != "@" })
    }

    public func load() throws -> Corpus {
        guard length.isValid, sentencesPerDocument.lowerBound >= 1 else {
            throw CorpusError.invalidParameter(name: "synthetic corpus size",
                                               reason: "need a length ≥ 0 and at least one sentence per document")
        }
        let language = try SyntheticLanguage(parameters)
        var generator = SeededGenerator(seed: FNV1a64.hash("text", seed: textSeed))
        var documents: [Document] = []
        var byteCount = 0
        while !length.isReached(documentCount: documents.count, byteCount: byteCount) {
            let index = documents.count
            let sentences = sentencesPerDocument.lowerBound + generator.nextIndex(below: sentencesPerDocument.count)
            let document = Document(id: "\(documentIDPrefix)#\(index)", source: name,
                                    text: language.document(sentenceCount: sentences, generator: &generator),
                                    entryIndex: index)
            byteCount += document.byteCount
            documents.append(document)
        }
        return Corpus(info: info, documents: documents)
    }
}
