// The marker glyphs that tell series apart in grayscale print.

/// A marker drawn at each data point of a series.
public enum MarkerShape: Sendable, Equatable, CaseIterable {
    case circle
    case square
    case triangleUp
    case diamond
    case triangleDown
    case plus
    case cross
    case openCircle
}
