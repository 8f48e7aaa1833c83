// The shared rule for verdicts that rest on a fit: a fit with a quantity at a bound, or with more
// than 5 % failed bootstrap resamples, makes the verdict inconclusive and the verdict says why; a
// fit within the limits leaves the call alone but still reports its failed resamples. Also the
// smoke-test notice of non-default profiles.
import Benchmarks
import Foundation
import LawFit
import Reporting
import Testing
@testable import Studies

private let smallGrid = ChinchillaStartGrid(a: [0, 5, 10], b: [0, 5, 10], e: [-1, 0.5], alpha: [0.5, 1], beta: [0.5, 1])

/// Kaplan's law fitted to exact data, with a bootstrap summary that lost `failed` of 100 resamples.
private func kaplanFit(failed: Int) throws -> LawFitReport {
    let points = [1e4, 3e4, 1e5, 3e5].map { CurvePoint(x: $0, y: pow(8.8e13 / $0, 0.076)) }
    let estimate = try KaplanLaw().fit(points)
    return LawFitReport(estimate: estimate, bootstrap: BootstrapResult(
        resamples: 100, convergedResamples: 100 - failed, failedResamples: failed, level: 0.95, seed: 0,
        intervals: [:], standardDeviations: [:], failureReasons: failed > 0 ? ["too few distinct sizes": failed] : [:]))
}

private let claim = Verdict(claim: "α_N lies in (0, 1)", outcome: .reproduced, explanation: "The interval lies inside (0, 1).",
                            evidence: [VerdictEvidence(quantity: "α_N", measured: "0.076", criterion: "(0, 1)")])

@Test func verdictOnAFitWithEAtItsLowerBoundIsInconclusiveAndSaysWhy() throws {
    let truth = ChinchillaTruth(E: 0, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
    let runs = syntheticScalingObservations(truth: truth, parameterCount: 8, tokenCount: 6, logNoise: 0, seed: 1)
    let law = ChinchillaLaw(settings: ChinchillaSettings(huber: try HuberLoss(), startGrid: smallGrid, threadCount: 2))
    let fit = NamedFit(name: "approach3", report: try fitLaw(law, to: runs), label: "Approach 3 (cosine runs)")

    let verdict = claim.restingOn([fit])
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.fits == ["approach3"])
    #expect(verdict.inconclusiveBecause.contains { $0.hasPrefix("Approach 3 (cosine runs): E is at its lower bound 0") })
    #expect(verdict.explanation.hasPrefix("Inconclusive whatever the intervals say: the fit it rests on cannot decide. "))
    #expect(verdict.explanation.contains("E is at its lower bound 0"))
    #expect(verdict.explanation.hasSuffix("The interval lies inside (0, 1)."), "the original explanation is kept")
    #expect(verdict.evidence.contains { $0.quantity == "Approach 3 (cosine runs): at a bound" && $0.measured == "E at lower bound 0" })
}

@Test func verdictOnAFitWithTooManyFailedResamplesIsInconclusiveAndSaysWhy() throws {
    let fit = NamedFit(name: "kaplan_all_parameters", report: try kaplanFit(failed: 32), label: "Kaplan L(N)")
    let verdict = claim.restingOn([fit])
    #expect(verdict.outcome == .inconclusive)
    #expect(verdict.inconclusiveBecause == [
        "Kaplan L(N): 32 of 100 bootstrap resamples failed (32 %, more than the 5 % allowed); the intervals come from the 68 that converged",
    ])
    #expect(verdict.explanation.contains("32 of 100 bootstrap resamples failed"))
    let row = try #require(verdict.evidence.last)
    #expect(row.quantity == "Kaplan L(N): failed resamples" && row.measured == "32 of 100 (32 %)" && row.criterion == "at most 5 %")
}

@Test func verdictOnASoundFitKeepsItsCallAndStillReportsFailedResamples() throws {
    let fit = NamedFit(name: "kaplan_all_parameters", report: try kaplanFit(failed: 5), label: "Kaplan L(N)")
    let verdict = claim.restingOn([fit])
    #expect(verdict.outcome == .reproduced)
    #expect(verdict.explanation == claim.explanation)
    #expect(verdict.inconclusiveBecause.isEmpty)
    #expect(verdict.evidence.last?.measured == "5 of 100 (5 %)")
}

@Test func fitRecordStatesStatusFailedResamplesAndBounds() throws {
    let failing = NamedFit(name: "k", report: try kaplanFit(failed: 32)).record
    #expect(failing.status == .unreliable)
    #expect(failing.bootstrap?.failed == 32 && failing.bootstrap?.failedShare == 0.32)
    #expect(failing.bootstrap?.failureReasons == [CountRecord(name: "too few distinct sizes", count: 32)])
    #expect(failing.problems.count == 1)
    let sound = NamedFit(name: "k", report: try kaplanFit(failed: 0)).record
    #expect(sound.status == .ok && sound.problems.isEmpty)
    #expect(sound.parameters.map(\.name) == ["alpha_N", "N_c"])
}

@Test func nonDefaultProfileOpensTheSummaryWithTheSmokeTestNotice() {
    let verdicts = [Verdict(claim: "c", outcome: .reproduced)]
    let quick = StudyReporter.summary(verdicts, profile: "quick")
    #expect(quick.hasPrefix("**Smoke test (profile `quick`).**"))
    #expect(quick.contains("indicative only"))
    #expect(quick.hasSuffix("1 of 1 claims reproduced."))
    #expect(StudyReporter.summary(verdicts, profile: StudySpec.defaultProfile) == "1 of 1 claims reproduced.")
}

@Test func evaluationSeriesBecomeSnakeCaseColumnNames() {
    #expect(StudyReporter.snakeCase("high-quality@ema") == "high_quality_ema")
    #expect(StudyReporter.snakeCase("Validation") == "validation")
    #expect(StudyReporter.snakeCase("a--b__") == "a_b")
}
