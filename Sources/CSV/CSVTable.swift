// The one CSV table of the project: read for fit inputs (`tinyscale fit --csv`) and written as a
// report's data.csv. Reading takes a header row and comma-separated fields (double-quoted fields may
// contain commas and "" escapes, not line breaks), with errors that name the file, line and column;
// writing is RFC 4180.
import Foundation

/// A problem with a CSV input. Line numbers count from 1 and include the header line.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case noHeader(path: String)
    case missingColumn(path: String, column: String, available: [String])
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    case unterminatedQuote(path: String, line: Int)
    case nonNumeric(path: String, line: Int, column: String, text: String)
    case nonPositive(path: String, line: Int, column: String, value: Double)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file; check the path given to --csv."
        case let .unreadable(path, reason):
            return "\(path): cannot be read as UTF-8 text (\(reason))."
        case let .noHeader(path):
            return "\(path): the file is empty; the first line must name the columns."
        case let .missingColumn(path, column, available):
            return "\(path): no column named \"\(column)\" (columns: \(available.joined(separator: ", "))); "
                + "rename it or choose columns with --columns."
        case let .wrongFieldCount(path, line, expected, found):
            return "\(path), line \(line): \(found) fields, but the header has \(expected)."
        case let .unterminatedQuote(path, line):
            return "\(path), line \(line): a quoted field is not closed."
        case let .nonNumeric(path, line, column, text):
            return "\(path), line \(line), column \"\(column)\": \"\(text)\" is not a finite number."
        case let .nonPositive(path, line, column, value):
            return "\(path), line \(line), column \"\(column)\": \(value) must be positive for this law."
        }
    }
}

/// The cells of a CSV table as text, with the line number of every data row.
public struct CSVTable: Sendable, Equatable {
    /// The file path (or another label) used in error messages.
    public let source: String
    /// Column names, trimmed.
    public let header: [String]
    /// Data rows, each with one trimmed field per column. Blank lines are skipped.
    public let rows: [[String]]
    /// The 1-based file line of each row.
    public let lineNumbers: [Int]

    /// A table made in memory (e.g. a report's data.csv); its rows count from line 2, under the header.
    public init(header: [String], rows: [[String]], source: String = "data.csv") {
        self.init(source: source, header: header, rows: rows, lineNumbers: rows.indices.map { $0 + 2 })
    }

    /// Reads and parses the file at `path`.
    public init(contentsOfFile path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw CSVError.fileNotFound(path: path) }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CSVError.unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(text: text, source: path)
    }

    /// Parses CSV `text`; `source` names it in errors.
    public init(text: String, source: String) throws {
        var parsed: [(line: Int, fields: [String])] = []
        // "\r\n" is one Character in Swift, and a newline, so this splits LF and CRLF files alike.
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            guard let fields = CSVTable.fields(of: String(line)) else {
                throw CSVError.unterminatedQuote(path: source, line: offset + 1)
            }
            parsed.append((offset + 1, fields))
        }
        guard let first = parsed.first else { throw CSVError.noHeader(path: source) }
        for row in parsed.dropFirst() where row.fields.count != first.fields.count {
            throw CSVError.wrongFieldCount(path: source, line: row.line, expected: first.fields.count,
                                           found: row.fields.count)
        }
        self.source = source
        header = first.fields
        rows = parsed.dropFirst().map(\.fields)
        lineNumbers = parsed.dropFirst().map(\.line)
    }

    /// The table without rows that have an empty cell in any of `columns`, and the file lines of
    /// the rows dropped. Throws `CSVError.missingColumn` for a column the header lacks.
    public func droppingRows(withEmptyCellsIn columns: [String]) throws -> (table: CSVTable, droppedLines: [Int]) {
        let indices = try columns.map { name in
            guard let column = header.firstIndex(of: name) else {
                throw CSVError.missingColumn(path: source, column: name, available: header)
            }
            return column
        }
        let keep = rows.indices.filter { row in indices.allSatisfy { !rows[row][$0].isEmpty } }
        let dropped = rows.indices.filter { !keep.contains($0) }.map { lineNumbers[$0] }
        return (CSVTable(source: source, header: header, rows: keep.map { rows[$0] }, lineNumbers: keep.map { lineNumbers[$0] }),
                dropped)
    }

    private init(source: String, header: [String], rows: [[String]], lineNumbers: [Int]) {
        self.source = source
        self.header = header
        self.rows = rows
        self.lineNumbers = lineNumbers
    }

    /// The values of column `name` as finite numbers; when `positive`, each must also be > 0.
    public func numbers(inColumn name: String, positive: Bool) throws -> [Double] {
        guard let column = header.firstIndex(of: name) else {
            throw CSVError.missingColumn(path: source, column: name, available: header)
        }
        return try rows.indices.map { row in
            let text = rows[row][column]
            guard let value = Double(text), value.isFinite else {
                throw CSVError.nonNumeric(path: source, line: lineNumbers[row], column: name, text: text)
            }
            guard !positive || value > 0 else {
                throw CSVError.nonPositive(path: source, line: lineNumbers[row], column: name, value: value)
            }
            return value
        }
    }

    /// The table as CSV: comma-separated, LF line ends (what Unix tools, pandas and Python's `csv`
    /// module expect), fields quoted when they contain a comma, a double quote or a line break
    /// (quotes doubled), as RFC 4180 specifies.
    public var text: String {
        ([header] + rows).map { row in row.map(Self.quotedField).joined(separator: ",") + "\n" }.joined()
    }

    private static func quotedField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Splits one line into trimmed fields; nil when a quote is left open.
    private static func fields(of line: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        guard !quoted else { return nil }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }
}
