// Builds a study's report from the store alone — analysis, provenance, run table, data.csv and the
// resolved spec — and archives it (output/<study>/<UTC stamp>/report.html, report.pdf, ...).
import Corpora
import Foundation
import Reporting

/// Facts about the machine and build that every report records.
public struct BuildInfo: Sendable {
    public var version: String
    public var gitCommit: String?
    public var machine: String
    /// Threads each run trained with; nil when unknown (a report re-rendered from the store).
    public var threads: Int?

    public init(version: String, gitCommit: String?, machine: String, threads: Int?) {
        self.version = version
        self.gitCommit = gitCommit
        self.machine = machine
        self.threads = threads
    }
}

public struct StudyReporter: Sendable {
    public let store: RunStore
    public let data: DataProvider
    public let archive: ReportArchive
    public let build: BuildInfo

    public init(store: RunStore, data: DataProvider, archiveRoot: URL, build: BuildInfo) {
        self.store = store
        self.data = data
        self.archive = ReportArchive(root: archiveRoot)
        self.build = build
    }

    /// Analyses the study's stored runs, saves the fits, and archives the report.
    @discardableResult
    public func report(_ spec: StudySpec, date: Date = Date()) throws -> ArchivedReport {
        try report(spec, kind: StudyPipeline.definition(of: spec), date: date)
    }

    /// Analyses the study's stored runs as `kind` does, saves its fits, and archives the report.
    @discardableResult
    func report(_ spec: StudySpec, kind: some StudyKindDefinition, date: Date = Date()) throws -> ArchivedReport {
        let runs = try store.runs(study: spec.name)
        var metrics: [String: [MetricPoint]] = [:]
        for run in runs { metrics[run.hash] = try store.metrics(for: run.hash) }

        let content = try kind.report(spec, runs: runs, metrics: metrics, context: AnalysisContext(data: data))
        for fit in content.fits { try store.saveFit(fit.report, name: fit.name, study: spec.name) }
        let sections = content.sections
        var summary = Self.summary(content.verdicts)
        var title = spec.title
        let completion = self.completion(runs)
        if !completion.isComplete {
            // Only `tinyscale report --partial` gets here: say so where nobody can miss it.
            title += " (partial)"
            summary = "Partial report: \(completion.summary); the verdicts may change when the rest finish. " + summary
        }

        let report = Report(title: title, summary: summary, provenance: try provenance(spec, runs: runs, date: date),
                            sections: sections + [
                                ReportSection("Runs", cells: [.runs(runTable(runs))]),
                                ReportSection("Spec", cells: [.code(CodeBlock(title: "spec.yaml", language: "yaml", text: spec.resolvedYAML))]),
                            ])
        let archived = try archive.write(report, study: spec.name, data: csv(runs, metrics: metrics), spec: spec.resolvedYAML, date: date)
        try store.recordReport(study: spec.name, folder: archived.folder.path, profile: spec.profile,
                               verdicts: Self.summary(report.verdicts))
        return archived
    }

    /// How far `runs` are, with runs a dead process left running counted as interrupted.
    private func completion(_ runs: [StoredRun]) -> StudyCompletion {
        StudyCompletion(runs: runs).current(trainerIsAlive: OutputLock.holder(of: archive.root) != nil)
    }

    /// E.g. "3 of 4 claims reproduced, 1 inconclusive."
    static func summary(_ verdicts: [Verdict]) -> String {
        let reproduced = verdicts.filter { $0.outcome == .reproduced }.count
        let failed = verdicts.filter { $0.outcome == .notReproduced }.count
        let open = verdicts.filter { $0.outcome == .inconclusive }.count
        var parts = ["\(reproduced) of \(verdicts.count) claims reproduced"]
        if failed > 0 { parts.append("\(failed) not reproduced") }
        if open > 0 { parts.append("\(open) inconclusive") }
        return parts.joined(separator: ", ") + "."
    }

    private func provenance(_ spec: StudySpec, runs: [StoredRun], date: Date) throws -> Provenance {
        let sources = Set(runs.flatMap { run in
            run.config.data.components.map(\.source) + run.config.data.resolvedEvaluationSets.map(\.source)
                + [run.config.data.quality].compactMap { quality -> String? in
                    if case .corpus(let name)? = quality?.reference { return name }
                    return nil
                }
        })
        let corpora = try sources.sorted().map { name -> CorpusProvenance in
            let corpus = try data.corpus(name)
            return CorpusProvenance(name: name, source: Self.origin(of: corpus, name: name, runs: runs),
                                    licence: corpus.info.licenceFile ?? "—", bytes: corpus.byteCount)
        }
        let complete = runs.compactMap(\.summary)
        let diverged = runs.filter { $0.status == .diverged }
        var extra: [(key: String, value: String)] = [("Profile", spec.profile), ("Spec file", spec.file)]
        let completion = self.completion(runs)
        if !completion.isComplete {
            extra.append(("Runs", completion.summary + " — a partial report"))
        }
        if !diverged.isEmpty {
            extra.append(("Diverged runs", diverged.map { "\($0.label) (\($0.message ?? ""))" }.joined(separator: "; ")))
        }
        return Provenance(date: date, version: build.version, gitCommit: build.gitCommit, machine: build.machine,
                          threadCount: build.threads, seeds: spec.seeds, corpora: corpora,
                          totalTokens: Double(complete.map(\.tokens).reduce(0, +)),
                          totalFLOPs: complete.map(\.flops).reduce(0, +),
                          wallTimeSeconds: complete.map(\.wallSeconds).reduce(0, +), extraRows: extra)
    }

    /// Where a corpus's text came from: its Debian package, TinyScale's generator, or for a file
    /// the SHA-256 of the bytes the runs were trained on (and the file's now, if it has changed).
    static func origin(of corpus: Corpus, name: String, runs: [StoredRun]) -> String {
        if let package = corpus.info.debianPackage { return "Debian package \(package)" }
        let trained = Set(runs.compactMap { $0.config.data.contentDigests?[name] }).sorted()
        guard !trained.isEmpty || corpus.contentDigest != nil else { return "generated by TinyScale" }
        var text = "file, SHA-256 " + (trained.isEmpty ? [corpus.contentDigest ?? ""] : trained).joined(separator: " and ")
        if let now = corpus.contentDigest, !trained.isEmpty, trained != [now] {
            text += " (the file has changed since: SHA-256 \(now) now; run the study again to retrain)"
        }
        return text
    }

    private func runTable(_ runs: [StoredRun]) -> RunTable {
        RunTable(caption: "Every run of this study with its final held-out loss.",
                 columns: ["run", "parameters", "tokens", "final loss (bpb)", "time"],
                 runs: runs.map { run in
                     let status: Reporting.RunStatus = switch run.status {
                     case .complete: .completed
                     case .diverged: .failed
                     case .pending, .running, .interrupted: .skipped
                     }
                     let summary = run.summary
                     return RunRow(identifier: String(run.hash.prefix(10)), status: status, values: [
                         run.label,
                         summary.map { NumberFormatting.significant(Double($0.parameters), digits: 3) } ?? "–",
                         summary.map { Quantity.bytes($0.tokens) } ?? Quantity.bytes(run.config.tokens),
                         summary.map { String(format: "%.4f", $0.finalLossNats / log(2)) } ?? (run.message ?? "–"),
                         summary.map { NumberFormatting.duration($0.wallSeconds) } ?? "–",
                     ])
                 })
    }

    /// One row per run: identity, shape, budget, final losses (the headline set, then every
    /// evaluation series measured at the last step, e.g. `final_bpb_high_quality_ema`) and the role.
    private func csv(_ runs: [StoredRun], metrics: [String: [MetricPoint]]) -> CSVTable {
        let coordinateKeys = Array(Set(runs.flatMap(\.role.columns.keys))).sorted()
        func finalPoints(_ run: StoredRun) -> [String: Double] {
            Dictionary((metrics[run.hash] ?? []).filter { $0.step == run.config.steps }.map { ($0.split, $0.bitsPerByte) }) { $1 }
        }
        let series = runs.count > 0 && runs.allSatisfy({ finalPoints($0).keys.sorted() == [DataPlan.defaultEvaluationSet] })
            ? [] : Array(Set(runs.flatMap { finalPoints($0).keys })).sorted()
        let seriesColumns = series.map { "final_bpb_" + String($0.map { $0.isLetter || $0.isNumber ? $0 : "_" }) }
        return CSVTable(
            header: ["hash", "label", "status", "layers", "width", "heads", "parameters", "non_embedding_parameters",
                     "tokens", "flops", "final_loss_nats", "final_loss_bpb", "wall_seconds"] + seriesColumns + coordinateKeys,
            rows: runs.map { run in
                let summary = run.summary
                let finals = finalPoints(run)
                let identity: [String] = [run.hash, run.label, run.status.rawValue, String(run.config.model.layers),
                                          String(run.config.model.width), String(run.config.model.heads)]
                let outcome: [String] = [
                    summary.map { String($0.parameters) } ?? "", summary.map { String($0.nonEmbeddingParameters) } ?? "",
                    String(run.config.tokens), summary.map { String($0.flops) } ?? "",
                    summary.map { String($0.finalLossNats) } ?? "", summary.map { String($0.finalLossNats / log(2)) } ?? "",
                    summary.map { String($0.wallSeconds) } ?? "",
                ]
                let seriesCells: [String] = series.map { name in summary == nil ? "" : finals[name].map { String($0) } ?? "" }
                let roleCells: [String] = coordinateKeys.map { run.role.columns[$0] ?? "" }
                return identity + outcome + seriesCells + roleCells
            })
    }
}
