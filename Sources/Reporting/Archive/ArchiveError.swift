// Errors of the report archive, each naming the path and what to do.

/// A report that could not be archived, or an archive that could not be read.
public enum ArchiveError: Error, CustomStringConvertible {
    /// The study name cannot be used as a folder name.
    case invalidStudyName(String)
    /// A file-system operation failed.
    case fileSystem(operation: String, path: String, reason: String)
    /// A report.json could not be decoded.
    case unreadableSummary(path: String, reason: String)
    /// The data table names these columns more than once.
    case duplicateColumns([String])
    /// Cairo could not write a figure's own PDF or PNG file.
    case figureExport(figureNumber: Int, path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidStudyName(let name):
            "study name \"\(name)\" cannot name an archive folder; use letters, digits, '-', '_' and '.', "
                + "not starting with '.', at most 100 characters"
        case .fileSystem(let operation, let path, let reason):
            "could not \(operation) \(path): \(reason); check permissions and free disk space"
        case .duplicateColumns(let names):
            "data.csv would name \(names.map { "\"\($0)\"" }.joined(separator: ", ")) more than once; "
                + "give every column a unique name"
        case .figureExport(let number, let path, let reason):
            "could not write figure \(number) to \(path): \(reason); check free disk space and permissions"
        case .unreadableSummary(let path, let reason):
            "archive summary \(path) is unreadable (\(reason)); delete that report folder or re-render it "
                + "with `tinyscale report`"
        }
    }
}
