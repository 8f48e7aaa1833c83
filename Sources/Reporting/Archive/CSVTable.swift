// The data.csv of an archived report: a header and rows of text, written as RFC 4180 CSV.

import Foundation

/// Tabular data saved next to a report (every run's final metrics).
public struct CSVTable: Sendable, Equatable {
    /// Column names.
    public var header: [String]
    /// Rows; each should have `header.count` fields.
    public var rows: [[String]]

    /// Creates a table.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The table as CSV: comma-separated, LF line ends (what Unix tools, pandas and Python's `csv`
    /// module expect), fields quoted when they contain a comma, a double quote or a line break
    /// (quotes doubled), as RFC 4180 specifies.
    public var text: String {
        ([header] + rows).map { row in row.map(Self.field).joined(separator: ",") + "\n" }.joined()
    }

    private static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
