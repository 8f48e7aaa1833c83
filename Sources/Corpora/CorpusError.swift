// Every way loading or using a corpus can fail, each with a message that says what to do.

/// Errors of the Corpora module. `description` is written for the person running the tool.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source name does not parse or names no known source; `suggestion` is the closest valid name.
    case unknownSource(name: String, suggestion: String?)
    /// The source exists but its Debian package is not installed.
    case notInstalled(source: String, package: String)
    /// A file is not valid UTF-8 and the policy is to reject such files.
    case invalidUTF8(file: String, byteOffset: Int)
    /// A file or folder could not be read.
    case unreadable(path: String, reason: String)
    /// An external program (`bible`, `diatheke`, `dpkg-query`) failed.
    case programFailed(program: String, arguments: [String], status: Int32, standardError: String)
    /// The export of a Bible did not have the expected shape.
    case malformedBibleExport(source: String, reason: String)
    /// A parameter is out of its valid range.
    case invalidParameter(name: String, reason: String)
    /// A source has no documents (after filtering) where some are needed.
    case empty(what: String)
    /// A cache file exists but cannot be decoded; it is ignored and rewritten by the loader.
    case corruptCache(path: String)

    public var description: String {
        switch self {
        case let .unknownSource(name, suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "Unknown corpus source '\(name)'.\(hint) Run 'tinyscale corpus list' to see every source."
        case let .notInstalled(source, package):
            return "Corpus source '\(source)' is not installed. Install it with: apt-get install \(package)"
        case let .invalidUTF8(file, byteOffset):
            return "\(file) is not valid UTF-8 (first bad byte at offset \(byteOffset)). "
                + "Convert it (e.g. iconv -f LATIN1 -t UTF-8) or load it with the latin1 conversion policy."
        case let .unreadable(path, reason):
            return "Cannot read \(path): \(reason)"
        case let .programFailed(program, arguments, status, standardError):
            let command = ([program] + arguments).joined(separator: " ")
            return "'\(command)' failed with exit status \(status): \(standardError)"
        case let .malformedBibleExport(source, reason):
            return "The export of \(source) is not in the expected 'Book C:V: text' form: \(reason)"
        case let .invalidParameter(name, reason):
            return "Invalid \(name): \(reason)"
        case let .empty(what):
            return "\(what) has no documents."
        case let .corruptCache(path):
            return "Cache file \(path) is corrupt; delete it and load again."
        }
    }
}
