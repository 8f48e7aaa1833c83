// The three Slurm commands the coordinator uses — `sbatch --parsable` to submit an array,
// `squeue --me --array` to follow its tasks, `scancel` to withdraw tasks that can never start —
// with their output parsed and their failures turned into errors that quote Slurm.
import Foundation
import Logging

/// Where an array task stands, as `squeue` reports it.
public struct SlurmQueueEntry: Sendable, Equatable {
    /// `PENDING`, `RUNNING`, `COMPLETING`, …
    public var state: String
    /// Why a pending task waits (`Resources`, `Dependency`, `DependencyNeverSatisfied`, …).
    public var reason: String

    public init(state: String, reason: String) {
        self.state = state
        self.reason = reason
    }

    /// Pending with a dependency that failed: it will never start.
    public var isStuck: Bool { state == "PENDING" && reason == "DependencyNeverSatisfied" }

    /// Started: running, or finishing.
    public var isRunning: Bool { ["RUNNING", "COMPLETING", "CONFIGURING", "STAGE_OUT", "SUSPENDED"].contains(state) }
}

public enum SlurmError: Error, CustomStringConvertible, Equatable {
    case commandNotFound(String)
    case commandFailed(command: String, status: Int32, message: String)
    case unexpectedOutput(command: String, output: String)

    public var description: String {
        switch self {
        case .commandNotFound(let command):
            return "`\(command)` is not on PATH; run `tinyscale run --executor slurm` on a machine that can submit Slurm jobs (a login node), or leave out --executor slurm to train here"
        case .commandFailed(let command, let status, let message):
            let text = message.trimmingCharacters(in: .whitespacesAndNewlines)
            return "`\(command)` failed (exit status \(status))\(text.isEmpty ? "" : ": \(text)"); check the partition, time limit, account and sbatch options (command line or the spec's `slurm:` section)"
        case .unexpectedOutput(let command, let output):
            return "`\(command)` printed '\(output)', not what TinyScale expects from Slurm; check that `sbatch` and `squeue` are Slurm's"
        }
    }
}

/// Slurm's commands, run through `runner`.
public struct SlurmClient: Sendable {
    public let runner: any CommandRunning
    private let logger = Logger(label: "tinyscale.slurm")

    public init(runner: any CommandRunning = ProcessCommandRunner()) {
        self.runner = runner
    }

    /// Submits the script at `scriptPath` with `arguments`; returns the job id.
    public func submit(arguments: [String]) throws -> String {
        let result = try run("sbatch", arguments)
        // `--parsable` prints `<job id>` or `<job id>;<cluster>`.
        let jobID = result.output.split(whereSeparator: \.isNewline).first?
            .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !jobID.isEmpty, jobID.allSatisfy(\.isNumber) else {
            throw SlurmError.unexpectedOutput(command: "sbatch", output: result.output)
        }
        return jobID
    }

    /// This user's array tasks in the queue, by task id (`<job id>_<index>`).
    public func queue() throws -> [String: SlurmQueueEntry] {
        let result = try run("squeue", ["--me", "--noheader", "--array", "--format=%i|%T|%r"])
        var entries: [String: SlurmQueueEntry] = [:]
        for line in result.output.split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3 else { throw SlurmError.unexpectedOutput(command: "squeue", output: String(line)) }
            entries[fields[0]] = SlurmQueueEntry(state: fields[1], reason: fields[2])
        }
        return entries
    }

    /// Cancels the array tasks `taskIDs` (`<job id>_<index>`).
    public func cancel(_ taskIDs: [String]) throws {
        guard !taskIDs.isEmpty else { return }
        _ = try run("scancel", taskIDs)
    }

    private func run(_ command: String, _ arguments: [String]) throws -> CommandResult {
        logger.debug("running \(command) \(arguments.joined(separator: " "))")
        let result = try runner.run(command, arguments: arguments)
        guard result.status == 0 else {
            throw SlurmError.commandFailed(command: ([command] + arguments).joined(separator: " "), status: result.status,
                                           message: result.errorOutput.isEmpty ? result.output : result.errorOutput)
        }
        return result
    }
}
