// Named synthetic languages (`synthetic:alpha`, ...) with fixed parameters, so studies and tests can
// refer to them by name.

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
        }
    }
}
