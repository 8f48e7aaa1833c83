// The whole study flow behind `tinyscale run`: plan the spec's runs, train the missing ones
// through the runner, and hand finished runs to the study kind's analysis and the report.
import Foundation
import Reporting

/// A study kind whose plan or analysis does not exist yet.
public struct StudyKindUnavailableError: Error, CustomStringConvertible {
    public var kind: StudyKind

    public var description: String {
        "the \(kind.rawValue) study cannot run yet: only scaling-law studies are implemented in this version; `tinyscale validate` checks the spec"
    }
}

/// How runs share the machine: several small runs side by side, or one large run on every core.
public struct Parallelism: Sendable, Equatable {
    public var jobs: Int
    public var threadsPerJob: Int

    /// Width up to which a model trains faster as one of several one-thread runs than alone on
    /// every core (small matrices do not split well; see benchmarks/RESULTS.md).
    public static let sideBySideMaximumWidth = 128

    /// The choice for `spec` on a machine with `cores`: `jobs` and the spec's `training.threads`
    /// override the automatic choice.
    public static func choose(for spec: StudySpec, cores: Int, jobs requestedJobs: Int?) -> Parallelism {
        let cores = max(1, cores)
        let jobs: Int
        if let requestedJobs {
            jobs = max(1, requestedJobs)
        } else {
            let widest = spec.models.map(\.width).max() ?? 0
            jobs = widest <= sideBySideMaximumWidth ? cores : 1
        }
        let threads = spec.training.threads > 0 ? spec.training.threads : max(1, cores / jobs)
        return Parallelism(jobs: jobs, threadsPerJob: threads)
    }
}

public struct StudyPipeline: Sendable {
    /// The archive root (`output/`): the store, checkpoints, corpus cache and reports live here.
    public let outputFolder: URL

    public init(outputFolder: URL) {
        self.outputFolder = outputFolder
    }

    public var storePath: String { outputFolder.appendingPathComponent("tinyscale.sqlite").path }
    public var checkpointRoot: URL { outputFolder.appendingPathComponent("checkpoints", isDirectory: true) }
    public var corpusCache: String { outputFolder.appendingPathComponent(".cache/corpora").path }

    /// Opens (creating if needed) the run store.
    public func openStore() throws -> RunStore {
        try RunStore(path: storePath)
    }

    /// Every run of the study, in training order.
    public func plan(_ spec: StudySpec) throws -> [PlannedRun] {
        switch spec.settings {
        case .scalingLaw(let settings): return settings.plan(spec)
        case .curriculum, .stabilityGap, .multilingualCurse: throw StudyKindUnavailableError(kind: spec.kind)
        }
    }

    /// The reporter writing into this archive.
    public func reporter(store: RunStore, build: BuildInfo) -> StudyReporter {
        StudyReporter(store: store, data: DataProvider(cacheDirectory: corpusCache), archiveRoot: outputFolder, build: build)
    }

    /// E.g. `3 reproduced, 1 inconclusive`.
    public static func verdictLine(_ summary: ReportSummary) -> String {
        VerdictOutcome.allCases.compactMap { outcome in
            let count = summary.count(of: outcome)
            return count > 0 ? "\(count) \(outcome.label.lowercased())" : nil
        }.joined(separator: ", ")
    }

    /// Trains every run of `spec` not yet finished in the store.
    public func train(_ spec: StudySpec, store: RunStore, parallelism: Parallelism, cancellation: CancellationFlag,
                      events: @escaping @Sendable (RunnerEvent) -> Void) throws -> RunnerResult {
        let runner = Runner(store: store, executor: TrainingExecutor(data: DataProvider(cacheDirectory: corpusCache)),
                            checkpointRoot: checkpointRoot, jobs: parallelism.jobs, threadsPerJob: parallelism.threadsPerJob)
        return try runner.run(plan(spec), study: spec.name, cancellation: cancellation, events: events)
    }
}
