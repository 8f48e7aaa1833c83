// The word-order parameters of a synthetic language (the typological switches of WALS features
// 81A, 87A and 85A: clause order, adjective–noun order, adposition type).

/// Order of subject, verb and object in a clause.
public enum ClauseOrder: String, Sendable, Hashable, Codable, CaseIterable {
    case subjectVerbObject = "SVO"
    case subjectObjectVerb = "SOV"
    case verbSubjectObject = "VSO"
}

/// Order of an attributive adjective and its noun.
public enum AdjectiveOrder: String, Sendable, Hashable, Codable, CaseIterable {
    case adjectiveNoun = "AdjN"
    case nounAdjective = "NAdj"
}

/// Whether adpositions precede or follow their noun phrase.
public enum AdpositionOrder: String, Sendable, Hashable, Codable, CaseIterable {
    case prepositions = "Prep"
    case postpositions = "Postp"
}
