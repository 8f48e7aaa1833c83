// The task description a Slurm array task reads: one planned run with everything the worker needs
// to train it exactly as the local executor would (config, thread count, log interval, output
// folder). Written by the coordinator as JSON, atomically, one file per run.
import Foundation
import TinyGPT

/// One run for a worker to train.
public struct SlurmTask: Codable, Sendable, Equatable {
    /// Version of this file's layout; a worker refuses another.
    public static let currentFormat = 1

    public var format: Int
    public var study: String
    public var hash: String
    public var label: String
    /// The run's role in its study, as canonical JSON (kept for the record, not used to train).
    public var role: String
    public var config: RunConfig
    /// Threads the run trains with (also the array's `--cpus-per-task`).
    public var threads: Int
    /// Steps between training-log entries (`training.log_every`).
    public var logEvery: Int
    /// The shared output folder, absolute: checkpoints, corpus cache and result files go here.
    public var outputFolder: String

    public init(study: String, run: PlannedRun, threads: Int, logEvery: Int, outputFolder: URL) {
        format = Self.currentFormat
        self.study = study
        hash = run.hash
        label = run.label
        role = run.role.json
        config = run.config
        self.threads = threads
        self.logEvery = logEvery
        self.outputFolder = outputFolder.absoluteURL.standardizedFileURL.path
    }

    /// The planned run this task trains.
    public var plannedRun: PlannedRun {
        var run = PlannedRun(config: config, label: label, role: [String: String]())
        run.role = RunRole(json: role)
        return run
    }

    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        // Encoding plain value types to JSON cannot fail.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Writes the task to `file` atomically.
    public func write(to file: URL) throws {
        try AtomicFileWriter.write(encoded(), to: file)
    }

    /// Reads and checks the task at `file`.
    /// - Throws: `SlurmTaskError` when the file is missing, unreadable, of another format, or its
    ///   config does not hash to its run hash (written by another TinyScale version).
    public static func read(_ file: URL) throws -> SlurmTask {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw SlurmTaskError.unreadable(path: file.path, reason: "\(error.localizedDescription)")
        }
        let task: SlurmTask
        do {
            task = try JSONDecoder().decode(SlurmTask.self, from: data)
        } catch {
            throw SlurmTaskError.unreadable(path: file.path, reason: "\(error)")
        }
        guard task.format == currentFormat else {
            throw SlurmTaskError.otherFormat(path: file.path, format: task.format)
        }
        guard task.config.hash == task.hash else {
            throw SlurmTaskError.hashMismatch(path: file.path, expected: task.hash, actual: task.config.hash)
        }
        return task
    }
}

public enum SlurmTaskError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case otherFormat(path: String, format: Int)
    case hashMismatch(path: String, expected: String, actual: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the task description (\(reason)); submit again with `tinyscale run --executor slurm`, which rewrites it"
        case .otherFormat(let path, let format):
            return "\(path): task description format \(format), this tinyscale reads format \(SlurmTask.currentFormat); install the same tinyscale binary on the compute nodes as on the submitting machine"
        case .hashMismatch(let path, let expected, let actual):
            return "\(path): the run's config hashes to \(actual), not \(expected); the compute nodes run another tinyscale version than the submitting machine — install the same binary on both"
        }
    }
}
