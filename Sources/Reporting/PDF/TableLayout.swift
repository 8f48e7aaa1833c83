// Column widths for PDF tables, free of any drawing: natural widths when they fit, otherwise the
// narrow columns keep their natural width and the wide ones share what is left equally.

/// Chooses table column widths.
enum TableLayout {
    /// Widths (in points) for columns whose unwrapped content is `naturalWidths` wide, within
    /// `available` points in total. Never narrower than `minimumWidth` per column (the total may then
    /// exceed `available`).
    static func columnWidths(naturalWidths: [Double], available: Double, minimumWidth: Double = 24) -> [Double] {
        guard naturalWidths.reduce(0, +) > available else { return naturalWidths }
        var widths = naturalWidths
        var remaining = available
        var open = Array(naturalWidths.indices).sorted { naturalWidths[$0] < naturalWidths[$1] }
        while let narrowest = open.first {
            let share = remaining / Double(open.count)
            if naturalWidths[narrowest] <= share {
                widths[narrowest] = naturalWidths[narrowest]
                remaining -= naturalWidths[narrowest]
                open.removeFirst()
            } else {
                for column in open { widths[column] = max(minimumWidth, share) }
                break
            }
        }
        return widths
    }
}
