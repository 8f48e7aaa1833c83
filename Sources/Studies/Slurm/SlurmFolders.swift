// Where the Slurm executor keeps its files inside the shared output folder: task descriptions,
// result files, batch scripts, Slurm logs and the submission ledger, all under `output/slurm/`.
import Foundation

/// The Slurm executor's part of an output folder (`<output>/slurm/`).
public struct SlurmFolders: Sendable, Equatable {
    /// The output folder as an absolute path: compute nodes find it at the same place.
    public let outputFolder: URL

    public init(outputFolder: URL) {
        self.outputFolder = outputFolder.absoluteURL.standardizedFileURL
    }

    public var root: URL { outputFolder.appendingPathComponent("slurm", isDirectory: true) }
    public var tasks: URL { root.appendingPathComponent("tasks", isDirectory: true) }
    public var results: URL { root.appendingPathComponent("results", isDirectory: true) }
    public var scripts: URL { root.appendingPathComponent("scripts", isDirectory: true) }
    public var logs: URL { root.appendingPathComponent("logs", isDirectory: true) }
    /// The coordinator's record of submitted tasks and failed attempts.
    public var ledger: URL { root.appendingPathComponent("ledger.json") }

    /// The task description of run `hash`.
    public func taskFile(_ hash: String) -> URL { tasks.appendingPathComponent("\(hash).json") }

    /// The result file of run `hash`, written once the run is complete or diverged.
    public func resultFile(_ hash: String) -> URL { results.appendingPathComponent("\(hash).json") }

    /// What an interrupted task of run `hash` had measured up to its resume checkpoint.
    public func partialFile(_ hash: String) -> URL { results.appendingPathComponent("\(hash).partial.json") }

    /// The Slurm log of array task `index` of job `jobID` (the `%A_%a` of the scripts' `--output`).
    public func logFile(jobID: String, index: Int) -> URL { logs.appendingPathComponent("\(jobID)_\(index).out") }

    /// The `--output` pattern of every array.
    public var logPattern: String { logs.appendingPathComponent("%A_%a.out").path }

    /// Creates every folder.
    public func create() throws {
        for folder in [tasks, results, scripts, logs] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }
}
