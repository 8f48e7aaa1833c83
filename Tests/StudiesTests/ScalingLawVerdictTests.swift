// The scaling-law verdict rules on hand-made numbers: judging one fitted quantity against a range,
// combining several outcomes into one, and the monotonicity check over a grid of runs.
import LawFit
import Reporting
import Testing
@testable import Studies

private let settings = ScalingLawSettings(
    corpora: ["synthetic:alpha"], validationFraction: 0.1, maximumEpochs: 4, tokenBudgets: [1_000, 2_000], isoFLOPBudgets: [],
    isoFLOPSizeCount: 5, isoFLOPSizeRatio: 1.6, method: .cosine, cooldownFraction: 0.2, holdOutLargestModel: false,
    allocationExponentRange: 0.35...0.65, monotonicToleranceBitsPerByte: 0.01, offsetRelativeWidth: 0.25, heldOutRelativeError: 0.05)

private func quantity(_ estimate: Double, interval: ClosedRange<Double>? = nil) -> FittedQuantity {
    FittedQuantity(name: "a", estimate: estimate,
                   interval: interval.map { ConfidenceInterval(lower: $0.lowerBound, upper: $0.upperBound, level: 0.95) })
}

/// One cosine run of the grid: `model` with `parameters` at `tokens`, one loss per seed (bits per byte).
private func point(_ model: String, parameters: Double, tokens: Double, losses: [Double]) -> ScalingPoint {
    ScalingPoint(model: model, parameters: parameters, nonEmbeddingParameters: parameters / 2, tokens: tokens,
                 method: .cosine, flopsPerToken: 6 * parameters, seeds: Array(losses.indices), seedLosses: losses, curve: [])
}

/// Two models (xs: 1,000 parameters, s: 2,000) × two budgets (1,000 and 2,000 tokens), with the seed
/// losses of xs at 1,000 and 2,000 tokens, then of s at 1,000 and 2,000 tokens.
private func grid(_ losses: [[Double]]) -> [ScalingPoint] {
    [point("xs", parameters: 1_000, tokens: 1_000, losses: losses[0]),
     point("xs", parameters: 1_000, tokens: 2_000, losses: losses[1]),
     point("s", parameters: 2_000, tokens: 1_000, losses: losses[2]),
     point("s", parameters: 2_000, tokens: 2_000, losses: losses[3])]
}

@Test func judgeReproducesOnlyAnIntervalWhollyInsideTheRange() {
    #expect(settings.judge(quantity(0.5, interval: 0.40...0.60), within: 0.35...0.65) == .reproduced)
    #expect(settings.judge(quantity(0.5, interval: 0.35...0.65), within: 0.35...0.65) == .reproduced)
    #expect(settings.judge(quantity(0.5, interval: 0.30...0.60), within: 0.35...0.65) == .inconclusive)
    #expect(settings.judge(quantity(0.5, interval: 0.40...0.70), within: 0.35...0.65) == .inconclusive)
    #expect(settings.judge(quantity(0.8, interval: 0.70...0.90), within: 0.35...0.65) == .notReproduced)
    #expect(settings.judge(quantity(0.2, interval: 0.10...0.30), within: 0.35...0.65) == .notReproduced)
}

@Test func judgeWithoutAnIntervalReadsTheEstimate() {
    #expect(settings.judge(quantity(0.5), within: 0.35...0.65) == .reproduced)
    #expect(settings.judge(quantity(0.66), within: 0.35...0.65) == .notReproduced)
}

@Test func combineLetsAnyFailureWinThenAnyDoubt() {
    #expect(settings.combine([.reproduced, .reproduced, .reproduced]) == .reproduced)
    #expect(settings.combine([.reproduced, .inconclusive, .reproduced]) == .inconclusive)
    #expect(settings.combine([.inconclusive, .notReproduced, .reproduced]) == .notReproduced)
    #expect(settings.combine([]) == .inconclusive)
}

@Test func monotonicityChecksEveryNeighbouringPairAlongNAndD() {
    // Two pairs along N (one per budget) and two along D (one per model).
    let verdict = settings.monotonicity(grid([[3.0], [2.8], [2.9], [2.6]]))
    #expect(verdict.outcome == .reproduced)
    #expect(verdict.statistics.map(\.value) == [4, 0])
}

@Test func monotonicityToleratesRisesBelowTheToleranceAndAveragesSeeds() {
    // s at 2,000 tokens averages (2.79 + 2.83) / 2 = 2.81 bpb: 0.005 above s at 1,000 tokens (2.805),
    // below the 0.01 tolerance; its second seed alone (2.83) would break it.
    #expect(settings.monotonicity(grid([[3.0], [2.9], [2.805], [2.79, 2.83]])).outcome == .reproduced)
}

@Test func monotonicityFailsOnARiseBeyondTheTolerance() {
    // The larger model is worse at 2,000 tokens by 0.05 bpb: one of four pairs.
    let verdict = settings.monotonicity(grid([[3.0], [2.8], [2.9], [2.85]]))
    #expect(verdict.outcome == .notReproduced)
    #expect(verdict.statistics.map(\.value) == [4, 1])
    #expect(verdict.explanation.hasPrefix("1 of 4 neighbouring pairs get worse: s at"))
}

@Test func monotonicityWithoutPairsIsInconclusive() {
    #expect(settings.monotonicity([]).outcome == .inconclusive)
    #expect(settings.monotonicity([point("xs", parameters: 1_000, tokens: 1_000, losses: [3.0])]).outcome == .inconclusive)
}
