// Line dash patterns, the second cue (after colour) that separates series.

/// How a line is stroked: on/off lengths in points, repeated along the line.
public struct DashPattern: Sendable, Equatable {
    /// Alternating on and off lengths in points; empty means a solid line.
    public var lengths: [Double]

    public init(lengths: [Double]) {
        self.lengths = lengths
    }

    public static let solid = DashPattern(lengths: [])
    public static let dashed = DashPattern(lengths: [6, 3])
    public static let dotted = DashPattern(lengths: [1.2, 2.4])
    public static let dashDot = DashPattern(lengths: [6, 2.5, 1.2, 2.5])
    public static let longDash = DashPattern(lengths: [11, 4])
    public static let dashDotDot = DashPattern(lengths: [6, 2.5, 1.2, 2.5, 1.2, 2.5])
}
