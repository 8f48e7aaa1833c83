// Everything that can be drawn inside a panel's plot area.

/// One drawable element of a panel. Layers are fixed regardless of order: heatmaps, bars (with their
/// whiskers), bands, reference lines, lines, error bars, markers, annotations (so a band never covers its
/// series, and a reference line such as a threshold shows over bars).
public enum Mark: Sendable, Equatable {
    case series(Series)
    case bars(Bars)
    case band(Band)
    case referenceLine(ReferenceLine)
    case annotation(Annotation)
    case heatmap(Heatmap)
}
