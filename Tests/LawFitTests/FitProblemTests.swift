// Known answers for what makes a fit unfit to decide a verdict: a quantity at a bound of its law's
// domain, more than 5 % failed bootstrap resamples, and the counts the bootstrap records of both.
import Benchmarks
import Foundation
import LawFit
import Testing

@Test func chinchillaFitOfDataWithoutIrreducibleLossPutsEAtItsLowerBound() throws {
    // L = A/N^α + B/D^β exactly (E = 0): the optimum lies at e → −∞, so wherever the solver
    // stops, E is not a measurement and must be reported at its lower bound 0.
    let truth = ChinchillaTruth(E: 0, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28)
    let runs = syntheticScalingObservations(truth: truth, parameterCount: 8, tokenCount: 6, logNoise: 0, seed: 1)
    let report = try fitLaw(smallGridChinchilla(), to: runs)
    let e = try #require(report.derivedQuantities.first { $0.name == "E" })
    #expect(e.atBound == ParameterBound(side: .lower, limit: 0, reason: try #require(e.atBound?.reason)))
    #expect(e.estimate < 1e-6 * runs.map(\.loss).min()!)
    #expect(e.atBound?.reason == "E is less than 10⁻⁶ of every fitted loss, so the data do not determine it")
    #expect(report.quantitiesAtBound.map(\.name) == ["E"])
    // The objective is flat along e, so the solver may also report no convergence; the bound is
    // the problem this test is about.
    let atBound = report.problems.compactMap { problem -> (String, ParameterBound)? in
        if case let .atBound(quantity, _, bound) = problem { return (quantity, bound) }
        return nil
    }
    #expect(atBound.count == 1, "\(report.problems)")
    #expect(atBound.first?.0 == "E" && atBound.first?.1.side == .lower && atBound.first?.1.limit == 0)
    #expect(report.problems.contains { $0.description.hasPrefix("E is at its lower bound 0 (the fit stopped at ") })
}

@Test func chinchillaFitOfHoffmannDataHasNothingAtABound() throws {
    let runs = syntheticScalingObservations(truth: .hoffmann, parameterCount: 8, tokenCount: 6, logNoise: 0, seed: 1)
    let report = try fitLaw(smallGridChinchilla(), to: runs)
    #expect(report.quantitiesAtBound.isEmpty)
    #expect(report.problems.isEmpty)
}

@Test func chinchillaParametersAreNamedApartFromTheAllocationExponents() throws {
    let runs = syntheticScalingObservations(truth: .hoffmann, parameterCount: 8, tokenCount: 6, logNoise: 0, seed: 1)
    let estimate = try smallGridChinchilla().prepared(for: runs).fit(runs)
    #expect(estimate.parameters.map(\.name) == ["log_A", "log_B", "log_E", "alpha", "beta"])
    let names = Set((estimate.parameters + estimate.derivedQuantities).map(\.name))
    #expect(names.count == estimate.parameters.count + estimate.derivedQuantities.count)
    #expect(!names.contains("a") && !names.contains("b") && !names.contains("e"))
    // a = β/(α+β) and b = α/(α+β) (Hoffmann: 0.28/0.62 and 0.34/0.62).
    #expect(abs(try #require(estimate.value("allocation_exponent_a")) - 0.28 / 0.62) < 1e-5)
    #expect(abs(try #require(estimate.value("allocation_exponent_b")) - 0.34 / 0.62) < 1e-5)
}

/// A one-parameter law (the mean of the points) whose refits fail or land at a bound on demand.
private struct MeanLaw: FittableLaw {
    let name = "mean"
    var refitsFail = false
    var refitsAtBound = false

    func fit(_ points: [Double]) throws -> LawEstimate {
        estimate(points, atBound: nil)
    }

    func refit(_ points: [Double], from solverParameters: [Double]) throws -> LawEstimate {
        if refitsFail { throw LawFitError.invalidSetting(name: "resample", value: "any", expectation: "never met") }
        return estimate(points, atBound: refitsAtBound ? ParameterBound(side: .upper, limit: 1, reason: "test") : nil)
    }

    func predict(_ estimate: LawEstimate, at point: Double) -> Double { estimate.solverParameters[0] }
    func observedValue(of point: Double) -> Double { point }

    private func estimate(_ points: [Double], atBound: ParameterBound?) -> LawEstimate {
        let mean = points.reduce(0, +) / Double(points.count)
        return LawEstimate(law: name, solverParameters: [mean],
                           parameters: [FittedQuantity(name: "m", estimate: mean, atBound: atBound)],
                           derivedQuantities: [], objectiveName: "none", objectiveValue: 0, degreesOfFreedom: nil,
                           pointsUsed: points.count, iterations: 0, status: .converged(criterion: "closed form"),
                           messages: [])
    }
}

@Test func bootstrapCountsFailedResamplesAndBoundHits() throws {
    let points = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
    let settings = BootstrapSettings(resamples: 40, seed: 2, threadCount: 2)

    let failing = try fitLaw(MeanLaw(refitsFail: true), to: points, bootstrap: settings)
    let failed = try #require(failing.bootstrap)
    #expect(failed.failedResamples == 40 && failed.convergedResamples == 0 && failed.failedShare == 1)
    #expect(failed.failureReasons.values.reduce(0, +) == 40)
    #expect(failing.problems == [.failedResamples(failed: 40, requested: 40)])

    let atBound = try fitLaw(MeanLaw(refitsAtBound: true), to: points, bootstrap: settings)
    #expect(atBound.bootstrap?.boundHits == ["m": 40])
    #expect(atBound.bootstrap?.failedResamples == 0)
    // Resamples at a bound are counted, but only the full-data fit's bounds are a problem.
    #expect(atBound.problems.isEmpty)

    let clean = try fitLaw(MeanLaw(), to: points, bootstrap: settings)
    #expect(clean.bootstrap?.boundHits == [:] && clean.bootstrap?.failedResamples == 0)
    #expect(clean.problems.isEmpty)
}

@Test func moreThanFivePercentFailedResamplesIsAProblemAndFiveIsNot() throws {
    let estimate = try MeanLaw().fit([1, 2, 3])
    func report(failed: Int, of requested: Int) -> LawFitReport {
        LawFitReport(estimate: estimate, bootstrap: BootstrapResult(
            resamples: requested, convergedResamples: requested - failed, failedResamples: failed, level: 0.95,
            seed: 0, intervals: [:], standardDeviations: [:], failureReasons: failed > 0 ? ["x": failed] : [:]))
    }
    #expect(report(failed: 5, of: 100).problems.isEmpty)
    #expect(report(failed: 6, of: 100).problems == [.failedResamples(failed: 6, requested: 100)])
    #expect(report(failed: 32, of: 100).problems.first?.description
        == "32 of 100 bootstrap resamples failed (32 %, more than 5 %), so the intervals come from the 68 that converged")
    #expect(report(failed: 1, of: 10).problems.count == 1)
}

@Test func boundsAndBoundHitsSurviveJSONAndOldFitsStillDecode() throws {
    let runs = syntheticScalingObservations(truth: ChinchillaTruth(E: 0, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28),
                                            parameterCount: 8, tokenCount: 6, logNoise: 0, seed: 1)
    let report = try fitLaw(smallGridChinchilla(), to: runs)
    let decoded = try JSONDecoder().decode(LawFitReport.self, from: JSONEncoder().encode(report))
    #expect(decoded.quantitiesAtBound.map(\.name) == ["E"])
    // A bootstrap stored before bound hits were counted has no `boundHits` key.
    let old = #"{"resamples":10,"convergedResamples":9,"failedResamples":1,"level":0.95,"seed":0,"intervals":{},"standardDeviations":{},"failureReasons":{"x":1}}"#
    let bootstrap = try JSONDecoder().decode(BootstrapResult.self, from: Data(old.utf8))
    #expect(bootstrap.boundHits.isEmpty && bootstrap.failedShare == 0.1)
    let quantity = try JSONDecoder().decode(FittedQuantity.self, from: Data(#"{"name":"E","estimate":1.5}"#.utf8))
    #expect(quantity.atBound == nil)
}

@Test func constantDataAreRefusedRatherThanFittedWithZeroWidthIntervals() throws {
    // L = 3 everywhere: A + B + E = 3 with α = β = 0 fits exactly, and so do infinitely many
    // other parameter sets; a fit would report one of them with a zero-width interval.
    let runs = [1e5, 2e5, 4e5, 8e5].flatMap { n in [1e6, 2e6, 4e6].map { ScalingObservation(parameters: n, tokens: $0, loss: 3) } }
    let chinchilla = try smallGridChinchilla()
    #expect(throws: LawFitError.constantValues(law: chinchilla.name, value: 3, count: 12)) {
        try fitLaw(chinchilla, to: runs)
    }
    let curve = [1e5, 2e5, 4e5, 8e5, 1.6e6].map { CurvePoint(x: $0, y: 2.5) }
    #expect(throws: LawFitError.constantValues(law: PowerLawWithOffset().name, value: 2.5, count: 5)) {
        try fitLaw(PowerLawWithOffset(), to: curve)
    }
    // One value that differs is enough to fit.
    var varied = curve
    varied[0] = CurvePoint(x: 1e5, y: 2.6)
    #expect(throws: Never.self) { try fitLaw(PowerLawWithOffset(), to: varied) }
}
