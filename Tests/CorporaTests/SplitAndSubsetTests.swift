// Proves splits depend on document content only (stable when the corpus or budgets change) and that
// byte-budget subsets nest.
import Corpora
import Testing

private let manyDocuments = documents((0..<2_000).map { "document number \($0) with some words" })

@Test func splitOfADocumentDoesNotDependOnTheOtherDocuments() throws {
    let full = try SplitCorpus(manyDocuments)
    let half = try SplitCorpus(Array(manyDocuments.prefix(1_000)))
    let firstHalfIds = Set(manyDocuments.prefix(1_000).map(\.id))
    for split in DatasetSplit.allCases {
        #expect(full[split].filter { firstHalfIds.contains($0.id) }.map(\.id) == half[split].map(\.id))
    }
}

@Test func splitFractionsAreMetWithinSamplingError() throws {
    let split = try SplitCorpus(manyDocuments, fractions: SplitFractions(validation: 0.1, test: 0.2))
    #expect(abs(Double(split.validation.count) / 2_000 - 0.1) < 0.03)
    #expect(abs(Double(split.test.count) / 2_000 - 0.2) < 0.03)
    #expect(split.train.count + split.validation.count + split.test.count == 2_000)
}

@Test func impossibleSplitFractionsAreRejected() {
    #expect(throws: CorpusError.self) { try SplitCorpus(manyDocuments, fractions: SplitFractions(validation: 0.6, test: 0.5)) }
}

@Test func byteBudgetSubsetsAreNestedPrefixes() {
    let subsets = NestedSubsets.subsets(manyDocuments, byteBudgets: [2_000, 10_000, 40_000])
    let (low, medium, high) = (subsets[0], subsets[1], subsets[2])
    #expect(Set(low.map(\.id)).isSubset(of: Set(medium.map(\.id))))
    #expect(Set(medium.map(\.id)).isSubset(of: Set(high.map(\.id))))
    #expect(Array(high.prefix(medium.count)) == medium)
    #expect(low.reduce(0) { $0 + $1.byteCount } >= 2_000)
    #expect(low.dropLast().reduce(0) { $0 + $1.byteCount } < 2_000)
}

@Test func subsetOrderIgnoresDocumentsAddedLater() {
    let small = NestedSubsets.subset(Array(manyDocuments.prefix(1_000)), byteBudget: 5_000)
    let fromAll = NestedSubsets.order(manyDocuments).filter { document in
        manyDocuments.prefix(1_000).contains { $0.id == document.id }
    }
    #expect(Array(fromAll.prefix(small.count)) == small)
}
