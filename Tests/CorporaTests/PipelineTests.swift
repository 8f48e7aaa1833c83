// Proves the pieces compose the way a study uses them: source name → split → budgeted subset →
// quality-ordered mixture with replay → training batches and fixed held-out batches, reproducibly.
import Corpora
import Foundation
import Testing

private struct StudyData {
    var firstBatches: [ByteBatch]
    var evaluation: [ByteBatch]
}

private func buildStudyData(cacheDirectory: String) throws -> StudyData {
    let catalog = CorpusCatalog(cache: CorpusCache(directory: cacheDirectory))
    let domain = try SplitCorpus(catalog.load("synthetic:beta").documents)
    let general = try SplitCorpus(catalog.load("synthetic:alpha").documents)
    let domainSubset = NestedSubsets.subset(domain.train, byteBudget: 100_000)
    let scorer = try QualityScorer(order: 3, reference: domain.validation)
    let curriculum = try DocumentOrder.ascendingQuality.apply(to: domainSubset, scores: scorer.scores(domainSubset))
    let replay = try DocumentOrder.shuffled(seed: 1).apply(to: general.train)
    let mixed = try Mixture.mix([MixtureComponent(name: "domain", documents: curriculum, weight: 0.25),
                                 MixtureComponent(name: "replay", documents: replay, weight: 0.75)],
                                totalBytes: 200_000)
    var sampler = try BatchSampler(stream: TokenStream(documents: mixed), batchSize: 4, contextLength: 64,
                                   mode: .sequential)
    let evaluation = try EvaluationBatches.make(stream: TokenStream(documents: domain.validation), batchSize: 4,
                                                contextLength: 64, maximumBatches: 5)
    return StudyData(firstBatches: (0..<3).map { _ in sampler.next() }, evaluation: evaluation)
}

@Test func studyDataFromSourceNamesIsReproducible() throws {
    let folders = [try temporaryFolder(), try temporaryFolder()]
    defer { for folder in folders { try? FileManager.default.removeItem(atPath: folder) } }
    let first = try buildStudyData(cacheDirectory: folders[0])
    let second = try buildStudyData(cacheDirectory: folders[1])
    #expect(first.firstBatches == second.firstBatches)
    #expect(first.evaluation == second.evaluation)
    #expect(first.evaluation.count == 5 && first.evaluation.allSatisfy { $0.batchSize == 4 })
    #expect(first.firstBatches.allSatisfy { $0.tokens.count == 4 * 65 })
}
