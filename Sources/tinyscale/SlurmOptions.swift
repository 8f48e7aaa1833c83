// The options of `tinyscale run --executor slurm`: where and how the job arrays are submitted
// (each overriding the spec's `slurm:` section), the worker binary, and how often to poll.
import ArgumentParser
import Foundation
import Studies

/// Where runs train: here, or on a Slurm cluster.
enum Executor: String, ExpressibleByArgument, CaseIterable {
    case local
    case slurm
}

struct SlurmOptions: ParsableArguments {
    @Option(help: "Slurm partition (default: the spec's slurm.partition, else the cluster's default).")
    var partition: String?

    @Option(name: .customLong("time"), help: "Time limit of each run's task, as sbatch takes it, e.g. 2:00:00 (default: slurm.time).")
    var timeLimit: String?

    @Option(help: "Slurm account to charge (default: slurm.account).")
    var account: String?

    @Option(name: .customLong("sbatch-option"), parsing: .unconditionalSingleValue,
            help: "An extra sbatch option, e.g. --sbatch-option=--qos=short; repeat for more (replaces slurm.sbatch_options).")
    var sbatchOptions: [String] = []

    @Option(help: "Submissions of a run before its failure is reported (default: slurm.max_attempts, else 3).")
    var maxAttempts: Int?

    @Option(help: "The tinyscale binary the compute nodes run, by the same path on every node (default: this one).")
    var workerBinary: String?

    @Option(help: "Seconds between looks at the queue and the result files.")
    var pollInterval: Double = 10

    /// Whether any of these options was given (they need --executor slurm).
    var isUsed: Bool {
        partition != nil || timeLimit != nil || account != nil || !sbatchOptions.isEmpty || maxAttempts != nil
            || workerBinary != nil
    }

    func validate() throws {
        if let maxAttempts, maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1, got \(maxAttempts)") }
        if !(pollInterval > 0) { throw ValidationError("--poll-interval must be a positive number of seconds, got \(pollInterval)") }
        for option in sbatchOptions {
            if let problem = SlurmSettings.problem(withOption: option) { throw ValidationError("--sbatch-option: \(problem)") }
        }
        for (name, value) in [("--partition", partition), ("--time", timeLimit), ("--account", account)] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(name) needs a value, got an empty one")
            }
        }
        if let workerBinary, !FileManager.default.isExecutableFile(atPath: workerBinary) {
            throw ValidationError("--worker-binary \(workerBinary) is not an executable file here; give the path the tinyscale binary has on every node")
        }
    }

    var overrides: SlurmOverrides {
        SlurmOverrides(partition: partition, timeLimit: timeLimit, account: account, sbatchOptions: sbatchOptions,
                       maximumAttempts: maxAttempts)
    }

    /// The binary the array tasks run: --worker-binary, else this process's own executable.
    var binary: String {
        if let workerBinary { return URL(fileURLWithPath: workerBinary).standardizedFileURL.path }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    }
}
