// Proves the seeded generator is reproducible from its seed.
import Corpora
import Testing

@Test func seededGeneratorRepeatsFromTheSameSeedAndDiffersAcrossSeeds() {
    var first = SeededGenerator(seed: 42)
    var second = SeededGenerator(seed: 42)
    var other = SeededGenerator(seed: 43)
    let a = (0..<8).map { _ in first.next() }
    let b = (0..<8).map { _ in second.next() }
    let c = (0..<8).map { _ in other.next() }
    #expect(a == b)
    #expect(a != c)
}
