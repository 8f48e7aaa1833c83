// How `tinyscale run --executor slurm` submits a study's runs (spec key `slurm`, overridden by the
// command line): partition, time limit, account, extra `sbatch` options and the retry limit.
// Nothing here is part of a run's identity: where a run trains does not change its result.
import Foundation

/// Submission settings of the Slurm executor (spec key `slurm`).
public struct SlurmSettings: Sendable, Equatable, Codable {
    /// `--partition`; nil = the cluster's default partition.
    public var partition: String?
    /// `--time`, in any form `sbatch` accepts (`30`, `2:00:00`, `1-12:00:00`); nil = the partition's default.
    public var timeLimit: String?
    /// `--account`; nil = the user's default account.
    public var account: String?
    /// Further `sbatch` options, each one argument (`--qos=short`, `--mem=4G`).
    public var sbatchOptions: [String]
    /// How many times a run is submitted before its failure is reported (at least 1).
    public var maximumAttempts: Int

    public static let defaultMaximumAttempts = 3

    public init(partition: String? = nil, timeLimit: String? = nil, account: String? = nil, sbatchOptions: [String] = [],
                maximumAttempts: Int = SlurmSettings.defaultMaximumAttempts) {
        self.partition = partition
        self.timeLimit = timeLimit
        self.account = account
        self.sbatchOptions = sbatchOptions
        self.maximumAttempts = maximumAttempts
    }

    /// Options TinyScale sets itself for every array; a user value would break the submission.
    public static let reservedOptions = ["--array", "--dependency", "--cpus-per-task", "--output", "--error",
                                         "--parsable", "--job-name", "--wrap", "-a", "-d", "-c", "-o", "-e", "-J"]

    /// Why `option` cannot be an extra `sbatch` option, or nil when it can.
    public static func problem(withOption option: String) -> String? {
        guard option.hasPrefix("-") else {
            return "found '\(option)', expected an sbatch option starting with '-', e.g. --qos=short"
        }
        let name = option.split(separator: "=", maxSplits: 1).first.map(String.init) ?? option
        if reservedOptions.contains(name) {
            return "found '\(option)'; TinyScale sets \(name) itself for every job array, so remove it"
        }
        return nil
    }

    /// These settings with every value `other` sets replacing this one's.
    public func overridden(by other: SlurmOverrides) -> SlurmSettings {
        var result = self
        if let partition = other.partition { result.partition = partition }
        if let timeLimit = other.timeLimit { result.timeLimit = timeLimit }
        if let account = other.account { result.account = account }
        if !other.sbatchOptions.isEmpty { result.sbatchOptions = other.sbatchOptions }
        if let maximumAttempts = other.maximumAttempts { result.maximumAttempts = maximumAttempts }
        return result
    }

    static func read(_ reader: MappingReader) -> SlurmSettings {
        defer { reader.finish() }
        func optionalText(_ key: String, example: String) -> String? {
            guard reader.contains(key) else {
                _ = reader.node(key)
                return nil
            }
            let value = reader.string(key, default: nil, example: example)
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                reader.diagnostics.report("found an empty value; give one (e.g. \(example)) or remove the key",
                                          at: reader.childPath(key))
            }
            return value.isEmpty ? nil : value
        }
        let options = reader.strings("sbatch_options", default: [], minimumCount: 0)
        for (index, option) in options.enumerated() {
            if let problem = problem(withOption: option) {
                reader.diagnostics.report(problem, at: "\(reader.childPath("sbatch_options"))[\(index)]")
            }
        }
        return SlurmSettings(
            partition: optionalText("partition", example: "cpu"),
            timeLimit: optionalText("time", example: "2:00:00"),
            account: optionalText("account", example: "my-project"),
            sbatchOptions: options,
            maximumAttempts: reader.int("max_attempts", default: defaultMaximumAttempts, bound: .atLeast(1)))
    }
}

/// Values given on the command line, each replacing the spec's (nil or empty = keep the spec's).
public struct SlurmOverrides: Sendable, Equatable {
    public var partition: String?
    public var timeLimit: String?
    public var account: String?
    public var sbatchOptions: [String]
    public var maximumAttempts: Int?

    public init(partition: String? = nil, timeLimit: String? = nil, account: String? = nil, sbatchOptions: [String] = [],
                maximumAttempts: Int? = nil) {
        self.partition = partition
        self.timeLimit = timeLimit
        self.account = account
        self.sbatchOptions = sbatchOptions
        self.maximumAttempts = maximumAttempts
    }
}
