// Proves the two variants of alpha on the similarity ladder are what they claim, measured on the
// generated text: alpha-cyrillic shares alpha's syntax but no letter byte (it transliterates alpha
// exactly), alpha-sov shares alpha's words and bytes but not its word order or syntax.
import Corpora
import Testing

private let documentCount = 500

private func load(_ preset: SyntheticPreset, textSeed: UInt64 = 1) throws -> Corpus {
    try SyntheticSource(preset: preset, documentCount: documentCount, textSeed: textSeed).load()
}

/// The words of `text`, lower-cased and without punctuation, sorted: its word multiset.
private func sortedWords(_ text: String) -> [String] {
    text.split(separator: " ").map { $0.lowercased().filter(\.isLetter) }.sorted()
}

@Test func scriptVariantTransliteratesAlphaAndSharesOnlySpaceAndPeriodBytes() throws {
    let alpha = try load(.alpha)
    let cyrillic = try load(.alphaCyrillic)
    let mismatches = zip(alpha.documents, cyrillic.documents).filter { ScriptMapping.cyrillic.revert($1.text) != $0.text }
    #expect(mismatches.isEmpty, "\(mismatches.count) of \(documentCount) documents do not map back to alpha's")
    let alphaBytes = Set(alpha.documents.flatMap(\.bytes))
    let cyrillicBytes = Set(cyrillic.documents.flatMap(\.bytes))
    #expect(alphaBytes.intersection(cyrillicBytes) == [UInt8(ascii: " "), UInt8(ascii: ".")])
    #expect(cyrillic.info.script == .cyrillic)

    let trigrams = try CharacterNGramProfile(documents: alpha.documents)
    #expect(trigrams.cosineSimilarity(to: try CharacterNGramProfile(documents: cyrillic.documents)) < 0.01)
    let alphaLanguage = try SyntheticLanguage(SyntheticPreset.alpha.parameters)
    let cyrillicLanguage = try SyntheticLanguage(SyntheticPreset.alphaCyrillic.parameters)
    let syntax = try alphaLanguage.syntaxProfile(of: alpha.documents)
        .cosineSimilarity(to: try cyrillicLanguage.syntaxProfile(of: cyrillic.documents))
    #expect(syntax > 0.999, "part-of-speech bigram cosine \(syntax)")
}

@Test func orderVariantPermutesAlphasWordsButNotItsWordPairs() throws {
    let alpha = try load(.alpha)
    let otherAlpha = try load(.alpha, textSeed: 2)
    let verbFinal = try load(.alphaSOV)
    let alphaLanguage = try SyntheticLanguage(SyntheticPreset.alpha.parameters)
    let verbFinalLanguage = try SyntheticLanguage(SyntheticPreset.alphaSOV.parameters)
    #expect(verbFinalLanguage.lexicon == alphaLanguage.lexicon)

    let pairs = zip(alpha.documents, verbFinal.documents)
    let otherMultisets = pairs.filter { sortedWords($0.text) != sortedWords($1.text) }
    #expect(otherMultisets.isEmpty, "\(otherMultisets.count) of \(documentCount) documents have other words than alpha's")
    #expect(pairs.filter { $0.bytes == $1.bytes }.count < documentCount / 20, "the order variant mostly repeats alpha")

    // Same syntax, other sentences (alpha, text seed 2) is the reference for "shared word order".
    let words = try WordBigramProfile(documents: alpha.documents)
    let sameOrder = words.cosineSimilarity(to: try WordBigramProfile(documents: otherAlpha.documents))
    let otherOrder = words.cosineSimilarity(to: try WordBigramProfile(documents: verbFinal.documents))
    #expect(otherOrder < sameOrder - 0.2, "word-bigram cosine: other order \(otherOrder), same order \(sameOrder)")
    let syntax = try alphaLanguage.syntaxProfile(of: alpha.documents)
    let sameSyntax = syntax.cosineSimilarity(to: try alphaLanguage.syntaxProfile(of: otherAlpha.documents))
    let otherSyntax = syntax.cosineSimilarity(to: try verbFinalLanguage.syntaxProfile(of: verbFinal.documents))
    #expect(sameSyntax > 0.99 && otherSyntax < 0.8, "part-of-speech bigram cosine: same \(sameSyntax), other \(otherSyntax)")

    let trigrams = try CharacterNGramProfile(documents: alpha.documents)
    let sharedBytes = trigrams.cosineSimilarity(to: try CharacterNGramProfile(documents: verbFinal.documents))
    #expect(sharedBytes > 0.95, "character-trigram cosine \(sharedBytes)")
}

@Test func partOfSpeechLookupReadsEveryScriptAndCase() throws {
    let alpha = try SyntheticLanguage(SyntheticPreset.alpha.parameters)
    let cyrillic = try SyntheticLanguage(SyntheticPreset.alphaCyrillic.parameters)
    let noun = try #require(alpha.lexicon.words[.noun]?.first)
    let capitalised = noun.prefix(1).uppercased() + noun.dropFirst()
    #expect(alpha.partOfSpeech(of: noun + ".") == .noun)
    #expect(cyrillic.partOfSpeech(of: ScriptMapping.cyrillic.apply(capitalised)) == .noun)
    #expect(alpha.partOfSpeech(of: "qqq") == nil)
    #expect(ScriptMapping.greek.revert(ScriptMapping.greek.apply("Abc xyz.")) == "Abc xyz.")
}
