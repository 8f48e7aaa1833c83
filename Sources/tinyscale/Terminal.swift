// Output conventions of the command tree: results on stdout, messages on stderr, and the
// sysexits-style exit statuses every command uses.
import ArgumentParser
import Foundation
import Studies

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
    /// The run store cannot be opened or read (EX_IOERR): an unwritable folder, a full disk, or a
    /// file that is not a TinyScale store. The store is left untouched.
    static let storeUnavailable: Int32 = 74
    /// Try again later (EX_TEMPFAIL): `report` on a study whose runs are not all finished, or
    /// `run --no-wait` on an output folder another `run` is using.
    static let temporaryFailure: Int32 = 75
    /// Stopped by Ctrl-C (128 + SIGINT, as shells report it).
    static let interrupted: Int32 = 130
}

extension ExitStatus {
    /// The status for an error of `SpecLoader.load`: 65 invalid spec, 66 missing file (the spec,
    /// or a `file:` corpus it names), 64 unknown profile (a command-line mistake); nil for anything else.
    static func forSpecLoading(_ error: any Error) -> Int32? {
        switch error {
        case let error as SpecValidationError: error.namesMissingFile ? missingFile : invalidSpec
        case is SpecFileError: missingFile
        case is UnknownProfileError: usage
        default: nil
        }
    }
}

enum Terminal {
    /// Writes a message line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}

/// Opens the run store for a command, turning a failure into its message and exit status 74.
enum StoreOpening {
    static func open(_ pipeline: StudyPipeline) throws -> RunStore {
        do {
            return try pipeline.openStore()
        } catch let error as RunStoreError {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.storeUnavailable)
        }
    }
}
