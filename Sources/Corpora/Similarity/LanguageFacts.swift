// Facts about the corpus languages (family, branch, script) from DEPS.md §3.3, and the rules that
// pick the most and least similar added languages, by facts or by measurement.

/// Genealogy and script of a language.
public struct LanguageFacts: Sendable, Hashable {
    /// Language code, e.g. `pt-BR`.
    public var code: String
    /// English name.
    public var name: String
    /// Family, e.g. `Indo-European`.
    public var family: String
    /// Branch within the family, e.g. `Romance`, `West Slavic`.
    public var branch: String
    public var script: Script

    /// The Debian corpus languages. Esperanto is listed as a constructed language with a largely
    /// Romance vocabulary (its branch is `Constructed (Romance lexicon)`).
    public static let all: [LanguageFacts] = [
        LanguageFacts(code: "en", name: "English", family: "Indo-European", branch: "Germanic", script: .latin),
        LanguageFacts(code: "de", name: "German", family: "Indo-European", branch: "Germanic", script: .latin),
        LanguageFacts(code: "es", name: "Spanish", family: "Indo-European", branch: "Romance", script: .latin),
        LanguageFacts(code: "it", name: "Italian", family: "Indo-European", branch: "Romance", script: .latin),
        LanguageFacts(code: "pt-BR", name: "Brazilian Portuguese", family: "Indo-European", branch: "Romance", script: .latin),
        LanguageFacts(code: "pl", name: "Polish", family: "Indo-European", branch: "West Slavic", script: .latin),
        LanguageFacts(code: "cs", name: "Czech", family: "Indo-European", branch: "West Slavic", script: .latin),
        LanguageFacts(code: "ru", name: "Russian", family: "Indo-European", branch: "East Slavic", script: .cyrillic),
        LanguageFacts(code: "bg", name: "Bulgarian", family: "Indo-European", branch: "South Slavic", script: .cyrillic),
        LanguageFacts(code: "ga", name: "Irish", family: "Indo-European", branch: "Celtic", script: .latin),
        LanguageFacts(code: "eo", name: "Esperanto", family: "Constructed", branch: "Constructed (Romance lexicon)", script: .latin),
        LanguageFacts(code: "zh", name: "Chinese", family: "Sino-Tibetan", branch: "Sinitic", script: .han),
    ]

    /// Facts for `code`, nil when unknown (e.g. synthetic languages).
    public static func facts(for code: String) -> LanguageFacts? {
        all.first { $0.code == code }
    }

    /// A relatedness grade by facts: 3 same branch, 2 same family, 0 otherwise; plus 1 for the same
    /// script. Slavic branches count as one group at grade 2.5 (shared Slavic vocabulary).
    public func relatedness(to other: LanguageFacts) -> Double {
        var grade = 0.0
        if branch == other.branch {
            grade = 3
        } else if branch.hasSuffix("Slavic") && other.branch.hasSuffix("Slavic") {
            grade = 2.5
        } else if family == other.family {
            grade = 2
        }
        return grade + (script == other.script ? 1 : 0)
    }
}

/// One candidate language with its measured similarity to a target.
public struct SimilarityRanking: Sendable, Hashable {
    /// Source name of the candidate.
    public var source: String
    /// Cosine similarity of character-trigram profiles (0 … 1).
    public var measured: Double
    /// Relatedness by facts (see `LanguageFacts.relatedness`), nil when a language has no facts.
    public var byFacts: Double?
    /// Bytes of the candidate's documents the profile read.
    public var sampleBytes: Int
}

public enum LanguageSimilarity {
    /// Candidates ranked by measured similarity to `target`, most similar first (ties by name).
    /// The rule for "most similar" is the first entry, "least similar" the last. Each profile reads
    /// the documents in the given order up to `maximumBytes` bytes (plus part of one document).
    public static func rank(target: Corpus, candidates: [Corpus], maximumBytes: Int = 1 << 20) throws -> [SimilarityRanking] {
        let targetProfile = try CharacterNGramProfile(documents: target.documents, maximumBytes: maximumBytes)
        let targetFacts = LanguageFacts.facts(for: target.info.language)
        return try candidates.map { candidate in
            let profile = try CharacterNGramProfile(documents: candidate.documents, maximumBytes: maximumBytes)
            let facts = LanguageFacts.facts(for: candidate.info.language)
            let byFacts = targetFacts.flatMap { target in facts.map { target.relatedness(to: $0) } }
            return SimilarityRanking(source: candidate.info.name, measured: targetProfile.cosineSimilarity(to: profile),
                                     byFacts: byFacts, sampleBytes: profile.sampleBytes)
        }
        .sorted { ($0.measured, $1.source) > ($1.measured, $0.source) }
    }
}
