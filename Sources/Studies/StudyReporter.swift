// Builds a study's report from the store alone — analysis, provenance, run table, data.csv and the
// resolved spec — and archives it (output/<study>/<UTC stamp>/report.html, report.pdf, ...).
import CSV
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
        var summary = Self.summary(content.verdicts, profile: spec.profile)
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
        let archived = try archive.write(report, study: spec.name, data: Self.csv(spec, runs: runs, metrics: metrics),
                                         spec: spec.resolvedYAML, fits: content.fits.map(\.record),
                                         writesPDF: spec.report.formats.contains(.pdf), date: date)
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

    /// The report's summary: for a profile other than the default, first that the report is a
    /// smoke test whose verdicts are indicative; then the verdict counts.
    static func summary(_ verdicts: [Verdict], profile: String) -> String {
        guard profile != StudySpec.defaultProfile else { return summary(verdicts) }
        return smokeTestNotice(profile: profile) + "\n\n" + summary(verdicts)
    }

    /// The paragraph every report made with a non-default profile opens with.
    static func smokeTestNotice(profile: String) -> String {
        "**Smoke test (profile `\(profile)`).** These runs exercise the whole pipeline at a fraction of the study's budget, "
            + "so the verdicts below are indicative only. The `\(StudySpec.defaultProfile)` profile is the study."
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
        var extra: [(key: String, value: String)] = [("Spec file", spec.file)]
        let completion = self.completion(runs)
        if !completion.isComplete {
            extra.append(("Runs", completion.summary + " — a partial report"))
        }
        if !diverged.isEmpty {
            extra.append(("Diverged runs", diverged.map { "\($0.label) (\($0.message ?? ""))" }.joined(separator: "; ")))
        }
        return Provenance(date: date, profile: spec.profile, version: build.version, gitCommit: build.gitCommit, machine: build.machine,
                          threadCount: build.threads, seeds: spec.seeds, corpora: corpora,
                          totalTokens: Double(complete.map(\.tokens).reduce(0, +)),
                          totalFLOPs: complete.map(\.flops).reduce(0, +),
                          trainingSeconds: complete.map(\.wallSeconds).reduce(0, +), extraRows: extra)
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

    /// A run's status in the words the report's run table uses (and data.csv repeats).
    static func reportStatus(_ status: RunStatus) -> RunRow.Status {
        switch status {
        case .complete: .completed
        case .diverged: .failed
        case .pending, .running, .interrupted: .skipped
        }
    }

    private func runTable(_ runs: [StoredRun]) -> RunTable {
        RunTable(caption: "Every run of this study with its final held-out loss.",
                 columns: ["configuration", "parameters", "tokens", "final loss (bpb)", "time"],
                 runs: runs.map { run in
                     let summary = run.summary
                     return RunRow(identifier: String(run.hash.prefix(10)), status: Self.reportStatus(run.status), values: [
                         run.label,
                         summary.map { NumberFormatting.significant(Double($0.parameters), digits: 3) } ?? "–",
                         summary.map { Quantity.bytes($0.tokens) } ?? Quantity.bytes(run.config.tokens),
                         summary.map { String(format: "%.4f", $0.finalLossNats / log(2)) } ?? (run.message ?? "–"),
                         summary.map { NumberFormatting.duration($0.wallSeconds) } ?? "–",
                     ])
                 })
    }

    /// The columns of data.csv before the per-evaluation-set losses and the kind's role columns.
    static let runColumns = ["study", "profile", "run", "label", "status", "model", "layers", "width", "heads",
                             "parameters", "non_embedding_parameters", "corpus", "learning_rate", "batch_size",
                             "context", "seed", "tokens", "flops", "wall_seconds"]

    /// data.csv: one row per run with unique snake_case columns — identity and status (in the run
    /// table's words), shape, data, optimizer, budget and compute (`runColumns`); then the final
    /// loss on every evaluation series measured at the last step, in nats and in bits per byte
    /// (`final_nats_<series>`, `final_bpb_<series>`, e.g. `final_bpb_validation`,
    /// `final_bpb_high_quality_ema`); then the kind's role fields not already present (e.g.
    /// `method`, `compute`, `order`). Empty cells mean "not measured" (a run that did not finish).
    static func csv(_ spec: StudySpec, runs: [StoredRun], metrics: [String: [MetricPoint]]) -> CSVTable {
        func finalPoints(_ run: StoredRun) -> [String: MetricPoint] {
            Dictionary((metrics[run.hash] ?? []).filter { $0.step == run.config.steps }.map { ($0.split, $0) }) { $1 }
        }
        let series = Array(Set(runs.flatMap { finalPoints($0).keys })).sorted()
        var used = Set(runColumns)
        func unique(_ name: String) -> String {
            var candidate = name
            var suffix = 2
            while used.contains(candidate) { candidate = "\(name)_\(suffix)"; suffix += 1 }
            used.insert(candidate)
            return candidate
        }
        let nats = series.map { unique("final_nats_" + snakeCase($0)) }
        let bits = series.map { unique("final_bpb_" + snakeCase($0)) }
        let roleKeys = Array(Set(runs.flatMap(\.role.columns.keys))).sorted().filter { !used.contains(snakeCase($0)) }
        let roleColumns = roleKeys.map { unique(snakeCase($0)) }
        return CSVTable(
            header: runColumns + nats + bits + roleColumns,
            rows: runs.map { run in
                let summary = run.summary
                let config = run.config
                let finals = summary == nil ? [:] : finalPoints(run)
                let corpus = config.data.components.map(\.source).joined(separator: "+")
                let identity: [String] = [
                    spec.name, spec.profile, run.hash, run.label, reportStatus(run.status).rawValue,
                    config.model.name, String(config.model.layers), String(config.model.width), String(config.model.heads),
                    summary.map { String($0.parameters) } ?? "", summary.map { String($0.nonEmbeddingParameters) } ?? "",
                    corpus, String(config.optimizer.learningRate), String(config.batchSize), String(config.contextLength),
                    String(config.seed), String(summary?.tokens ?? config.tokens), summary.map { String($0.flops) } ?? "",
                    summary.map { String($0.wallSeconds) } ?? "",
                ]
                let losses = series.map { finals[$0].map { String($0.lossNats) } ?? "" }
                    + series.map { finals[$0].map { String($0.bitsPerByte) } ?? "" }
                return identity + losses + roleKeys.map { run.role.columns[$0] ?? "" }
            })
    }

    /// `high-quality@ema` → `high_quality_ema`: lower-case letters and digits, runs of anything
    /// else as one underscore.
    static func snakeCase(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("_") {
                result.append("_")
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }
}
