// The edge of a law's domain that a fitted quantity has reached, so reports can say "at lower
// bound 0" instead of printing the solver's stopping point as a measurement.

/// A fitted quantity sitting at the edge of its law's domain. The data do not determine such a
/// quantity: its estimate is wherever the solver stopped on a flat objective, and its standard
/// error says nothing.
public struct ParameterBound: Sendable, Codable, Equatable {
    /// Which edge of the domain.
    public enum Side: String, Sendable, Codable {
        case lower
        case upper
    }

    /// Which edge.
    public let side: Side
    /// The bound's value in the quantity's units (e.g. 0 for E ≥ 0).
    public let limit: Double
    /// Why the estimate counts as at the bound, e.g. "E is below 1e-06 of every fitted loss".
    public let reason: String

    public init(side: Side, limit: Double, reason: String) {
        self.side = side
        self.limit = limit
        self.reason = reason
    }
}
