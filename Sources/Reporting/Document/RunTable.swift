// The runs of a study (identifier, status, chosen columns), shown as a numbered table.

/// One run: its identifier (e.g. config hash), status and values for the table's columns.
public struct RunRow: Sendable {
    /// How a run stands in the report (the store's own run states map onto these).
    public enum Status: String, Sendable {
        case completed
        case reused
        case failed
        case skipped
    }

    /// Run identifier, e.g. an abbreviated config hash.
    public var identifier: String
    /// Run status.
    public var status: Status
    /// Display values, one per column of the owning `RunTable`.
    public var values: [String]

    /// Creates a run row.
    public init(identifier: String, status: Status, values: [String]) {
        self.identifier = identifier
        self.status = status
        self.values = values
    }
}

/// The runs of a study.
public struct RunTable: Sendable {
    /// Caption in the inline Markdown subset.
    public var caption: String
    /// Column headings after "Run" and "Status", e.g. ["N", "D", "loss (bits/byte)"].
    public var columns: [String]
    /// The runs.
    public var runs: [RunRow]

    /// Creates a run table.
    public init(caption: String = "Runs of this study.", columns: [String], runs: [RunRow]) {
        self.caption = caption
        self.columns = columns
        self.runs = runs
    }

    /// The runs as a table: "Run", "Status", then `columns` (right-aligned, as they are mostly numbers).
    public var table: ReportTable {
        ReportTable(header: ["Run", "Status"] + columns,
                    rows: runs.map { [$0.identifier, $0.status.rawValue] + $0.values },
                    alignments: [.left, .left] + Array(repeating: .right, count: columns.count),
                    caption: caption)
    }
}
