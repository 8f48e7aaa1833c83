// Chinchilla Approach 2: per compute budget a parabola of loss in ln N, its vertex N*(C), and the
// power-law regression ln N* = k + a·ln C across budgets.
import Foundation

/// Approach 2. Runs are grouped by budget (equal C within a relative 1e-6); every budget with at
/// least 3 distinct N gets a parabola; budgets whose parabola opens downwards are reported and
/// skipped; then ln N* = k + a·ln C is fitted by ordinary least squares over the remaining budgets
/// (≥ 2; standard errors need ≥ 3).
/// Parameters: "allocation_exponent_a" (a, the slope), "k". Derived: "allocation_exponent_b" = 1 − a
/// (the exponent of D* = C/(6N*)), and per budget
/// "N*(C=…)" and "L*(C=…)". The bootstrap resamples runs within each budget. The estimate's
/// `solverParameters` are (k, a) followed by (C, c₀, c₁, c₂) for every budget parabola, which is
/// what `predict` evaluates.
public struct IsoFLOPLaw: FittableLaw {
    public let name = "approach2"

    public init() {}

    public func resamplingStrata(_ points: [IsoFLOPObservation]) -> [[Int]] {
        budgets(points).map(\.indices)
    }

    public func fit(_ points: [IsoFLOPObservation]) throws -> LawEstimate {
        for (index, point) in points.enumerated() {
            for (quantity, value) in [("compute", point.compute), ("parameters", point.parameters), ("loss", point.loss)] {
                guard value > 0, value.isFinite else {
                    throw LawFitError.invalidValue(law: name, quantity: quantity, index: index, value: value)
                }
            }
        }
        var parabolas: [IsoFLOPParabola] = []
        var messages: [String] = []
        for budget in budgets(points) {
            let members = budget.indices.map { points[$0] }
            let label = String(format: "%.3g", budget.compute)
            guard Set(members.map(\.parameters)).count >= 3 else {
                messages.append("Budget C=\(label) skipped: fewer than 3 distinct model sizes.")
                continue
            }
            let parabola = try IsoFLOPParabola(compute: budget.compute, parameters: members.map(\.parameters),
                                               losses: members.map(\.loss))
            guard parabola.isUShaped else {
                messages.append("Budget C=\(label) skipped: its parabola opens downwards (no minimum).")
                continue
            }
            parabolas.append(parabola)
        }
        guard parabolas.count >= 2 else {
            throw LawFitError.tooFewPoints(law: "\(name) (budgets with a U-shaped parabola)", required: 2,
                                           available: parabolas.count)
        }
        let line = try StraightLineFit(x: parabolas.map { log($0.compute) },
                                       y: parabolas.map(\.vertexLogParameters))
        var derived = [FittedQuantity(name: "allocation_exponent_b", estimate: 1 - line.slope, standardError: line.slopeVariance.squareRoot(),
                                      standardErrorMethod: .deltaMethod)]
        var solverParameters = [line.intercept, line.slope]
        for parabola in parabolas {
            let label = String(format: "%.3g", parabola.compute)
            derived.append(FittedQuantity(name: "N*(C=\(label))", estimate: parabola.optimalParameters))
            derived.append(FittedQuantity(name: "L*(C=\(label))", estimate: parabola.minimumLoss))
            solverParameters += [parabola.compute] + parabola.coefficients
        }
        return LawEstimate(
            law: name, solverParameters: solverParameters,
            parameters: [
                FittedQuantity(name: "allocation_exponent_a", estimate: line.slope, standardError: line.slopeVariance.squareRoot(),
                               standardErrorMethod: .covariance),
                FittedQuantity(name: "k", estimate: line.intercept, standardError: line.interceptVariance.squareRoot(),
                               standardErrorMethod: .covariance),
            ],
            derivedQuantities: derived, objectiveName: "χ² of ln N*", objectiveValue: line.sumOfSquaredResiduals,
            degreesOfFreedom: parabolas.count - 2, pointsUsed: parabolas.reduce(0) { $0 + $1.pointCount },
            iterations: 0, status: .converged(criterion: "closed-form least squares"),
            messages: messages + ["\(parabolas.count) budget parabolas; ln N* regressed on ln C (gsl_fit_linear)."])
    }

    /// Closed form, so a refit is a fit.
    public func refit(_ points: [IsoFLOPObservation], from solverParameters: [Double]) throws -> LawEstimate {
        try fit(points)
    }

    /// The loss of `point` on its budget's parabola (NaN when the fit has no parabola for that budget).
    public func predict(_ estimate: LawEstimate, at point: IsoFLOPObservation) -> Double {
        let stored = estimate.solverParameters.dropFirst(2)
        for offset in stride(from: stored.startIndex, to: stored.endIndex, by: 4)
        where IsoFLOPLaw.sameBudget(stored[offset], point.compute) {
            let u = log(point.parameters)
            return stored[offset + 1] + stored[offset + 2] * u + stored[offset + 3] * u * u
        }
        return .nan
    }

    public func observedValue(of point: IsoFLOPObservation) -> Double { point.loss }

    private static func sameBudget(_ first: Double, _ second: Double) -> Bool {
        abs(first - second) <= 1e-6 * max(abs(first), abs(second))
    }

    /// Budgets in increasing C, each with the indices of its runs.
    private func budgets(_ points: [IsoFLOPObservation]) -> [(compute: Double, indices: [Int])] {
        var groups: [(compute: Double, indices: [Int])] = []
        for index in points.indices.sorted(by: { points[$0].compute < points[$1].compute }) {
            if let last = groups.indices.last, IsoFLOPLaw.sameBudget(groups[last].compute, points[index].compute) {
                groups[last].indices.append(index)
            } else {
                groups.append((points[index].compute, [index]))
            }
        }
        return groups.map { ($0.compute, $0.indices.sorted()) }
    }
}
