// The extension point of study kinds (DESIGN.md "Study kinds"): a kind plans a spec into runs with
// typed roles, analyses the finished runs into fits and verdicts, and writes its report sections.
// Shared code (pipeline, reporter) calls kinds only through this protocol.
import Foundation
import LawFit
import Reporting

/// A byte budget of a spec, checked at validation against the batch shape.
public struct SpecBudget: Sendable, Equatable {
    /// What the budget must allow.
    public enum Requirement: Sendable, Equatable {
        /// At least one training step of `batch_size × context` bytes.
        case trainingStep
        /// More bytes than one context window.
        case longerThanContext
    }

    /// Where the budget is set, e.g. `protocol.tokens` or `protocol.token_budgets[2]`.
    public var keyPath: String
    public var bytes: Int
    public var requirement: Requirement

    public init(keyPath: String, bytes: Int, requirement: Requirement = .trainingStep) {
        self.keyPath = keyPath
        self.bytes = bytes
        self.requirement = requirement
    }
}

/// A spec setting that the kind cannot honour, and what to do instead.
public struct SpecProblem: Sendable, Equatable {
    public var keyPath: String
    public var message: String

    public init(keyPath: String, message: String) {
        self.keyPath = keyPath
        self.message = message
    }
}

/// The spec-level part of a kind: what validation checks beyond the key-by-key reading.
protocol StudyKindSettings: Sendable {
    /// Every byte budget of the spec and what it must allow.
    func budgets(_ spec: StudySpec) -> [SpecBudget]

    /// Shared settings the kind would have to ignore (it refuses them rather than ignore them).
    func problems(_ spec: StudySpec) -> [SpecProblem]

    /// Keys of `training.schedule` the kind sets per arm, so a spec must leave them out and the
    /// resolved spec does not show their defaults.
    var scheduleKeysSetPerArm: [String] { get }

    /// What the spec trains, in a few words, e.g. `3 models × 4 token budgets on bible:kjv`.
    func summary(_ spec: StudySpec) -> String
}

extension StudyKindSettings {
    func problems(_ spec: StudySpec) -> [SpecProblem] { [] }

    var scheduleKeysSetPerArm: [String] { [] }
}

/// What an analysis may read besides the stored runs: corpora for data-level sanity checks.
public struct AnalysisContext: Sendable {
    public var data: DataProvider

    public init(data: DataProvider) {
        self.data = data
    }
}

/// A run of the study as stored, with its kind's typed role and its metric series.
public struct StudyRun<Role: Sendable>: Sendable {
    public var stored: StoredRun
    public var role: Role
    /// Every measurement of the run, by split and step.
    public var metrics: [MetricPoint]

    public init(stored: StoredRun, role: Role, metrics: [MetricPoint]) {
        self.stored = stored
        self.role = role
        self.metrics = metrics
    }

    public var hash: String { stored.hash }
    public var config: RunConfig { stored.config }
    public var summary: RunSummary? { stored.summary }
    public var isComplete: Bool { stored.status == .complete }

    /// The measurements of one series (an evaluation set, e.g. `high-quality`, or an averaged
    /// series such as `high-quality@ema`), in step order.
    public func curve(_ series: String) -> [MetricPoint] {
        metrics.filter { $0.split == series }.sorted { $0.step < $1.step }
    }

    /// Held-out loss of `series` at the run's last step, in bits per byte; nil when not measured.
    public func finalBitsPerByte(_ series: String) -> Double? {
        metrics.first { $0.split == series && $0.step == config.steps }?.bitsPerByte
    }
}

/// A fit kept in the store's `fits` table and in report.json under its name.
public struct NamedFit: Sendable {
    /// Stable snake_case name, e.g. `approach3` (the store key and report.json's `fits[].name`).
    public var name: String
    public var report: LawFitReport
    /// How verdicts and captions name it, e.g. "Approach 3 (cosine runs)"; defaults to `name`.
    public var label: String

    public init(name: String, report: LawFitReport, label: String? = nil) {
        self.name = name
        self.report = report
        self.label = label ?? name
    }
}

/// The result of a kind's analysis as shared code sees it.
protocol StudyAnalysis: Sendable {
    /// One verdict per claim, in report order.
    var verdicts: [Verdict] { get }
    /// Every fit the report shows: kept in the store and recorded in report.json.
    var fits: [NamedFit] { get }
}

/// A study kind as a plug-in: its typed run role, its plan, analysis and report sections.
protocol StudyKindDefinition: StudyKindSettings {
    /// A run's place in the study (arm, model, budget, seed, …), stored with the run.
    associatedtype Role: Codable & Sendable
    associatedtype Analysis: StudyAnalysis

    /// Every run of the study, parents before the runs that start from them.
    func plan(_ spec: StudySpec) throws -> [PlannedRun]

    /// The runs of the study given the runs already finished: a kind whose later runs depend on
    /// earlier results returns the earlier stage until its results are in (the pipeline trains it
    /// and plans again). Defaults to `plan(_:)`.
    func plan(_ spec: StudySpec, finished: FinishedRuns) throws -> [PlannedRun]

    /// The runs a kind that plans in stages adds once the stage `plan(spec, finished:)` returns
    /// has finished, with provisional settings that do not change what the runs read or how long
    /// they train (the scaling law's runs at the spec's own learning rate, before its sweep picks
    /// one per size). Empty when the plan is complete, and by default.
    func provisionalLaterRuns(_ spec: StudySpec, finished: FinishedRuns) throws -> [PlannedRun]

    /// Fits, paired statistics and verdicts from the study's runs (complete or not).
    func analyse(_ spec: StudySpec, runs: [StudyRun<Role>], context: AnalysisContext) -> Analysis

    /// The kind's report sections, before the shared "Runs" and "Spec" sections.
    func sections(_ spec: StudySpec, analysis: Analysis) -> [ReportSection]
}

/// A kind's contribution to a report.
struct KindReport: Sendable {
    var sections: [ReportSection]
    var verdicts: [Verdict]
    var fits: [NamedFit]
}

extension StudyKindDefinition {
    func plan(_ spec: StudySpec, finished: FinishedRuns) throws -> [PlannedRun] {
        try plan(spec)
    }

    func provisionalLaterRuns(_ spec: StudySpec, finished: FinishedRuns) throws -> [PlannedRun] {
        []
    }

    /// Every run the study may train, for validation to check its inputs before anything runs:
    /// the first stage and the runs planned after it, with provisional settings.
    func inputPlan(_ spec: StudySpec) throws -> [PlannedRun] {
        try plan(spec, finished: .none) + provisionalLaterRuns(spec, finished: .none)
    }

    /// Decodes the stored runs' roles, analyses them and builds the sections.
    /// - Throws: `RunRoleError` when a stored role is not this kind's.
    func report(_ spec: StudySpec, runs stored: [StoredRun], metrics: [String: [MetricPoint]],
                context: AnalysisContext) throws -> KindReport {
        let runs = try stored.map { run in
            StudyRun(stored: run, role: try run.role.decode(Role.self), metrics: metrics[run.hash] ?? [])
        }
        let analysis = analyse(spec, runs: runs, context: context)
        return KindReport(sections: sections(spec, analysis: analysis), verdicts: analysis.verdicts, fits: analysis.fits)
    }
}
