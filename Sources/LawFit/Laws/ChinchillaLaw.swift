// Chinchilla Approach 3 as Epoch AI refitted it: L(N, D) = E + A/N^α + B/D^β in log-sum-exp form,
// Huber loss on log residuals, BFGS from a grid of 4,500 starts, tight confirmed refit.
import Foundation

/// Chinchilla Approach 3. The law L(N, D) = E + A/N^α + B/D^β is fitted as
/// log L̂ = LSE(a − α ln N, b − β ln D, e) with A = eᵃ, B = eᵇ, E = eᵉ, minimising
/// Σ_i H_δ(LSE_i − ln L_i) (Huber loss, δ = 1e-3 by default) over θ = (a, b, e, α, β).
///
/// Stopping scale (STUDIES.md, "Pitfall"): near the optimum the summed Huber loss is ~1e-3 and its
/// gradient ~δ, so BFGS minimises the objective divided by δ and stops on ‖∇f‖ relative to the
/// starting gradient, never on an absolute threshold; the best start is refitted tightly and
/// confirmed by Nelder–Mead.
///
/// Parameters: "log_A", "log_B", "log_E" (the solver's a, b, e), "alpha", "beta". Derived: "A", "B",
/// "E", "allocation_exponent_a" (a = β/(α+β) in N_opt ∝ C^a), "allocation_exponent_b"
/// (b = α/(α+β) in D_opt ∝ C^b), "G", and "N_opt(C=…)", "D_opt(C=…)" at each allocation budget.
/// The allocation exponents have their own names because the paper's a (allocation) and Epoch's
/// a (ln A) are different quantities.
/// Standard errors come from the bootstrap (the Huber objective has no useful curvature-based covariance).
///
/// Bounds: E, A and B are positive by construction, and the fit can send one of the three terms to
/// zero (e → −∞, typically when no run is near its irreducible loss). A term whose share of every
/// fitted loss is below `settings.negligibleTermShare` marks its coefficient (E, A or B) as at its
/// lower bound 0 (`FittedQuantity.atBound`).
public struct ChinchillaLaw: FittableLaw {
    public let name = "chinchilla"
    public var settings: ChinchillaSettings
    /// Compute budgets C (FLOPs) at which N_opt and D_opt are reported; when empty, `prepared(for:)`
    /// uses the largest 6ND of the data.
    public var allocationBudgets: [Double]

    public init(settings: ChinchillaSettings, allocationBudgets: [Double] = []) {
        self.settings = settings
        self.allocationBudgets = allocationBudgets
    }

    public func prepared(for points: [ScalingObservation]) -> ChinchillaLaw {
        guard allocationBudgets.isEmpty, let largest = points.map(\.compute).max(), largest.isFinite else {
            return self
        }
        var copy = self
        copy.allocationBudgets = [largest]
        return copy
    }

    /// The unscaled objective Σ_i H_δ(LSE_i(θ) − ln L_i) and its gradient.
    public func objective(_ points: [ScalingObservation]) -> DifferentiableObjective {
        chinchillaHuberObjective(points, huber: settings.huber)
    }

    public func fit(_ points: [ScalingObservation]) throws -> LawEstimate {
        try validate(points)
        let scaledObjective = objective(points).scaled(by: 1 / settings.huber.delta)
        let search = try minimizeFromStarts(scaledObjective, starts: settings.startGrid.starts,
                                            settings: settings.searchBFGS, threadCount: settings.threadCount,
                                            law: name)
        let refinedCount = min(max(settings.refinedStarts, 1), search.ranking.count)
        var best: (refined: ConfirmedMinimum, start: Int)?
        for start in search.ranking.prefix(refinedCount) {
            let refined = try minimizeConfirmed(scaledObjective, from: search.endPoints[start]!.point,
                                                settings: settings.refinement)
            if best == nil || refined.result.value < best!.refined.result.value { best = (refined, start) }
        }
        let (refined, start) = best!
        return estimate(refined, points: points, messages: [
            "Start search: \(search.endPoints.count) BFGS starts, \(search.startsConverged) passed the search test "
                + "(\(settings.searchBFGS.stoppingRule), at most \(settings.searchBFGS.maximumIterations) iterations).",
            "Tight refit of the \(refinedCount) best end points; "
                + "the lowest came from start #\(start) \(settings.startGrid.starts[start]).",
        ] + refined.messages)
    }

    public func refit(_ points: [ScalingObservation], from solverParameters: [Double]) throws -> LawEstimate {
        try validate(points)
        let scaledObjective = objective(points).scaled(by: 1 / settings.huber.delta)
        let refined = try minimizeConfirmed(scaledObjective, from: solverParameters, settings: settings.refinement)
        return estimate(refined, points: points, messages: refined.messages)
    }

    public func predict(_ estimate: LawEstimate, at point: ScalingObservation) -> Double {
        let theta = estimate.solverParameters
        return exp(logSumExp(theta[0] - theta[3] * log(point.parameters),
                             theta[1] - theta[4] * log(point.tokens), theta[2]))
    }

    public func observedValue(of point: ScalingObservation) -> Double { point.loss }

    private func validate(_ points: [ScalingObservation]) throws {
        for (index, point) in points.enumerated() {
            for (quantity, value) in [("parameters", point.parameters), ("tokens", point.tokens), ("loss", point.loss)] {
                guard value > 0, value.isFinite else {
                    throw LawFitError.invalidValue(law: name, quantity: quantity, index: index, value: value)
                }
            }
        }
        guard points.count >= 6 else { throw LawFitError.tooFewPoints(law: name, required: 6, available: points.count) }
    }

    /// The largest share of the fitted loss that each term (A/N^α, B/D^β, E) takes at any point.
    static func largestTermShares(_ theta: [Double], points: [ScalingObservation]) -> (a: Double, b: Double, e: Double) {
        var shares = (a: 0.0, b: 0.0, e: 0.0)
        for point in points {
            let first = theta[0] - theta[3] * log(point.parameters)
            let second = theta[1] - theta[4] * log(point.tokens)
            let total = logSumExp(first, second, theta[2])
            shares.a = max(shares.a, exp(first - total))
            shares.b = max(shares.b, exp(second - total))
            shares.e = max(shares.e, exp(theta[2] - total))
        }
        return shares
    }

    /// 1e-6 as "10⁻⁶"; other numbers as "%g".
    static func scientific(_ value: Double) -> String {
        let exponent = log10(value)
        guard value > 0, exponent == exponent.rounded(), abs(exponent) < 100 else { return String(format: "%g", value) }
        let digits: [Character: Character] = ["0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶",
                                              "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻"]
        return "10" + String(String(Int(exponent)).map { digits[$0]! })
    }

    private func estimate(_ refined: ConfirmedMinimum, points: [ScalingObservation],
                          messages: [String]) -> LawEstimate {
        let theta = refined.result.point
        let (a, b, e, alpha, beta) = (theta[0], theta[1], theta[2], theta[3], theta[4])
        let allocation = ComputeOptimalAllocation(coefficientA: exp(a), coefficientB: exp(b), alpha: alpha, beta: beta)
        let shares = Self.largestTermShares(theta, points: points)
        let threshold = settings.negligibleTermShare
        func bound(_ share: Double, _ term: String) -> ParameterBound? {
            guard share.isNaN || share < threshold else { return nil }
            return ParameterBound(side: .lower, limit: 0,
                                  reason: "\(term) is less than \(Self.scientific(threshold)) of every fitted loss, so the data do not determine it")
        }
        var derived = [
            FittedQuantity(name: "A", estimate: exp(a), atBound: bound(shares.a, "A/N^α")),
            FittedQuantity(name: "B", estimate: exp(b), atBound: bound(shares.b, "B/D^β")),
            FittedQuantity(name: "E", estimate: exp(e), atBound: bound(shares.e, "E")),
            FittedQuantity(name: "allocation_exponent_a", estimate: allocation.parameterExponent),
            FittedQuantity(name: "allocation_exponent_b", estimate: allocation.tokenExponent),
            FittedQuantity(name: "G", estimate: allocation.scale),
        ]
        for budget in allocationBudgets {
            let label = String(format: "%.3g", budget)
            derived.append(FittedQuantity(name: "N_opt(C=\(label))", estimate: allocation.optimalParameters(compute: budget)))
            derived.append(FittedQuantity(name: "D_opt(C=\(label))", estimate: allocation.optimalTokens(compute: budget)))
        }
        return LawEstimate(
            law: name, solverParameters: theta,
            parameters: zip(["log_A", "log_B", "log_E", "alpha", "beta"], theta).map { FittedQuantity(name: $0, estimate: $1) },
            derivedQuantities: derived,
            objectiveName: "Σ Huber(δ=\(settings.huber.delta)) of log residuals",
            objectiveValue: refined.result.value * settings.huber.delta,
            degreesOfFreedom: nil, pointsUsed: points.count, iterations: refined.result.iterations,
            status: refined.status, messages: messages)
    }
}
