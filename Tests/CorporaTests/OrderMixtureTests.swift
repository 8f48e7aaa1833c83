// Proves shuffles are seeded permutations, epochs repeat (reshuffled or not), and mixtures hold their
// byte ratios throughout.
import Corpora
import Testing

private let pool = documents((0..<300).map { "doc \($0) " + String(repeating: "x", count: $0 % 37) })

@Test func shuffleIsASeededPermutation() throws {
    let first = try DocumentOrder.shuffled(seed: 5).apply(to: pool)
    #expect(first == (try DocumentOrder.shuffled(seed: 5).apply(to: pool)))
    #expect(first != (try DocumentOrder.shuffled(seed: 6).apply(to: pool)))
    #expect(first.map(\.id).sorted() == pool.map(\.id).sorted())
    #expect(first != pool)
}

@Test func sortingWithoutScoresIsAnError() {
    #expect(throws: CorpusError.self) { try DocumentOrder.ascendingQuality.apply(to: pool) }
}

@Test func epochsRepeatTheSubsetAndReshuffleOnlyWhenAsked() throws {
    let subset = Array(pool.prefix(10))
    let plain = try Epochs.repeated(subset, count: 3)
    #expect(plain == subset + subset + subset)
    let reshuffled = try Epochs.repeated(subset, count: 3, reshuffleSeed: 9)
    #expect(reshuffled.count == 30)
    #expect(Array(reshuffled[0..<10]) != Array(reshuffled[10..<20]))
    #expect(Array(reshuffled[10..<20]).map(\.id).sorted() == subset.map(\.id).sorted())
    #expect(throws: CorpusError.self) { try Epochs.repeated(subset, count: 0) }
}

@Test(arguments: [0.25, 0.5, 0.1])
func mixtureHoldsItsByteRatioWithinTolerance(domainShare: Double) throws {
    let domain = documents((0..<50).map { "domain text \($0) " + String(repeating: "d", count: $0 % 50) }, source: "domain")
    let general = documents((0..<400).map { "general \($0) " + String(repeating: "g", count: $0 % 80) }, source: "general")
    let mixed = try Mixture.mix([MixtureComponent(name: "domain", documents: domain, weight: domainShare),
                                 MixtureComponent(name: "replay", documents: general, weight: 1 - domainShare)],
                                totalBytes: 100_000)
    func share(_ documents: ArraySlice<Document>) -> Double {
        let domainBytes = documents.filter { $0.source == "domain" }.reduce(0) { $0 + $1.byteCount }
        return Double(domainBytes) / Double(documents.reduce(0) { $0 + $1.byteCount })
    }
    #expect(abs(share(mixed[...]) - domainShare) < 0.01)
    #expect(abs(share(mixed.prefix(mixed.count / 4)) - domainShare) < 0.02, "the ratio holds early in the stream too")
    #expect(mixed.reduce(0) { $0 + $1.byteCount + 1 } >= 100_000, "the stream, separators included, reaches the total")
}

@Test func componentsWeightedByTheirOwnStreamsRunOutTogether() throws {
    let first = documents((0..<40).map { "first \($0) " + String(repeating: "f", count: ($0 * 7) % 60) }, source: "first")
    let second = documents((0..<90).map { "second \($0) " + String(repeating: "s", count: ($0 * 11) % 45) }, source: "second")
    func streamBytes(_ documents: [Document]) -> Int { documents.reduce(0) { $0 + $1.byteCount + 1 } }
    let total = streamBytes(first) + streamBytes(second)
    let mixed = try Mixture.mix([MixtureComponent(name: "first", documents: first, weight: Double(streamBytes(first))),
                                 MixtureComponent(name: "second", documents: second, weight: Double(streamBytes(second)))],
                                totalBytes: total)
    // Every document once, none restarted.
    #expect(mixed.count == first.count + second.count)
    #expect(Set(mixed.map { "\($0.source) \($0.id)" }).count == mixed.count)
    // Neither runs out early: after either one's last document, at most a few documents' bytes remain.
    let longest = (first + second).map { $0.byteCount + 1 }.max() ?? 0
    for source in ["first", "second"] {
        let last = try #require(mixed.lastIndex { $0.source == source })
        let after = streamBytes(Array(mixed[(last + 1)...]))
        #expect(after <= 3 * longest, "\(after) bytes follow the last \(source) document")
    }
    #expect(streamBytes(mixed) == total)
}
