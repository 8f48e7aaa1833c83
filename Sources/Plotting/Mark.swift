// Everything that can be drawn inside a panel's plot area.

/// One drawable element of a panel. Layers are fixed regardless of order: heatmaps, bands, reference
/// lines, lines, error bars, markers, annotations (so a band never covers its series).
public enum Mark: Sendable, Equatable {
    case series(Series)
    case band(Band)
    case referenceLine(ReferenceLine)
    case annotation(Annotation)
    case heatmap(Heatmap)
}
