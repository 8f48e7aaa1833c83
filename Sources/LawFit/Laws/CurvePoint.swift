// The observation type of one-variable laws, and the shared steps that turn a power-term series
// fit into a named law estimate.

/// One observation (x, y) of a one-variable law, e.g. (parameters N, loss L) or (tokens T, loss change).
public struct CurvePoint: Sendable, Codable, Equatable {
    public let x: Double
    public let y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// How a one-variable least-squares fit weights its points.
public enum CurveWeighting: String, Sendable, Codable {
    /// w_i = 1: absolute errors of y are comparable across points.
    case uniform
    /// w_i = 1 / y_i²: relative errors are comparable (e.g. losses spanning a wide range).
    case relative

    func weights(for points: [CurvePoint]) -> [Double]? {
        switch self {
        case .uniform: return nil
        case .relative: return points.map { 1 / ($0.y * $0.y) }
        }
    }
}

/// Checks x > 0 and finite, y finite (and y > 0 when `positiveY`), and n ≥ `minimum`.
func validateCurvePoints(_ points: [CurvePoint], law: String, minimum: Int, xName: String, yName: String,
                         positiveY: Bool) throws {
    for (index, point) in points.enumerated() {
        guard point.x > 0, point.x.isFinite else {
            throw LawFitError.invalidValue(law: law, quantity: xName, index: index, value: point.x)
        }
        guard point.y.isFinite, !positiveY || point.y > 0 else {
            throw LawFitError.invalidValue(law: law, quantity: yName, index: index, value: point.y)
        }
    }
    guard points.count >= minimum else {
        throw LawFitError.tooFewPoints(law: law, required: minimum, available: points.count)
    }
}

/// How a reported parameter reads off the series' natural coordinates: value = sign · θ[index].
struct SeriesParameter {
    let name: String
    let index: Int
    let sign: Double
}

extension PowerTermSeries.Fit {
    /// The named law estimate of this fit; standard errors are √diag of the natural covariance.
    func estimate(law: String, parameters names: [SeriesParameter], pointsUsed: Int,
                  messages: [String] = []) -> LawEstimate {
        LawEstimate(
            law: law, solverParameters: parameters,
            parameters: names.map { name in
                FittedQuantity(name: name.name, estimate: name.sign * parameters[name.index],
                               standardError: covariance.map { $0[name.index][name.index].squareRoot() },
                               standardErrorMethod: .covariance)
            },
            derivedQuantities: [], objectiveName: "χ²", objectiveValue: solution.chiSquared,
            degreesOfFreedom: solution.degreesOfFreedom, pointsUsed: pointsUsed, iterations: solution.iterations,
            status: solution.status,
            messages: messages + ["Nonlinear least squares (GSL trust region) from the best of \(startsTried) "
                                  + "exponent start(s)."])
    }
}
