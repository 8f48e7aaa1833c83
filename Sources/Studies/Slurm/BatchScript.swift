// The `sbatch` script of one job array: one task per run, each running `tinyscale worker` on its
// task description. A pure function of its inputs, so what is submitted can be tested and read.
import Foundation

/// One job array's batch script and the `sbatch` arguments that submit it.
public struct BatchScript: Sendable, Equatable {
    /// `--job-name`, e.g. `tinyscale-scaling-law`.
    public var jobName: String
    /// Task description files, absolute paths; array index i trains `taskFiles[i]`.
    public var taskFiles: [String]
    /// `--cpus-per-task`: the runs' thread count.
    public var cpusPerTask: Int
    /// `--output`, with `%A` (array job id) and `%a` (task index).
    public var logPattern: String
    /// Partition, time limit, account and extra options.
    public var settings: SlurmSettings
    /// Job ids every task waits for (`--dependency=afterok:…`).
    public var dependencies: [String]
    /// The tinyscale binary on the compute nodes, absolute.
    public var workerBinary: String
    /// A comment line: what the array is.
    public var description: String

    public init(jobName: String, taskFiles: [String], cpusPerTask: Int, logPattern: String, settings: SlurmSettings,
                dependencies: [String], workerBinary: String, description: String) {
        self.jobName = jobName
        self.taskFiles = taskFiles
        self.cpusPerTask = cpusPerTask
        self.logPattern = logPattern
        self.settings = settings
        self.dependencies = dependencies
        self.workerBinary = workerBinary
        self.description = description
    }

    /// Tasks per array at most (Slurm's default `MaxArraySize` is 1001, indices 0…1000).
    public static let maximumArraySize = 1000

    /// The script text (POSIX sh).
    public var text: String {
        var lines = ["#!/bin/sh", "# \(description)"]
        var directives = ["--job-name=\(jobName)", "--array=0-\(taskFiles.count - 1)", "--cpus-per-task=\(cpusPerTask)",
                          "--output=\(logPattern)"]
        if let partition = settings.partition { directives.append("--partition=\(partition)") }
        if let timeLimit = settings.timeLimit { directives.append("--time=\(timeLimit)") }
        if let account = settings.account { directives.append("--account=\(account)") }
        if !dependencies.isEmpty { directives.append("--dependency=afterok:\(dependencies.joined(separator: ":"))") }
        lines += directives.map { "#SBATCH \($0)" }
        lines.append("set -- " + taskFiles.map(Self.quoted).joined(separator: " "))
        lines.append("shift \"$SLURM_ARRAY_TASK_ID\"")
        lines.append("exec \(Self.quoted(workerBinary)) worker --task \"$1\"")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `sbatch` arguments for the script saved at `scriptPath`: the extra options go on the
    /// command line, one argument each, so spaces in them need no quoting.
    public func sbatchArguments(scriptPath: String) -> [String] {
        ["--parsable"] + settings.sbatchOptions + [scriptPath]
    }

    /// `text` single-quoted for sh.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
