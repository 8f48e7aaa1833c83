// One problem found in a study spec, located by file, line, column and key path, and the error
// that carries all of them together so a user fixes every problem in one pass.

/// A problem in a spec file: where it is, what was found, and what is allowed.
public struct SpecIssue: Sendable, Hashable, CustomStringConvertible {
    /// The spec file as the user named it.
    public var file: String
    /// 1-based line and column of the offending node, when YAML gives them.
    public var line: Int?
    public var column: Int?
    /// Dotted key path, e.g. `training.optimizer.learning_rate` or `models[2].heads`.
    public var keyPath: String
    /// What was found and what is allowed, in one sentence a user can act on.
    public var message: String
    /// The problem is a file the spec names that does not exist (exit status 66, not 65).
    public var isMissingFile: Bool

    public init(file: String, line: Int?, column: Int?, keyPath: String, message: String, isMissingFile: Bool = false) {
        self.file = file
        self.line = line
        self.column = column
        self.keyPath = keyPath
        self.message = message
        self.isMissingFile = isMissingFile
    }

    /// `file:line:column: error: key.path: message` (line and column omitted when unknown).
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        let key = keyPath.isEmpty ? "" : "\(Self.visible(keyPath)): "
        return "\(Self.visible(location)): error: \(key)\(Self.visible(message))"
    }

    /// `text` with control characters (C0, DEL, C1; e.g. the ESC of terminal escape sequences)
    /// written as `\u{1b}`, so a hostile spec cannot drive the terminal it is reported on.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return text.unicodeScalars.map { isControl($0) ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F ..< 0xA0).contains(scalar.value)
    }
}

/// Every problem found in one spec file; thrown before anything is planned, trained or written.
public struct SpecValidationError: Error, Sendable, CustomStringConvertible {
    public var issues: [SpecIssue]

    /// Creates the error with its issues in file order (issues without a position last).
    public init(issues: [SpecIssue]) {
        self.issues = issues.enumerated().sorted { a, b in
            let left = (a.element.line ?? .max, a.element.column ?? .max, a.offset)
            let right = (b.element.line ?? .max, b.element.column ?? .max, b.offset)
            return left < right
        }.map(\.element)
    }

    /// Whether a problem is a missing input file: the command then exits 66 rather than 65.
    public var namesMissingFile: Bool { issues.contains(where: \.isMissingFile) }

    /// Most problems a message lists; a spec with more (100,000 unknown keys) gets a count.
    public static let listedIssues = 50

    public var description: String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        var lines = issues.prefix(Self.listedIssues).map(\.description)
        if issues.count > Self.listedIssues {
            lines.append("… and \(issues.count - Self.listedIssues) more problems, not listed.")
        }
        return (lines + ["\(count) found; nothing was run or written."]).joined(separator: "\n")
    }
}

/// A spec file that cannot be read at all (as opposed to one with invalid contents).
public enum SpecFileError: Error, Sendable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): error: no such file; check the path (shipped specs are in studies/)."
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file: \(reason)."
        }
    }
}
