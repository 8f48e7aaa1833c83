// The one-variable model behind the power-law, data-equivalence and CMR laws:
// y = c₀ + Σ_k c_k x^(p_k), fitted by least squares from a grid of exponent starts.
import Foundation

/// y = c₀ + Σ_{k=1…K} c_k · x^(p_k) for x > 0, with K = 1 or 2 power terms.
///
/// Natural coordinates are θ = (c₀, c₁, p₁, …, c_K, p_K). The fit works on u = x / x̄ with x̄ the
/// geometric mean of the data's x, i.e. with coefficients c′_k = c_k · x̄^(p_k), which keeps the
/// Jacobian well conditioned when x spans many decades; the covariance is mapped back to natural
/// coordinates by the Jacobian of (c′, p) ↦ (c, p) (exact to first order).
///
/// Starts: for fixed exponents the model is linear in the coefficients, so every exponent tuple of
/// the grid (K = 2: pairs p₁ < p₂ at least `minimumExponentGap` apart) gets its least-squares
/// coefficients; the three tuples with the smallest χ² seed the nonlinear fit, and the converged
/// fit with the smallest χ² wins (ties by start order, so the result is deterministic).
struct PowerTermSeries: Sendable {
    let termCount: Int
    let exponentGrid: [Double]
    let minimumExponentGap: Double
    let settings: LeastSquaresSettings

    /// The number of natural parameters, 1 + 2K.
    var parameterCount: Int { 1 + 2 * termCount }

    /// y at x under natural parameters θ.
    static func value(_ parameters: [Double], at x: Double) -> Double {
        var total = parameters[0]
        for term in 0..<(parameters.count - 1) / 2 {
            total += parameters[1 + 2 * term] * pow(x, parameters[2 + 2 * term])
        }
        return total
    }

    /// A least-squares fit in natural coordinates.
    struct Fit {
        let parameters: [Double]
        let covariance: [[Double]]?
        let solution: LeastSquaresSolution
        let startsTried: Int
    }

    /// Full fit with the exponent-grid start search.
    func fit(x: [Double], y: [Double], weights: [Double]?) throws -> Fit {
        let scale = PowerTermSeries.referenceScale(x)
        let u = x.map { $0 / scale }
        let tuples = exponentTuples()
        let linear = try LinearLeastSquaresSolver(observationCount: x.count, coefficientCount: 1 + termCount)
        var candidates: [(chiSquared: Double, index: Int, start: [Double])] = []
        for (index, exponents) in tuples.enumerated() {
            let columns = exponents.map { exponent in u.map { pow($0, exponent) } }
            guard let solution = try? linear.solve(observations: y, weights: weights, row: { row in
                [1] + columns.map { $0[row] }
            }), solution.chiSquared.isFinite, solution.coefficients.allSatisfy(\.isFinite) else { continue }
            var start = [solution.coefficients[0]]
            for term in 0..<termCount { start += [solution.coefficients[1 + term], exponents[term]] }
            candidates.append((solution.chiSquared, index, start))
        }
        candidates.sort { ($0.chiSquared, $0.index) < ($1.chiSquared, $1.index) }
        guard !candidates.isEmpty else { throw LawFitError.noUsableStart(law: "power-term", starts: tuples.count) }
        let solver = try NonlinearLeastSquaresSolver(problem: problem(u: u, y: y))
        var best: LeastSquaresSolution?
        for candidate in candidates.prefix(3) {
            let solution = try solver.solve(from: candidate.start, weights: weights, settings: settings)
            if let current = best {
                let better = solution.status.isConverged && (!current.status.isConverged
                    || solution.chiSquared < current.chiSquared)
                if better { best = solution }
            } else {
                best = solution
            }
        }
        return naturalFit(best!, scale: scale, startsTried: tuples.count)
    }

    /// Fit started from natural parameters θ₀ (no search).
    func refit(x: [Double], y: [Double], weights: [Double]?, from natural: [Double]) throws -> Fit {
        let scale = PowerTermSeries.referenceScale(x)
        var start = natural
        for term in 0..<termCount {
            start[1 + 2 * term] = natural[1 + 2 * term] * pow(scale, natural[2 + 2 * term])
        }
        let solver = try NonlinearLeastSquaresSolver(problem: problem(u: x.map { $0 / scale }, y: y))
        return naturalFit(try solver.solve(from: start, weights: weights, settings: settings), scale: scale,
                          startsTried: 1)
    }

    /// x̄ = exp(mean ln x).
    static func referenceScale(_ x: [Double]) -> Double {
        exp(x.reduce(0) { $0 + log($1) } / Double(x.count))
    }

    private func exponentTuples() -> [[Double]] {
        let usable = exponentGrid.filter { abs($0) > 1e-9 }
        guard termCount == 2 else { return usable.map { [$0] } }
        var pairs: [[Double]] = []
        for first in usable {
            for second in usable where second - first >= minimumExponentGap { pairs.append([first, second]) }
        }
        return pairs
    }

    /// Residuals f_i = c₀ + Σ c′_k u_i^(p_k) − y_i and their Jacobian in (c₀, c′₁, p₁, …).
    private func problem(u: [Double], y: [Double]) -> LeastSquaresProblem {
        let termCount = self.termCount
        let logU = u.map { log($0) }
        return LeastSquaresProblem(
            residualCount: u.count, parameterCount: parameterCount,
            residuals: { theta in
                u.indices.map { PowerTermSeries.value(theta, at: u[$0]) - y[$0] }
            },
            jacobian: { theta in
                u.indices.map { row in
                    var derivatives = [1.0]
                    for term in 0..<termCount {
                        let power = pow(u[row], theta[2 + 2 * term])
                        derivatives += [power, theta[1 + 2 * term] * power * logU[row]]
                    }
                    return derivatives
                }
            })
    }

    /// Maps a normalised solution back to natural coordinates, with terms ordered by exponent.
    private func naturalFit(_ solution: LeastSquaresSolution, scale: Double, startsTried: Int) -> Fit {
        let normalised = solution.parameters
        let count = parameterCount
        var natural = normalised
        // transform[i][j] = ∂θ_i / ∂θ′_j for the map c_k = c′_k · x̄^(−p_k).
        var transform = (0..<count).map { row in (0..<count).map { $0 == row ? 1.0 : 0.0 } }
        for term in 0..<termCount {
            let coefficient = 1 + 2 * term, exponent = coefficient + 1
            let factor = pow(scale, -normalised[exponent])
            natural[coefficient] = normalised[coefficient] * factor
            transform[coefficient][coefficient] = factor
            transform[coefficient][exponent] = -natural[coefficient] * log(scale)
        }
        var covariance = solution.covariance.map { matrix in
            (0..<count).map { row in
                (0..<count).map { column in
                    var total = 0.0
                    for inner in 0..<count {
                        for outer in 0..<count {
                            total += transform[row][inner] * matrix[inner][outer] * transform[column][outer]
                        }
                    }
                    return total
                }
            }
        }
        if termCount == 2, natural[2] > natural[4] {
            let order = [0, 3, 4, 1, 2]
            natural = order.map { natural[$0] }
            covariance = covariance.map { matrix in order.map { row in order.map { matrix[row][$0] } } }
        }
        return Fit(parameters: natural, covariance: covariance, solution: solution, startsTried: startsTried)
    }
}
