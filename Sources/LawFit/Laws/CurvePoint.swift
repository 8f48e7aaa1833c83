// The observation type of one-variable laws and the validation every such law applies.

/// One observation (x, y) of a one-variable law, e.g. (parameters N, loss L) or (tokens T, loss change).
public struct CurvePoint: Sendable, Codable, Equatable {
    public let x: Double
    public let y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
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
