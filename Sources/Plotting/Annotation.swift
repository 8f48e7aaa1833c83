// A text note placed at a data point.

/// Where the note sits relative to its point.
public enum AnnotationPlacement: Sendable, Equatable {
    /// Text starts just right of the point.
    case right
    /// Text ends just left of the point.
    case left
    /// Text centred just above the point.
    case above
    /// Text centred just below the point.
    case below
}

/// Plain text at (x, y) in data coordinates, optionally with a small dot marking the point.
public struct Annotation: Sendable, Equatable {
    public var text: String
    public var x: Double
    public var y: Double
    public var placement: AnnotationPlacement
    /// Whether a dot marks the point itself.
    public var marksPoint: Bool

    public init(_ text: String, x: Double, y: Double, placement: AnnotationPlacement = .right,
                marksPoint: Bool = false) {
        self.text = text
        self.x = x
        self.y = y
        self.placement = placement
        self.marksPoint = marksPoint
    }
}
