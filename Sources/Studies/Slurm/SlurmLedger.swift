// The coordinator's memory between polls and between invocations: which array tasks it submitted
// and has not yet settled, and how often each run has failed. Kept in `output/slurm/ledger.json`,
// written atomically, read only by the process that holds the output folder's lock.
import Foundation
import TinyGPT

struct SlurmLedger: Codable, Equatable {
    /// Submitted tasks not yet settled: task id (`<job id>_<index>`) → run hash.
    var openTasks: [String: String] = [:]
    /// Attempts of each run that ended without a result (failed, cancelled, timed out).
    var failures: [String: Int] = [:]
    /// The Slurm log of each run's last failed attempt.
    var failureLogs: [String: String] = [:]

    /// The ledger at `file`; empty when there is none.
    static func read(_ file: URL) throws -> SlurmLedger {
        guard let data = FileManager.default.contents(atPath: file.path) else { return SlurmLedger() }
        do {
            return try JSONDecoder().decode(SlurmLedger.self, from: data)
        } catch {
            throw SlurmLedgerError(path: file.path, reason: "\(error)")
        }
    }

    func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try AtomicFileWriter.write(try encoder.encode(self), to: file)
    }

    /// The job id of task id `<job id>_<index>`.
    static func jobID(ofTask taskID: String) -> String {
        String(taskID.prefix { $0 != "_" })
    }

    /// The array index of task id `<job id>_<index>`.
    static func index(ofTask taskID: String) -> Int {
        Int(taskID.split(separator: "_").last ?? "") ?? 0
    }
}

/// A ledger file that cannot be read.
public struct SlurmLedgerError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String {
        "\(path): the Slurm submission ledger is unreadable (\(reason)); cancel this study's jobs with `scancel`, delete the file, and run again (finished results are kept in output/slurm/results)"
    }
}
