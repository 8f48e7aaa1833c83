// Named synthetic languages (`synthetic:alpha`, ...) with fixed parameters, so studies and tests can
// refer to them by name: four languages at graded distances from alpha, and two variants of alpha
// for the similarity ladder (its text in another script; its words in another order).

/// The named presets.
public enum SyntheticPreset: String, Sendable, Hashable, Codable, CaseIterable {
    /// SVO, adjective before noun, prepositions, Latin script, its own lexicon.
    case alpha
    /// Alpha's word order and script; half of its lexicon slots hold alpha's words.
    case beta
    /// SOV, noun before adjective, postpositions, Cyrillic script, no shared words with alpha.
    case gamma
    /// VSO, noun before adjective, prepositions, Greek script, no shared words with alpha.
    case delta
    /// Alpha written in Cyrillic letters: alpha's lexicon, word order and draws, so with the same
    /// text seed every document is alpha's document transliterated (`ScriptMapping.revert` gives it
    /// back exactly). Syntax shared, no byte in common but space and period.
    case alphaCyrillic = "alpha-cyrillic"
    /// Alpha's words in the harmonic verb-final order: SOV, noun before adjective, postpositions.
    /// The generator draws every word before it orders them, so with the same text seed every
    /// sentence is a permutation of alpha's sentence (same words, same multiset per document);
    /// only the capital moves to the new first word. Bytes shared, syntax not.
    case alphaSOV = "alpha-sov"

    /// Documents of a preset source named without a size (`synthetic:alpha`): about 0.7 MB in
    /// Latin script, 1.3 MB in Cyrillic or Greek (whose letters take 2 bytes).
    public static let defaultDocumentCount = 4_000

    /// Lexicon seed of alpha, the language the others share words with.
    static let alphaSeed: UInt64 = 0xA1FA

    /// The parameters of the preset.
    public var parameters: SyntheticLanguageParameters {
        switch self {
        case .alpha:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: SyntheticPreset.alphaSeed)
        case .beta:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: 0xBE7A,
                                        sharedLexicon: (SyntheticPreset.alphaSeed, 0.5))
        case .gamma:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: 0x6A33A, clauseOrder: .subjectObjectVerb,
                                        adjectiveOrder: .nounAdjective, adpositionOrder: .postpositions,
                                        scriptMapping: .cyrillic)
        case .delta:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: 0xDE17A, clauseOrder: .verbSubjectObject,
                                        adjectiveOrder: .nounAdjective, adpositionOrder: .prepositions,
                                        scriptMapping: .greek)
        case .alphaCyrillic:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: SyntheticPreset.alphaSeed, scriptMapping: .cyrillic)
        case .alphaSOV:
            SyntheticLanguageParameters(name: rawValue, lexiconSeed: SyntheticPreset.alphaSeed,
                                        clauseOrder: .subjectObjectVerb, adjectiveOrder: .nounAdjective,
                                        adpositionOrder: .postpositions)
        }
    }
}
