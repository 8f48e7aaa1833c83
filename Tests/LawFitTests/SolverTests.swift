// The GSL wrappers on problems with known optima: least squares, BFGS, Nelder–Mead, and their
// non-convergence and error reporting.
import Foundation
import LawFit
import Testing

/// Rosenbrock f = (1 − x)² + 100(y − x²)², minimum 0 at (1, 1).
private let rosenbrock = DifferentiableObjective(dimension: 2) { point, gradient in
    let (x, y) = (point[0], point[1])
    if let gradient {
        gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x)
        gradient[1] = 200 * (y - x * x)
    }
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
}

@Test func nonlinearLeastSquaresRecoversExponentialDecayExactly() throws {
    // y = 3·exp(−0.7 t) + 0.5, exact data: the optimum has χ² = 0.
    let times = (0..<12).map { Double($0) * 0.5 }
    let values = times.map { 3 * exp(-0.7 * $0) + 0.5 }
    let problem = LeastSquaresProblem(
        residualCount: times.count, parameterCount: 3,
        residuals: { theta in times.indices.map { theta[0] * exp(-theta[1] * times[$0]) + theta[2] - values[$0] } },
        jacobian: { theta in
            times.map { t in [exp(-theta[1] * t), -theta[0] * t * exp(-theta[1] * t), 1] }
        })
    let solution = try NonlinearLeastSquaresSolver(problem: problem).solve(from: [1, 1, 0])
    #expect(solution.status.isConverged)
    #expect(abs(solution.parameters[0] - 3) < 1e-8)
    #expect(abs(solution.parameters[1] - 0.7) < 1e-8)
    #expect(abs(solution.parameters[2] - 0.5) < 1e-8)
    #expect(solution.degreesOfFreedom == 9)
    #expect(solution.chiSquared < 1e-20)
}

@Test func nonlinearLeastSquaresReportsIterationLimitAsNonConvergence() throws {
    let times = (0..<12).map { Double($0) * 0.5 }
    let problem = LeastSquaresProblem(
        residualCount: times.count, parameterCount: 2,
        residuals: { theta in times.map { theta[0] * exp(-theta[1] * $0) - 2 * exp(-0.3 * $0) } },
        jacobian: { theta in times.map { [exp(-theta[1] * $0), -theta[0] * $0 * exp(-theta[1] * $0)] } })
    let solution = try NonlinearLeastSquaresSolver(problem: problem)
        .solve(from: [10, 5], settings: LeastSquaresSettings(maximumIterations: 1))
    #expect(!solution.status.isConverged)
    #expect("\(solution.status)".contains("limit of 1 iterations"))
}

@Test func nonlinearLeastSquaresRejectsMoreParametersThanResiduals() {
    let problem = LeastSquaresProblem(residualCount: 1, parameterCount: 2, residuals: { _ in [0] },
                                      jacobian: { _ in [[0, 0]] })
    #expect(throws: LawFitError.tooFewPoints(law: "least-squares", required: 2, available: 1)) {
        try NonlinearLeastSquaresSolver(problem: problem)
    }
}

@Test func bfgsFindsRosenbrockMinimum() throws {
    let result = try BFGSMinimizer(objective: rosenbrock).minimize(from: [-1.2, 1])
    #expect(result.status.isConverged)
    #expect(abs(result.point[0] - 1) < 1e-6 && abs(result.point[1] - 1) < 1e-6)
}

@Test func nelderMeadFindsRosenbrockMinimum() throws {
    let result = try NelderMeadMinimizer(objective: rosenbrock).minimize(from: [-1.2, 1])
    #expect(result.status.isConverged)
    #expect(abs(result.point[0] - 1) < 1e-6 && abs(result.point[1] - 1) < 1e-6)
}

@Test func bfgsIterationCapIsNonConvergenceNotAnError() throws {
    let result = try BFGSMinimizer(objective: rosenbrock)
        .minimize(from: [-1.2, 1], settings: BFGSSettings(maximumIterations: 2))
    #expect(!result.status.isConverged)
    #expect(result.iterations <= 2)
}

@Test func relativeStoppingRuleKeepsGoingOnATinyObjective() throws {
    // Rosenbrock × 1e-6: the relative rule still walks to (1, 1) (to 1e-4; GSL's line search has
    // absolute round-off floors, which is why LawFit also rescales its objectives to order one) …
    let settings = BFGSSettings(stoppingRule: .relativeToStartingGradient(1e-10))
    let tiny = try BFGSMinimizer(objective: rosenbrock.scaled(by: 1e-6)).minimize(from: [-1.2, 1], settings: settings)
    #expect(abs(tiny.point[0] - 1) < 1e-4 && abs(tiny.point[1] - 1) < 1e-4)
    // … while the absolute rule on the same objective stops at once, far from (1, 1).
    let early = try BFGSMinimizer(objective: rosenbrock.scaled(by: 1e-6))
        .minimize(from: [-1.2, 1], settings: BFGSSettings(stoppingRule: .absolute(1e-3)))
    #expect(early.iterations == 0)
    #expect(abs(early.point[0] - 1) > 1)
}

@Test func linearLeastSquaresSolvesPolynomialExactly() throws {
    let x = (0..<8).map(Double.init)
    let y = x.map { 1 - 2 * $0 + 0.5 * $0 * $0 }
    let fit = try LinearLeastSquaresSolver(observationCount: 8, coefficientCount: 3)
        .solve(observations: y) { [1, x[$0], x[$0] * x[$0]] }
    #expect(zip(fit.coefficients, [1.0, -2, 0.5]).allSatisfy { abs($0 - $1) < 1e-10 })
}

@Test func huberLossRejectsNonPositiveDelta() {
    #expect(throws: LawFitError.self) { try HuberLoss(delta: 0) }
    #expect(throws: LawFitError.self) { try HuberLoss(delta: -1) }
}

@Test func huberLossIsQuadraticThenLinear() throws {
    let huber = try HuberLoss(delta: 0.5)
    #expect(huber.value(0.25) == 0.03125)
    #expect(huber.value(-2) == 0.5 * (2 - 0.25))
    #expect(huber.derivative(3) == 0.5 && huber.derivative(-3) == -0.5 && huber.derivative(0.1) == 0.1)
}

@Test func gslFailureErrorCarriesGSLReasonText() throws {
    // A straight line through one distinct x is undetermined: a typed error, not an abort.
    #expect(throws: LawFitError.self) { try StraightLineFit(x: [1, 1, 1], y: [1, 2, 3]) }
    let error = LawFitError.gslFailure(operation: "gsl_fit_linear", status: 1, reason: "input domain error")
    #expect(error.description.contains("input domain error"))
}

@Test func seededGeneratorIsReproducibleAndDerivedSeedsDiffer() {
    let first = SeededRandomNumberGenerator(seed: 42)
    let second = SeededRandomNumberGenerator(seed: 42)
    let drawsFirst = (0..<5).map { _ in first.uniformInteger(below: 1_000) }
    #expect(drawsFirst == (0..<5).map { _ in second.uniformInteger(below: 1_000) })
    let seeds = Set((0..<1_000).map { SeededRandomNumberGenerator.derivedSeed(master: 7, index: $0) })
    #expect(seeds.count == 1_000)
}
