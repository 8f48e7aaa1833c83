// Approach 2: exact parabola vertices, the vertex regression, skipped budgets and failing resamples.
import Foundation
import LawFit
import Testing

/// Runs on exact parabolas L = L*(C) + 0.1·(ln N − ln N*(C))² with N*(C) = 0.1·C^0.5.
private func exactIsoFLOPRuns(budgets: [Double] = [1e15, 1e16, 1e17, 1e18], sizesPerBudget: Int = 7)
    -> [IsoFLOPObservation] {
    budgets.flatMap { compute -> [IsoFLOPObservation] in
        let optimal = 0.1 * pow(compute, 0.5)
        return (0..<sizesPerBudget).map { index in
            let parameters = optimal * exp(Double(index - sizesPerBudget / 2) * 0.5)
            let shift = log(parameters) - log(optimal)
            return IsoFLOPObservation(compute: compute, parameters: parameters,
                                      loss: 3 - 0.1 * log10(compute) + 0.1 * shift * shift)
        }
    }
}

@Test func parabolaVertexIsExact() throws {
    // L = 2 + 0.5(ln N − ln 1e6)²: vertex N* = 1e6, L* = 2.
    let sizes = [1e4, 1e5, 3e5, 1e6, 5e6, 1e8]
    let parabola = try IsoFLOPParabola(compute: 1e18, parameters: sizes,
                                       losses: sizes.map { 2 + 0.5 * pow(log($0) - log(1e6), 2) })
    #expect(parabola.isUShaped)
    #expect(abs(parabola.optimalParameters / 1e6 - 1) < 1e-10)
    #expect(abs(parabola.minimumLoss - 2) < 1e-12)
    #expect(abs(parabola.loss(parameters: 1e5) - (2 + 0.5 * pow(log(10.0), 2))) < 1e-12)
}

@Test func approachTwoRecoversVertexExponentExactly() throws {
    let estimate = try IsoFLOPLaw().fit(exactIsoFLOPRuns())
    #expect(abs(try #require(estimate.value("allocation_exponent_a")) - 0.5) < 1e-10)
    #expect(abs(try #require(estimate.value("k")) - log(0.1)) < 1e-8)
    #expect(abs(try #require(estimate.value("allocation_exponent_b")) - 0.5) < 1e-10)
    #expect(relativeError(estimate.value("N*(C=1e+16)"), 1e7) < 1e-10)
    #expect(estimate.pointsUsed == 28)
}

@Test func approachTwoSkipsBudgetsWithoutAMinimum() throws {
    let inverted = [1e5, 1e6, 1e7].map { IsoFLOPObservation(compute: 1e19, parameters: $0, loss: 3 - 0.1 * pow(log($0) - log(1e6), 2)) }
    let estimate = try IsoFLOPLaw().fit(exactIsoFLOPRuns() + inverted)
    #expect(estimate.messages.contains { $0.contains("opens downwards") })
    #expect(abs(try #require(estimate.value("allocation_exponent_a")) - 0.5) < 1e-10)
    #expect(throws: LawFitError.self) { try IsoFLOPLaw().fit(exactIsoFLOPRuns(budgets: [1e15])) }
}

@Test func approachTwoBootstrapCountsResamplesThatLoseAParabola() throws {
    // With 3 sizes per budget, many within-budget resamples repeat a size and cannot fit a parabola.
    let runs = exactIsoFLOPRuns(sizesPerBudget: 3)
    let report = try fitLaw(IsoFLOPLaw(), to: runs, bootstrap: BootstrapSettings(resamples: 50, seed: 9, threadCount: 1))
    let bootstrap = try #require(report.bootstrap)
    #expect(bootstrap.failedResamples > 0)
    #expect(bootstrap.failedResamples + bootstrap.convergedResamples == 50)
}
