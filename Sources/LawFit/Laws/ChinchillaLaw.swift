// Chinchilla Approach 3 as Epoch AI refitted it: L(N, D) = E + A/N^α + B/D^β in log-sum-exp form,
// Huber loss on log residuals, BFGS from a grid of 4,500 starts, tight confirmed refit.
import Foundation

/// One training run: N parameters, D training tokens, final loss L (nats or bits per byte, > 0).
public struct ScalingObservation: Sendable, Codable, Equatable {
    public let parameters: Double
    public let tokens: Double
    public let loss: Double

    public init(parameters: Double, tokens: Double, loss: Double) {
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
    }

    /// C ≈ 6·N·D training FLOPs.
    public var compute: Double { 6 * parameters * tokens }
}

/// The grid of starting points θ = (a, b, e, α, β), every combination in that nesting order.
public struct ChinchillaStartGrid: Sendable, Equatable {
    public var a: [Double]
    public var b: [Double]
    public var e: [Double]
    public var alpha: [Double]
    public var beta: [Double]

    public init(a: [Double], b: [Double], e: [Double], alpha: [Double], beta: [Double]) {
        self.a = a
        self.b = b
        self.e = e
        self.alpha = alpha
        self.beta = beta
    }

    /// Epoch's (and Hoffmann's) grid: α, β ∈ {0, 0.5, …, 2}, e ∈ {−1, −0.5, …, 1},
    /// a, b ∈ {0, 5, …, 25}: 6·6·5·5·5 = 4,500 starts.
    public static let epoch = ChinchillaStartGrid(
        a: [0, 5, 10, 15, 20, 25], b: [0, 5, 10, 15, 20, 25], e: [-1, -0.5, 0, 0.5, 1],
        alpha: [0, 0.5, 1, 1.5, 2], beta: [0, 0.5, 1, 1.5, 2])

    /// All starts, a outermost and β innermost.
    public var starts: [[Double]] {
        var starts: [[Double]] = []
        for a in a { for b in b { for e in e { for alpha in alpha { for beta in beta {
            starts.append([a, b, e, alpha, beta])
        } } } } }
        return starts
    }
}

/// How the Chinchilla fit searches and refines.
public struct ChinchillaSettings: Sendable {
    /// The Huber loss on log residuals (δ = 1e-3 by default, as Hoffmann et al. and Epoch).
    public var huber: HuberLoss
    /// The starting points.
    public var startGrid: ChinchillaStartGrid
    /// BFGS from each start: a loose relative gradient test and a short iteration cap, enough to
    /// rank the starts; the best end points are then refined tightly.
    public var searchBFGS: BFGSSettings
    /// How many of the best search end points get the tight, confirmed refit (the lowest wins).
    public var refinedStarts: Int
    /// The tight refit of the best start (and of every bootstrap resample), confirmed by Nelder–Mead.
    public var refinement: ConfirmationSettings
    /// Threads for the start search; the result does not depend on it.
    public var threadCount: Int

    public init(huber: HuberLoss, startGrid: ChinchillaStartGrid = .epoch,
                searchBFGS: BFGSSettings = BFGSSettings(stoppingRule: .relativeToStartingGradient(1e-3),
                                                        maximumIterations: 100),
                refinedStarts: Int = 8,
                refinement: ConfirmationSettings = ConfirmationSettings(),
                threadCount: Int = ThreadCount.available) {
        self.huber = huber
        self.startGrid = startGrid
        self.searchBFGS = searchBFGS
        self.refinedStarts = refinedStarts
        self.refinement = refinement
        self.threadCount = threadCount
    }
}

/// Chinchilla Approach 3. The law L(N, D) = E + A/N^α + B/D^β is fitted as
/// log L̂ = LSE(a − α ln N, b − β ln D, e) with A = eᵃ, B = eᵇ, E = eᵉ, minimising
/// Σ_i H_δ(LSE_i − ln L_i) (Huber loss, δ = 1e-3 by default) over θ = (a, b, e, α, β).
///
/// Stopping scale (STUDIES.md, "Pitfall"): near the optimum the summed Huber loss is ~1e-3 and its
/// gradient ~δ, so BFGS minimises the objective divided by δ and stops on ‖∇f‖ relative to the
/// starting gradient, never on an absolute threshold; the best start is refitted tightly and
/// confirmed by Nelder–Mead.
///
/// Parameters: "a", "b", "e", "alpha", "beta". Derived: "A", "B", "E", "allocation_a" (β/(α+β)),
/// "allocation_b" (α/(α+β)), "G", and "N_opt(C=…)", "D_opt(C=…)" at each allocation budget.
/// Standard errors come from the bootstrap (the Huber objective has no useful curvature-based covariance).
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
        var best: (refined: ConfirmedMinimum, start: Int)?
        for start in search.ranking.prefix(max(settings.refinedStarts, 1)) {
            let refined = try minimizeConfirmed(scaledObjective, from: search.endPoints[start]!.point,
                                                settings: settings.refinement)
            if best == nil || refined.result.value < best!.refined.result.value { best = (refined, start) }
        }
        let (refined, start) = best!
        return estimate(refined, points: points, messages: [
            "Start search: \(search.endPoints.count) BFGS starts, \(search.startsConverged) passed the search test "
                + "(\(settings.searchBFGS.stoppingRule), at most \(settings.searchBFGS.maximumIterations) iterations).",
            "Tight refit of the \(min(settings.refinedStarts, search.ranking.count)) best end points; "
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

    private func estimate(_ refined: ConfirmedMinimum, points: [ScalingObservation],
                          messages: [String]) -> LawEstimate {
        let theta = refined.result.point
        let (a, b, e, alpha, beta) = (theta[0], theta[1], theta[2], theta[3], theta[4])
        let allocation = ComputeOptimalAllocation(coefficientA: exp(a), coefficientB: exp(b), alpha: alpha, beta: beta)
        var derived = [
            FittedQuantity(name: "A", estimate: exp(a)),
            FittedQuantity(name: "B", estimate: exp(b)),
            FittedQuantity(name: "E", estimate: exp(e)),
            FittedQuantity(name: "allocation_a", estimate: allocation.parameterExponent),
            FittedQuantity(name: "allocation_b", estimate: allocation.tokenExponent),
            FittedQuantity(name: "G", estimate: allocation.scale),
        ]
        for budget in allocationBudgets {
            let label = String(format: "%.3g", budget)
            derived.append(FittedQuantity(name: "N_opt(C=\(label))", estimate: allocation.optimalParameters(compute: budget)))
            derived.append(FittedQuantity(name: "D_opt(C=\(label))", estimate: allocation.optimalTokens(compute: budget)))
        }
        return LawEstimate(
            law: name, solverParameters: theta,
            parameters: zip(["a", "b", "e", "alpha", "beta"], theta).map { FittedQuantity(name: $0, estimate: $1) },
            derivedQuantities: derived,
            objectiveName: "Σ Huber(δ=\(settings.huber.delta)) of log residuals",
            objectiveValue: refined.result.value * settings.huber.delta,
            degreesOfFreedom: nil, pointsUsed: points.count, iterations: refined.result.iterations,
            status: refined.status, messages: messages)
    }
}

/// LSE(x, y, z) = m + ln(e^(x−m) + e^(y−m) + e^(z−m)), m = max(x, y, z): no overflow.
@inline(__always)
func logSumExp(_ x: Double, _ y: Double, _ z: Double) -> Double {
    let largest = max(x, max(y, z))
    return largest + log(exp(x - largest) + exp(y - largest) + exp(z - largest))
}

/// f(θ) = Σ_i H_δ(r_i), r_i = LSE(a − α ln N_i, b − β ln D_i, e) − ln L_i, θ = (a, b, e, α, β), with
/// ∇f from the softmax weights w_i = softmax(a − α ln N_i, b − β ln D_i, e):
/// ∂f/∂a = Σ H′(r_i) w_i1, ∂f/∂α = −Σ H′(r_i) w_i1 ln N_i, and likewise for b, β and e.
func chinchillaHuberObjective(_ points: [ScalingObservation], huber: HuberLoss) -> DifferentiableObjective {
    let logParameters = points.map { log($0.parameters) }
    let logTokens = points.map { log($0.tokens) }
    let logLoss = points.map { log($0.loss) }
    return DifferentiableObjective(dimension: 5) { theta, gradient in
        let (a, b, e, alpha, beta) = (theta[0], theta[1], theta[2], theta[3], theta[4])
        var total = 0.0
        var (gradientA, gradientB, gradientE, gradientAlpha, gradientBeta) = (0.0, 0.0, 0.0, 0.0, 0.0)
        logParameters.withUnsafeBufferPointer { logN in
            logTokens.withUnsafeBufferPointer { logD in
                logLoss.withUnsafeBufferPointer { logL in
                    for index in 0..<logN.count {
                        let first = a - alpha * logN[index]
                        let second = b - beta * logD[index]
                        // Softmax weights relative to the largest term, whose weight is exactly 1.
                        let largest: Double, weightFirst: Double, weightSecond: Double, weightThird: Double
                        if first >= second && first >= e {
                            (largest, weightFirst, weightSecond, weightThird) = (first, 1, exp(second - first), exp(e - first))
                        } else if second >= e {
                            (largest, weightFirst, weightSecond, weightThird) = (second, exp(first - second), 1, exp(e - second))
                        } else {
                            (largest, weightFirst, weightSecond, weightThird) = (e, exp(first - e), exp(second - e), 1)
                        }
                        let sum = weightFirst + weightSecond + weightThird
                        let residual = largest + log(sum) - logL[index]
                        total += huber.value(residual)
                        if gradient != nil {
                            let slope = huber.derivative(residual) / sum
                            gradientA += slope * weightFirst
                            gradientAlpha -= slope * weightFirst * logN[index]
                            gradientB += slope * weightSecond
                            gradientBeta -= slope * weightSecond * logD[index]
                            gradientE += slope * weightThird
                        }
                    }
                }
            }
        }
        if let gradient {
            gradient[0] = gradientA
            gradient[1] = gradientB
            gradient[2] = gradientE
            gradient[3] = gradientAlpha
            gradient[4] = gradientBeta
        }
        return total
    }
}
