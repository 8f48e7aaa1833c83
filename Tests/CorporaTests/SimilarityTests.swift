// Proves the similarity measure's fixed points and the fact-based relatedness of the Debian languages.
import Corpora
import Testing

@Test func identicalTextIsFullySimilarAndDisjointScriptsAreNot() throws {
    let english = try CharacterNGramProfile(documents: documents(["the quick brown fox jumps over the lazy dog"]))
    let russian = try CharacterNGramProfile(documents: documents(["съешь же ещё этих мягких французских булок"]))
    #expect(abs(english.cosineSimilarity(to: english) - 1) < 1e-12)
    #expect(english.cosineSimilarity(to: russian) == 0)
}

@Test func factsRankSameBranchAboveSameFamilyAboveUnrelated() throws {
    let spanish = try #require(LanguageFacts.facts(for: "es"))
    let italian = try #require(LanguageFacts.facts(for: "it"))
    let german = try #require(LanguageFacts.facts(for: "de"))
    let chinese = try #require(LanguageFacts.facts(for: "zh"))
    let russian = try #require(LanguageFacts.facts(for: "ru"))
    let bulgarian = try #require(LanguageFacts.facts(for: "bg"))
    #expect(spanish.relatedness(to: italian) > spanish.relatedness(to: german))
    #expect(spanish.relatedness(to: german) > spanish.relatedness(to: chinese))
    #expect(russian.relatedness(to: bulgarian) > russian.relatedness(to: german))
    #expect(LanguageFacts.all.count == FortuneLanguage.allCases.count)
}

@Test func rankingPutsTheCloserSyntheticLanguageFirst() throws {
    let alpha = try SyntheticSource(preset: .alpha, documentCount: 200).load()
    let beta = try SyntheticSource(preset: .beta, documentCount: 200).load()
    let gamma = try SyntheticSource(preset: .gamma, documentCount: 200).load()
    let ranking = try LanguageSimilarity.rank(target: alpha, candidates: [gamma, beta])
    #expect(ranking.map(\.source) == ["synthetic:beta", "synthetic:gamma"])
    #expect(ranking.allSatisfy { $0.byFacts == nil })
}
