// Proves synthetic languages are reproducible, that their parameters show in the text (script,
// lexicon overlap), and that measured similarity falls as lexicon overlap falls.
import Corpora
import Testing

private func language(overlap: Double, textSeed: UInt64 = 2, script: ScriptMapping = .latin) throws -> Corpus {
    let parameters = SyntheticLanguageParameters(name: "overlap\(overlap)", lexiconSeed: 99,
                                                 sharedLexicon: (SyntheticPreset.alpha.parameters.lexiconSeed, overlap),
                                                 scriptMapping: script)
    return try SyntheticSource(parameters: parameters, documentCount: 300, textSeed: textSeed).load()
}

@Test func sameSeedsGiveTheSameTextAndOtherTextSeedsDiffer() throws {
    let first = try SyntheticSource(preset: .beta, documentCount: 20).load()
    let again = try SyntheticSource(preset: .beta, documentCount: 20).load()
    let other = try SyntheticSource(preset: .beta, documentCount: 20, textSeed: 2).load()
    #expect(first.documents == again.documents)
    #expect(first.documents != other.documents)
}

@Test func lexiconOverlapMatchesItsParameter() throws {
    let alpha = try SyntheticLanguage(SyntheticPreset.alpha.parameters)
    let beta = try SyntheticLanguage(SyntheticPreset.beta.parameters)
    let gamma = try SyntheticLanguage(SyntheticPreset.gamma.parameters)
    #expect(abs(beta.lexicon.sharedFraction(with: alpha.lexicon) - 0.5) < 0.06)
    #expect(gamma.lexicon.sharedFraction(with: alpha.lexicon) == 0)
}

@Test func measuredSimilarityFallsAsLexiconOverlapFalls() throws {
    let alpha = try CharacterNGramProfile(documents: SyntheticSource(preset: .alpha, documentCount: 300).load().documents)
    let similarities = try [1.0, 0.75, 0.5, 0.25, 0.0].map { overlap in
        alpha.cosineSimilarity(to: try CharacterNGramProfile(documents: language(overlap: overlap).documents))
    }
    for (higher, lower) in zip(similarities, similarities.dropFirst()) {
        #expect(higher > lower, "similarity by overlap 1 → 0: \(similarities)")
    }
    #expect(similarities[0] > 0.95)
}

@Test func scriptMappingChangesEveryLetterButKeepsStructure() throws {
    let latin = try language(overlap: 0.5)
    let cyrillic = try language(overlap: 0.5, script: .cyrillic)
    #expect(cyrillic.documents[0].text == ScriptMapping.cyrillic.apply(latin.documents[0].text))
    #expect(!cyrillic.documents[0].text.unicodeScalars.contains { ("a"..."z").contains($0) })
    let latinProfile = try CharacterNGramProfile(documents: latin.documents)
    #expect(latinProfile.cosineSimilarity(to: try CharacterNGramProfile(documents: cyrillic.documents)) < 0.05)
    #expect(ScriptMapping.greek.apply("abc Xyz.") == "αβψ Χυζ.")
}

@Test func wordOrderParametersShapeTheSentences() throws {
    func verbFinalShare(_ order: ClauseOrder) throws -> Double {
        let parameters = SyntheticLanguageParameters(name: "order", lexiconSeed: 5, clauseOrder: order)
        let language = try SyntheticLanguage(parameters)
        let verbs = Set(language.lexicon.words[.verb] ?? [])
        var generator = SeededGenerator(seed: 1)
        let sentences = (0..<400).map { _ in language.document(sentenceCount: 1, generator: &generator) }
        let verbFinal = sentences.filter { sentence in
            let last = sentence.dropLast().split(separator: " ").last.map(String.init) ?? ""
            return verbs.contains(last)
        }
        return Double(verbFinal.count) / Double(sentences.count)
    }
    #expect(try verbFinalShare(.subjectObjectVerb) > 0.4)
    #expect(try verbFinalShare(.subjectVerbObject) < 0.35)
}

@Test func presetsAreAvailableByName() throws {
    let gamma = try CorpusCatalog().load("synthetic:gamma")
    #expect(gamma.info.script == .cyrillic)
    #expect(gamma.documentCount == 4_000)
    #expect(throws: CorpusError.self) { try SyntheticLanguage(SyntheticLanguageParameters(name: "bad", lexiconSeed: 1, sharedLexicon: (2, 1.5))) }
}
