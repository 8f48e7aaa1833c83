// Column widths for PDF tables, free of any drawing: natural widths when they fit, otherwise the
// narrow columns keep their natural width and the wide ones share what is left equally, never
// below their longest word (so a name such as `allocation_exponent_a` is not broken inside).

/// Chooses table column widths.
enum TableLayout {
    /// Widths (in points) for columns whose unwrapped content is `naturalWidths` wide and whose
    /// longest unbreakable word is `wordWidths` wide (default: none), within `available` points in
    /// total. A column is never narrower than its longest word nor than `minimumWidth` (the total
    /// may then exceed `available`).
    static func columnWidths(naturalWidths: [Double], wordWidths: [Double]? = nil, available: Double,
                             minimumWidth: Double = 24) -> [Double] {
        guard naturalWidths.reduce(0, +) > available else { return naturalWidths }
        let words = wordWidths ?? Array(repeating: 0, count: naturalWidths.count)
        var widths = naturalWidths
        var remaining = available
        var open = Array(naturalWidths.indices).sorted { naturalWidths[$0] < naturalWidths[$1] }
        while let narrowest = open.first {
            let share = remaining / Double(open.count)
            if naturalWidths[narrowest] <= share {
                widths[narrowest] = naturalWidths[narrowest]
                remaining -= naturalWidths[narrowest]
                open.removeFirst()
                continue
            }
            let unbreakable = open.filter { words[$0] > share }
            if !unbreakable.isEmpty {
                for column in unbreakable {
                    widths[column] = max(min(words[column], naturalWidths[column]), minimumWidth)
                    remaining -= widths[column]
                }
                open.removeAll { unbreakable.contains($0) }
                continue
            }
            for column in open { widths[column] = max(minimumWidth, share) }
            break
        }
        return widths
    }
}
