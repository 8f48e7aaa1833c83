// Spearman's ρ against hand-computed answers, with and without ties.
import Testing
@testable import LawFit

@Test func tiedValuesShareTheirAverageRank() {
    #expect(averageRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
}

@Test func spearmanMatchesHandComputedValues() throws {
    // Monotone but not linear: ρ = 1 exactly; reversed: −1.
    #expect(try #require(spearmanCorrelation([1, 2, 3, 4], [1, 8, 27, 64])) == 1)
    #expect(try #require(spearmanCorrelation([1, 2, 3, 4], [4, 3, 2, 1])) == -1)
    // Ranks x = 1…5, y = (2, 1, 4, 3, 5): Σd² = 4, ρ = 1 − 6·4 / (5·24) = 0.8.
    let rho = try #require(spearmanCorrelation([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]))
    #expect(abs(rho - 0.8) < 1e-12)
    // With ties, x ranks (1.5, 1.5, 3, 4) and y ranks (1, 2, 3, 4): centred (−1, −1, 0.5, 1.5)
    // and (−1.5, −0.5, 0.5, 1.5), so ρ = 4.5 / √(4.5 · 5) = 0.948683…
    let tied = try #require(spearmanCorrelation([0, 0, 0.3, 0.6], [1.1, 1.2, 2.0, 3.5]))
    #expect(abs(tied - 0.9486832980505138) < 1e-12)
}

@Test func spearmanIsUndefinedForConstantOrShortSamples() {
    #expect(spearmanCorrelation([1, 1, 1], [1, 2, 3]) == nil)
    #expect(spearmanCorrelation([1], [2]) == nil)
    #expect(spearmanCorrelation([1, 2], [1, 2, 3]) == nil)
}
