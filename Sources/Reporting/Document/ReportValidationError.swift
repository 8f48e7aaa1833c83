// Checks a report is renderable before any output is written, with errors that say what to fix.

import Foundation

/// A report that cannot be rendered as given.
public enum ReportValidationError: Error, CustomStringConvertible, Equatable {
    /// A table row has a different number of cells than the header.
    case tableRowWidth(caption: String, row: Int, expected: Int, found: Int)
    /// A figure's requested size is not positive and finite.
    case figureSize(caption: String, width: Double, height: Double)
    /// The report title is empty.
    case emptyTitle

    public var description: String {
        switch self {
        case .tableRowWidth(let caption, let row, let expected, let found):
            "table \"\(caption)\": row \(row + 1) has \(found) cells but the header has \(expected); "
                + "give every row one cell per column (use \"\" for an empty cell)"
        case .figureSize(let caption, let width, let height):
            "figure \"\(caption)\": size \(width) × \(height) pt is not positive and finite; "
                + "pass a width and height in points, e.g. 432 × 270"
        case .emptyTitle:
            "the report has an empty title; set Report.title to the study's name or claim"
        }
    }
}

extension Report {
    /// Throws the first problem that would make the report unrenderable.
    public func validate() throws(ReportValidationError) {
        if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .emptyTitle }
        for cell in sections.flatMap(\.allCells) {
            switch cell {
            case .table(let table): try Self.validate(table)
            case .fitResults(let fits): try Self.validate(fits.table)
            case .runs(let runs): try Self.validate(runs.table)
            case .figure(let figure):
                let sizes = [figure.width, figure.height]
                if sizes.contains(where: { !$0.isFinite || $0 <= 0 }) {
                    throw .figureSize(caption: figure.caption, width: figure.width, height: figure.height)
                }
            case .prose, .verdict, .code: break
            }
        }
    }

    private static func validate(_ table: ReportTable) throws(ReportValidationError) {
        for (index, row) in table.rows.enumerated() where row.count != table.header.count {
            throw .tableRowWidth(caption: table.caption, row: index, expected: table.header.count,
                                 found: row.count)
        }
    }
}
