// The whole study flow behind `tinyscale run`: plan the spec's runs, train the missing ones
// through the runner, and hand finished runs to the study kind's analysis and the report.
import Foundation
import Reporting

/// A study name that has no runs in the store.
public struct UnknownStudyError: Error, CustomStringConvertible {
    public var study: String
    public var known: [String]

    public var description: String {
        let list = known.isEmpty ? "the store has no studies yet; run one with `tinyscale run studies/<kind>.yaml`" : "studies in the store: \(known.joined(separator: ", "))"
        return "no study '\(study)' in the store\(Suggestion.phrase(for: study, among: known)); \(list)"
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
    /// Corpora loaded once and shared by training and reporting.
    public let data: DataProvider

    public init(outputFolder: URL) {
        self.outputFolder = outputFolder
        data = DataProvider(cacheDirectory: outputFolder.appendingPathComponent(".cache/corpora").path)
    }

    public var storePath: String { outputFolder.appendingPathComponent("tinyscale.sqlite").path }
    public var checkpointRoot: URL { outputFolder.appendingPathComponent("checkpoints", isDirectory: true) }

    /// Opens (creating or migrating if needed) the run store, and moves the checkpoint folders of
    /// runs a migration re-keyed.
    public func openStore() throws -> RunStore {
        let store = try RunStore(path: storePath)
        try store.moveCheckpointsOfRenamedRuns(in: checkpointRoot)
        return store
    }

    /// The plug-in of the spec's study kind.
    static func definition(of spec: StudySpec) -> any StudyKindDefinition {
        spec.settings.definition
    }

    /// Every run of the study, in training order, as far as the runs finished in the store allow
    /// (a kind that plans in stages lists only the stages whose inputs are in).
    public func plan(_ spec: StudySpec) throws -> [PlannedRun] {
        try Self.definition(of: spec).plan(spec, finished: RunStore.finishedRuns(atPath: storePath))
    }

    /// The plan of `spec` as `plan(_:)` returns it, and the runs a kind that plans in stages will
    /// add after that stage, with provisional settings (for previews: they are not trained as such).
    public func stagedPlan(_ spec: StudySpec) throws -> (current: [PlannedRun], later: [PlannedRun]) {
        let kind = Self.definition(of: spec)
        let finished = try RunStore.finishedRuns(atPath: storePath)
        return (try kind.plan(spec, finished: finished), try kind.provisionalLaterRuns(spec, finished: finished))
    }

    /// The reporter writing into this archive.
    public func reporter(store: RunStore, build: BuildInfo) -> StudyReporter {
        StudyReporter(store: store, data: data, archiveRoot: outputFolder, build: build)
    }

    /// The spec a study was last run with, as kept in the store.
    /// - Parameter study: a study name, or a path inside its archive folder (`output/<study>/<stamp>`).
    public func storedSpec(_ study: String, store: RunStore) throws -> StudySpec {
        let name = Self.studyName(from: study, archive: outputFolder)
        guard let stored = try store.studySpec(name) else { throw UnknownStudyError(study: name, known: try store.studies().map(\.study)) }
        var spec = try SpecLoader.parse(yaml: stored.yaml, file: stored.file, folder: stored.folder)
        spec.profile = stored.profile
        return spec
    }

    /// `scaling-law` from `scaling-law`, `output/scaling-law` or `output/scaling-law/20261125T1200Z/`.
    static func studyName(from argument: String, archive: URL) -> String {
        let components = URL(fileURLWithPath: argument).standardizedFileURL.pathComponents
        let root = archive.standardizedFileURL.pathComponents
        if components.count > root.count, Array(components.prefix(root.count)) == root {
            return components[root.count]
        }
        return argument.split(separator: "/").first.map(String.init) ?? argument
    }

    /// E.g. `profile quick (a smoke test: verdicts indicative only)` or `profile full`; `profile
    /// unknown` for reports archived before the profile was recorded.
    public static func profileLine(_ summary: ReportSummary) -> String {
        guard let profile = summary.profile else { return "profile unknown" }
        return profile == StudySpec.defaultProfile
            ? "profile \(profile)" : "profile \(profile) (a smoke test: verdicts indicative only)"
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
        try train(spec, kind: Self.definition(of: spec), store: store, parallelism: parallelism,
                  cancellation: cancellation, events: events)
    }

    /// Trains every run of `kind`'s plan for `spec` not yet finished in the store, after recording
    /// the spec and its plan as the study's; if training fails, the study's previous record is put
    /// back (runs trained so far stay in the store and are reused).
    func train(_ spec: StudySpec, kind: some StudyKindDefinition, store: RunStore, parallelism: Parallelism,
               cancellation: CancellationFlag, events: @escaping @Sendable (RunnerEvent) -> Void) throws -> RunnerResult {
        let runner = Runner(store: store, executor: TrainingExecutor(data: data, logEvery: spec.training.logEvery),
                            checkpointRoot: checkpointRoot, jobs: parallelism.jobs, threadsPerJob: parallelism.threadsPerJob)
        // A kind that plans in stages gets its plan again after each stage, until it stops growing.
        var total = StagedRunnerTotal()
        var planned: Set<String> = []
        while true {
            let plan = try kind.plan(spec, finished: store.finishedRuns())
            let hashes = Set(plan.map(\.hash))
            if !planned.isEmpty, hashes.isSubset(of: planned) { break }
            planned = hashes
            let stage = try store.restoringStudyRecordOnFailure(spec.name) {
                try store.saveStudy(spec)
                return try runner.run(plan, study: spec.name, cancellation: cancellation, events: events)
            }
            total.add(stage)
            if stage.wasInterrupted || cancellation.isCancelled { break }
        }
        return total.result
    }

    /// How far the runs of `study` (a name or archive path, as `storedSpec` takes) are, as
    /// recorded in the store; runs recorded as running count as interrupted when no process holds
    /// the output folder's lock.
    public func completion(of study: String, store: RunStore) throws -> StudyCompletion {
        let name = Self.studyName(from: study, archive: outputFolder)
        return StudyCompletion(runs: try store.runs(study: name))
            .current(trainerIsAlive: OutputLock.holder(of: outputFolder) != nil)
    }

    /// The lock every `tinyscale run` on this archive holds while it works.
    public func lock(command: String, wait: Bool, cancellation: CancellationFlag,
                     onWait: (OutputLockHolder?) -> Void) throws -> OutputLock? {
        try OutputLock.acquire(outputFolder, command: command, wait: wait, cancellation: cancellation, onWait: onWait)
    }
}
