// One compute budget's parabola of loss in ln N and its vertex (Chinchilla Approach 2).
import Foundation

/// L(u) = c₀ + c₁u + c₂u², u = ln N, fitted by least squares to one budget's runs.
public struct IsoFLOPParabola: Sendable, Codable, Equatable {
    /// The budget C (FLOPs).
    public let compute: Double
    /// (c₀, c₁, c₂) in u = ln N.
    public let coefficients: [Double]
    /// Runs in this budget.
    public let pointCount: Int

    /// Fits the parabola (needs ≥ 3 distinct N). Solved on u − ū for conditioning, then expanded.
    public init(compute: Double, parameters: [Double], losses: [Double]) throws {
        guard Set(parameters).count >= 3, parameters.count == losses.count else {
            throw LawFitError.tooFewPoints(law: "IsoFLOP parabola", required: 3, available: Set(parameters).count)
        }
        let logs = parameters.map { log($0) }
        let center = logs.reduce(0, +) / Double(logs.count)
        let solver = try LinearLeastSquaresSolver(observationCount: logs.count, coefficientCount: 3)
        let fit = try solver.solve(observations: losses) { row in
            let shifted = logs[row] - center
            return [1, shifted, shifted * shifted]
        }
        let (q0, q1, q2) = (fit.coefficients[0], fit.coefficients[1], fit.coefficients[2])
        // c₀ + c₁u + c₂u² = q₀ + q₁(u − ū) + q₂(u − ū)².
        coefficients = [q0 - q1 * center + q2 * center * center, q1 - 2 * q2 * center, q2]
        self.compute = compute
        pointCount = parameters.count
    }

    /// True when c₂ > 0, so the vertex is a minimum.
    public var isUShaped: Bool { coefficients[2] > 0 }

    /// u* = −c₁ / (2c₂), the ln N of the vertex.
    public var vertexLogParameters: Double { -coefficients[1] / (2 * coefficients[2]) }

    /// N* = exp(u*), the loss-minimising model size at this budget.
    public var optimalParameters: Double { exp(vertexLogParameters) }

    /// L(u*) = c₀ − c₁²/(4c₂).
    public var minimumLoss: Double { coefficients[0] - coefficients[1] * coefficients[1] / (4 * coefficients[2]) }

    /// L at N.
    public func loss(parameters: Double) -> Double {
        let u = log(parameters)
        return coefficients[0] + coefficients[1] * u + coefficients[2] * u * u
    }
}
