// How the one-variable least-squares laws weight their points.

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
