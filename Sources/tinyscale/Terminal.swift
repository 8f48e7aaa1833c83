// Output conventions of the command tree: results on stdout, messages on stderr, and the
// sysexits-style exit statuses every command uses.
import Foundation

enum ExitStatus {
    /// Bad command-line usage (EX_USAGE).
    static let usage: Int32 = 64
    /// Invalid input data, e.g. a spec with problems (EX_DATAERR).
    static let invalidSpec: Int32 = 65
    /// An input file does not exist (EX_NOINPUT).
    static let missingFile: Int32 = 66
    /// A required system component is missing (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    /// Something failed while working (EX_SOFTWARE).
    static let failure: Int32 = 70
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130
}

enum Terminal {
    /// Writes a message line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
