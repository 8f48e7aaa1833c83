// Proves corruption makes documents measurably worse under the reference model, monotonically in the
// corruption level, and that ascending-quality orders really ascend.
import Corpora
import Testing

private func meanBits(_ scores: [QualityScore]) -> Double {
    scores.reduce(0) { $0 + $1.bitsPerByte } / Double(scores.count)
}

@Test(arguments: CorruptionKind.allCases)
func corruptedDocumentsScoreWorseMonotonicallyInLevel(kind: CorruptionKind) throws {
    let alpha = try SharedCorpora.alpha.get()
    let scorer = try QualityScorer(order: 4, reference: Array(alpha.documents.prefix(1_000)))
    let heldOut = Array(alpha.documents[1_000..<1_200])
    let means = [0.0, 0.25, 0.5, 0.75, 1.0].map { level in
        meanBits(scorer.scores(heldOut.map { Corruption.corrupt($0, kind: kind, level: level, seed: 7) }))
    }
    for (lower, higher) in zip(means, means.dropFirst()) {
        #expect(lower < higher, "\(kind): mean bits per byte by level \(means)")
    }
}

@Test func corruptionIsReproducibleFromTheSeed() throws {
    let document = try SharedCorpora.alpha.get().documents[3]
    let first = Corruption.corrupt(document, kind: .characterNoise, level: 0.5, seed: 11)
    #expect(first == Corruption.corrupt(document, kind: .characterNoise, level: 0.5, seed: 11))
    #expect(first != Corruption.corrupt(document, kind: .characterNoise, level: 0.5, seed: 12))
    #expect(Corruption.corrupt(document, kind: .boilerplate, level: 0, seed: 1) == document)
}

@Test func ascendingQualityOrderAscendsAndDescendingDescends() throws {
    let alpha = try SharedCorpora.alpha.get()
    let scorer = try QualityScorer(order: 3, reference: Array(alpha.documents.prefix(500)))
    let mixed = Corruption.mixedQuality(Array(alpha.documents[500..<700]), levels: [0, 0.5, 1], seed: 3).map(\.document)
    let scores = scorer.scores(mixed)
    let ascending = try DocumentOrder.ascendingQuality.apply(to: mixed, scores: scores)
    let scoreById = Dictionary(uniqueKeysWithValues: zip(mixed.map(\.id), scores.map(\.quality)))
    let ascendingQualities = ascending.compactMap { scoreById[$0.id] }
    #expect(ascendingQualities == ascendingQualities.sorted())
    let descending = try DocumentOrder.descendingQuality.apply(to: mixed, scores: scores)
    #expect(descending.compactMap { scoreById[$0.id] } == ascendingQualities.sorted(by: >))
}

@Test func parallelScoresEqualOneByOneScores() throws {
    let alpha = try SharedCorpora.alpha.get()
    let scorer = try QualityScorer(order: 3, reference: Array(alpha.documents.prefix(300)))
    let sample = Array(alpha.documents[300..<340])
    #expect(scorer.scores(sample) == sample.map(scorer.score))
}
