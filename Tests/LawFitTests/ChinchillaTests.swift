// Chinchilla Approach 3: recovery of a Hoffmann-like truth, robustness to outliers, the
// stopping-scale pitfall, compute-optimal allocation, and thread-count independence.
import Benchmarks
import Foundation
import LawFit
import Testing

/// 8 model sizes × 6 token budgets spanning Hoffmann's ranges (N 7e7–1.6e10, D 5e9–5e11).
private func hoffmannRuns(noise: Double, seed: UInt64 = 17) -> [ScalingObservation] {
    syntheticScalingObservations(truth: .hoffmann, parameterCount: 8, tokenCount: 6, logNoise: noise, seed: seed)
}

@Test func chinchillaRecoversHoffmannParametersFromExactData() throws {
    let estimate = try smallGridChinchilla().fit(hoffmannRuns(noise: 0))
    #expect(estimate.status.isConverged)
    // Noise-free data: the optimum is the truth. Near it every residual is inside the Huber
    // quadratic zone, f ≈ Σ r²/2 ~ 1e-15, so the objective pins the parameters to ~1e-6 relative
    // (measured: A 1.6e-6, B 6.7e-7, α 2.8e-7); the tolerances leave a factor ≥ 6.
    #expect(relativeError(estimate.value("E"), 1.69) < 1e-6)
    #expect(relativeError(estimate.value("A"), 406.4) < 1e-5)
    #expect(relativeError(estimate.value("B"), 410.7) < 1e-5)
    #expect(relativeError(estimate.value("alpha"), 0.34) < 2e-6)
    #expect(relativeError(estimate.value("beta"), 0.28) < 2e-6)
}

@Test func chinchillaRecoversHoffmannParametersFromNoisyData() throws {
    // 1 % log-normal noise on the 16 × 15 = 240-run grid: E within 3 %, exponents within 0.03,
    // allocation a within 0.03.
    let runs = syntheticScalingObservations(truth: .hoffmann, logNoise: 0.01, seed: 17)
    let estimate = try smallGridChinchilla().fit(runs)
    #expect(estimate.status.isConverged, "\(estimate.parameters.map { "\($0.name)=\($0.estimate)" })")
    #expect(relativeError(estimate.value("E"), 1.69) < 0.03)
    #expect(abs(try #require(estimate.value("alpha")) - 0.34) < 0.03)
    #expect(abs(try #require(estimate.value("beta")) - 0.28) < 0.03)
    #expect(abs(try #require(estimate.value("allocation_exponent_a")) - 0.28 / 0.62) < 0.03)
}

@Test func chinchillaHuberFitResistsOutliers() throws {
    // Five runs with losses 30 % too high (e.g. diverged runs) barely move the Huber fit.
    var runs = hoffmannRuns(noise: 0.005)
    for index in [3, 11, 19, 27, 40] {
        runs[index] = ScalingObservation(parameters: runs[index].parameters, tokens: runs[index].tokens,
                                         loss: runs[index].loss * 1.3)
    }
    let estimate = try smallGridChinchilla().fit(runs)
    #expect(relativeError(estimate.value("E"), 1.69) < 0.03)
    #expect(abs(try #require(estimate.value("alpha")) - 0.34) < 0.03)
    #expect(abs(try #require(estimate.value("beta")) - 0.28) < 0.03)
}

@Test func absoluteGradientStoppingStopsEarlyButRelativeRuleReachesTheOptimum() throws {
    // STUDIES.md "Pitfall": the summed Huber loss near the optimum is ~1e-3 and its gradient ~δ.
    let runs = hoffmannRuns(noise: 0.01)
    let law = try smallGridChinchilla()
    let optimum = try law.fit(runs)
    let objective = law.objective(runs)
    #expect(optimum.objectiveValue < 5e-3)
    let start: [Double] = [5, 5, 0.5, 0.5, 0.5]
    // A scale-dependent rule on the raw objective (gsl_multimin_test_gradient with 1e-3).
    let early = try BFGSMinimizer(objective: objective)
        .minimize(from: start, settings: BFGSSettings(stoppingRule: .absolute(1e-3)))
    #expect(early.status.isConverged, "the absolute test declares convergence …")
    #expect(early.value > 2 * optimum.objectiveValue, "… far above the optimum")
    // LawFit's rule: objective ÷ δ, gradient relative to the start's, then the confirmed refit.
    let settings = ConfirmationSettings()
    let reached = try minimizeConfirmed(objective.scaled(by: 1e3), from: start, settings: settings)
    #expect(reached.status.isConverged)
    #expect(abs(reached.result.value * 1e-3 - optimum.objectiveValue) < 1e-6 * optimum.objectiveValue)
    #expect(abs(reached.result.point[3] - optimum.solverParameters[3]) < 1e-4)
}

@Test func computeOptimalAllocationMatchesBruteForceMinimum() throws {
    let truth = ChinchillaTruth.hoffmann
    let allocation = ComputeOptimalAllocation(coefficientA: truth.A, coefficientB: truth.B,
                                              alpha: truth.alpha, beta: truth.beta)
    #expect(abs(allocation.parameterExponent + allocation.tokenExponent - 1) < 1e-15)
    let compute = 1e21
    let optimalN = allocation.optimalParameters(compute: compute)
    #expect(abs(optimalN * allocation.optimalTokens(compute: compute) / (compute / 6) - 1) < 1e-12)
    // L(N, C/(6N)) is smallest at N_opt: nudging N either way by 1 % raises the loss.
    func loss(_ parameters: Double) -> Double { truth.loss(parameters: parameters, tokens: compute / (6 * parameters)) }
    #expect(loss(optimalN) < loss(optimalN * 1.01) && loss(optimalN) < loss(optimalN / 1.01))
}

@Test func chinchillaFitIsIdenticalOnOneAndTwoThreads() throws {
    let runs = hoffmannRuns(noise: 0.01)
    let single = try smallGridChinchilla(threadCount: 1).fit(runs)
    let double = try smallGridChinchilla(threadCount: 2).fit(runs)
    #expect(single.solverParameters == double.solverParameters)
    #expect(single.objectiveValue == double.objectiveValue)
    #expect(single.messages == double.messages)
}

@Test func chinchillaRejectsNonPositiveValuesAndTooFewRuns() throws {
    let law = try smallGridChinchilla()
    var runs = hoffmannRuns(noise: 0)
    runs[2] = ScalingObservation(parameters: 1e8, tokens: 0, loss: 3)
    #expect(throws: LawFitError.invalidValue(law: "chinchilla", quantity: "tokens", index: 2, value: 0)) {
        try law.fit(runs)
    }
    #expect(throws: LawFitError.tooFewPoints(law: "chinchilla", required: 6, available: 5)) {
        try law.fit(Array(hoffmannRuns(noise: 0).prefix(5)))
    }
}

@Test func epochStartGridHas4500Starts() {
    #expect(ChinchillaStartGrid.epoch.starts.count == 4_500)
    #expect(ChinchillaStartGrid.epoch.starts.first == [0, 0, -1, 0, 0])
    #expect(ChinchillaStartGrid.epoch.starts.last == [25, 25, 1, 2, 2])
}

@Test func chinchillaGradientMatchesCentralFiniteDifferences() throws {
    // Away from the Huber kinks the objective is smooth; central differences with step h have
    // error O(h²) ≈ 1e-12 relative to the gradient's scale here, checked at 1e-6.
    let objective = try smallGridChinchilla().objective(hoffmannRuns(noise: 0.01))
    let point: [Double] = [6.2, 5.8, 0.4, 0.37, 0.3]
    let analytic = objective.gradient(at: point)
    for index in point.indices {
        let step = 1e-6
        var forward = point, backward = point
        forward[index] += step
        backward[index] -= step
        let numeric = (objective.value(at: forward) - objective.value(at: backward)) / (2 * step)
        #expect(abs(numeric - analytic[index]) <= 1e-6 * max(abs(analytic[index]), 1e-3), "θ[\(index)]")
    }
}

@Test func chinchillaHeldOutLargestModelIsPredictedFromTheRest() throws {
    // Exact data: fitting the 7 smaller sizes recovers the law, so the 6 runs of the largest
    // model are predicted to the fit's precision (1e-5 relative).
    let runs = hoffmannRuns(noise: 0)
    let largest = runs.map(\.parameters).max()!
    let report = try predictHeldOut(try smallGridChinchilla(), points: runs) { $0.parameters == largest }
    #expect(report.predictions.count == 6)
    #expect(report.estimate.pointsUsed == 42)
    #expect(report.maximumRelativeError < 1e-5)
}
