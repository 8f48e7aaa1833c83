// A synthetic language: word-order parameters, a Zipf-distributed lexicon with controlled overlap,
// a script, and the probabilistic grammar that generates its sentences and documents.
import Foundation

/// Everything that defines a synthetic language.
public struct SyntheticLanguageParameters: Sendable, Hashable {
    /// Name reported as the language code (e.g. `alpha`).
    public var name: String
    /// Seed of the language's own lexicon.
    public var lexiconSeed: UInt64
    /// When set, the seed of another language's lexicon and the fraction (0…1) of word slots shared with it.
    public var sharedLexicon: (seed: UInt64, fraction: Double)?
    public var clauseOrder: ClauseOrder
    public var adjectiveOrder: AdjectiveOrder
    public var adpositionOrder: AdpositionOrder
    /// Script the text is written in.
    public var scriptMapping: ScriptMapping
    /// Exponent s of the Zipf distribution p(rank r) ∝ r^(−s) within each part of speech.
    public var zipfExponent: Double

    public init(name: String, lexiconSeed: UInt64, sharedLexicon: (seed: UInt64, fraction: Double)? = nil,
                clauseOrder: ClauseOrder = .subjectVerbObject, adjectiveOrder: AdjectiveOrder = .adjectiveNoun,
                adpositionOrder: AdpositionOrder = .prepositions, scriptMapping: ScriptMapping = .latin,
                zipfExponent: Double = 1.0) {
        self.name = name
        self.lexiconSeed = lexiconSeed
        self.sharedLexicon = sharedLexicon
        self.clauseOrder = clauseOrder
        self.adjectiveOrder = adjectiveOrder
        self.adpositionOrder = adpositionOrder
        self.scriptMapping = scriptMapping
        self.zipfExponent = zipfExponent
    }

    public static func == (left: Self, right: Self) -> Bool {
        left.name == right.name && left.lexiconSeed == right.lexiconSeed
            && left.sharedLexicon?.seed == right.sharedLexicon?.seed
            && left.sharedLexicon?.fraction == right.sharedLexicon?.fraction
            && left.clauseOrder == right.clauseOrder && left.adjectiveOrder == right.adjectiveOrder
            && left.adpositionOrder == right.adpositionOrder && left.scriptMapping == right.scriptMapping
            && left.zipfExponent == right.zipfExponent
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(lexiconSeed)
        hasher.combine(sharedLexicon?.seed)
        hasher.combine(sharedLexicon?.fraction)
        hasher.combine(clauseOrder)
        hasher.combine(adjectiveOrder)
        hasher.combine(adpositionOrder)
        hasher.combine(scriptMapping)
        hasher.combine(zipfExponent)
    }
}

/// A synthetic language ready to generate text.
public struct SyntheticLanguage: Sendable {
    public let parameters: SyntheticLanguageParameters
    public let lexicon: SyntheticLexicon
    /// Cumulative Zipf weights per part of speech, for sampling by rank.
    private let cumulativeWeights: [PartOfSpeech: [Double]]
    /// The part of speech of every (Latin, lower-case) word form; forms are unique in a lexicon.
    private let partsOfSpeech: [String: PartOfSpeech]

    public init(_ parameters: SyntheticLanguageParameters) throws {
        if let shared = parameters.sharedLexicon, !(0...1).contains(shared.fraction) {
            throw CorpusError.invalidParameter(name: "lexicon overlap", reason: "\(shared.fraction) is not in 0…1")
        }
        guard parameters.zipfExponent > 0 else {
            throw CorpusError.invalidParameter(name: "Zipf exponent", reason: "must be positive, got \(parameters.zipfExponent)")
        }
        self.parameters = parameters
        if let shared = parameters.sharedLexicon {
            lexicon = SyntheticLexicon(seed: parameters.lexiconSeed, sharing: shared.fraction,
                                       with: SyntheticLexicon(seed: shared.seed))
        } else {
            lexicon = SyntheticLexicon(seed: parameters.lexiconSeed)
        }
        var cumulative: [PartOfSpeech: [Double]] = [:]
        for part in PartOfSpeech.allCases {
            var running = 0.0
            cumulative[part] = (1...part.lexiconSize).map { rank in
                running += 1 / pow(Double(rank), parameters.zipfExponent)
                return running
            }
        }
        cumulativeWeights = cumulative
        var parts: [String: PartOfSpeech] = [:]
        for (part, forms) in lexicon.words {
            for form in forms { parts[form] = part }
        }
        partsOfSpeech = parts
    }

    /// The part of speech of `word` as it appears in this language's text (any case, in its
    /// script, punctuation around it ignored), or nil when the lexicon has no such form.
    public func partOfSpeech(of word: some StringProtocol) -> PartOfSpeech? {
        partsOfSpeech[parameters.scriptMapping.revert(String(word)).lowercased().filter(\.isLetter)]
    }

    /// Word-bigram profile of `documents` with every word replaced by its part of speech (`?` when
    /// unknown): the frequencies of adjacent part-of-speech pairs, a measure of syntax that does
    /// not depend on the script or the word forms.
    public func syntaxProfile(of documents: [Document], maximumBytes: Int = 1 << 20) throws -> WordBigramProfile {
        try WordBigramProfile(documents: documents, maximumBytes: maximumBytes) { word in
            partOfSpeech(of: word)?.rawValue ?? "?"
        }
    }

    /// One document of `sentenceCount` sentences generated from `generator`.
    public func document(sentenceCount: Int, generator: inout SeededGenerator) -> String {
        let sentences = (0..<sentenceCount).map { _ in sentence(generator: &generator) }
        return parameters.scriptMapping.apply(sentences.joined(separator: " "))
    }

    /// One sentence: a clause, sometimes two joined by a conjunction; capitalised, ending in a period.
    func sentence(generator: inout SeededGenerator) -> String {
        var words = clause(generator: &generator)
        if generator.nextUnit() < 0.15 {
            words.append(word(.conjunction, generator: &generator))
            words += clause(generator: &generator)
        }
        var text = words.joined(separator: " ")
        if let first = text.first {
            text = first.uppercased() + text.dropFirst()
        }
        return text + "."
    }

    private func clause(generator: inout SeededGenerator) -> [String] {
        let subject = nounPhrase(depth: 0, generator: &generator)
        let verb = [word(.verb, generator: &generator)]
        let object = generator.nextUnit() < 0.7 ? nounPhrase(depth: 0, generator: &generator) : []
        var words: [String]
        switch parameters.clauseOrder {
        case .subjectVerbObject: words = subject + verb + object
        case .subjectObjectVerb: words = subject + object + verb
        case .verbSubjectObject: words = verb + subject + object
        }
        if generator.nextUnit() < 0.3 {
            words += adpositionalPhrase(depth: 1, generator: &generator)
        }
        return words
    }

    private func nounPhrase(depth: Int, generator: inout SeededGenerator) -> [String] {
        var core = [word(.noun, generator: &generator)]
        if generator.nextUnit() < 0.35 {
            let adjective = word(.adjective, generator: &generator)
            core = parameters.adjectiveOrder == .adjectiveNoun ? [adjective] + core : core + [adjective]
        }
        if generator.nextUnit() < 0.5 {
            core = [word(.determiner, generator: &generator)] + core
        }
        if depth == 0 && generator.nextUnit() < 0.15 {
            core += adpositionalPhrase(depth: depth + 1, generator: &generator)
        }
        return core
    }

    private func adpositionalPhrase(depth: Int, generator: inout SeededGenerator) -> [String] {
        let adposition = word(.adposition, generator: &generator)
        let phrase = nounPhrase(depth: depth, generator: &generator)
        return parameters.adpositionOrder == .prepositions ? [adposition] + phrase : phrase + [adposition]
    }

    /// A word of `part` drawn by Zipf rank.
    private func word(_ part: PartOfSpeech, generator: inout SeededGenerator) -> String {
        let weights = cumulativeWeights[part] ?? [1]
        let target = generator.nextUnit() * (weights.last ?? 1)
        var low = 0
        var high = weights.count - 1
        while low < high {
            let middle = (low + high) / 2
            if weights[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return lexicon.words[part]?[low] ?? ""
    }
}
