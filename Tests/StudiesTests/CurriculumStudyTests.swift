// The curriculum study end to end on a synthetic pool (plan, train, judge, archive, rerun), the
// study-kind extension point (a test-only kind plugs into the shared pipeline and reporter), and
// checkpoint averaging against a hand-computed EMA and SMA of the same run's checkpoints.
import Foundation
import Testing
import Reporting
import TinyGPT
@testable import Studies

private let syntheticCurriculum = """
    kind: curriculum
    name: synthetic-curriculum
    seeds: [0, 1, 2]
    models:
      - {name: xs, layers: 1, width: 16, heads: 2}
    training:
      batch_size: 4
      context: 16
      schedule: {warmup_fraction: 0.05, decay_fraction: 0.2}
      evaluations: 3
      evaluation_batches: 2
    data: {corpus: "synthetic:alpha", reference: self, validation_fraction: 0.1}
    protocol:
      tokens: 12_800
      schedules: [constant, wsd]
      final_ratios: [0]
      averaging: {checkpoints: 3, spacing: 0.05}
    fit: {bootstrap: 50}
    """

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-curriculum-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Test func curriculumStudyArchivesItsVerdictsFiguresAndSeries() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: syntheticCurriculum, file: "curriculum.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    let plan = try pipeline.plan(spec)
    // 2 orders × (constant + WSD→0) × 3 seeds.
    #expect(plan.count == 12)
    #expect(Set(plan.map(\.hash)).count == 12)
    let result = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 12)

    let archived = try pipeline.reporter(store: store, build: BuildInfo(version: "test", gitCommit: nil, machine: "test", threads: 1))
        .report(spec)
    let claims = archived.summary.verdicts.map(\.claim)
    #expect(claims.count == 3)
    #expect(claims.allSatisfy { $0.hasPrefix("(i") })
    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    for heading in ["Finding and protocol", "Verdicts", "Sanity checks", "Results", "Runs", "Spec"] {
        #expect(html.contains(heading), "missing section \(heading)")
    }
    #expect(html.components(separatedBy: "<svg").count - 1 >= 4)
    #expect(html.range(of: "smoke test", options: .caseInsensitive) == nil, "the full profile is not a smoke test")
    #expect(html.contains("seed 2"), "verdict boxes list every seed")

    let csv = try String(contentsOf: archived.folder.appendingPathComponent("data.csv"), encoding: .utf8)
    let header = try #require(csv.split(whereSeparator: \.isNewline).first).split(separator: ",").map(String.init)
    for column in ["final_bpb_high_quality", "final_bpb_high_quality_ema", "final_bpb_high_quality_sma", "final_bpb_clean",
                   "final_nats_high_quality", "final_nats_clean", "order", "schedule", "final_ratio", "seed"] {
        #expect(header.contains(column), "data.csv lacks \(column)")
    }
    #expect(csv.split(whereSeparator: \.isNewline).count == 13)
    #expect(Set(header).count == header.count, "unique columns: \(header)")

    // report.json: each paired verdict with its mean, t-interval, threshold and every seed.
    let statistic = try #require(archived.summary.verdicts.first?.statistics.first)
    #expect(statistic.name == "mean paired difference" && statistic.unit == "bpb")
    #expect(statistic.perSeed.map(\.seed) == [0, 1, 2])
    #expect(statistic.interval?.method == "t" && statistic.threshold?.lower == 0.005)

    let rerun = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                   cancellation: CancellationFlag()) { _ in }
    #expect(rerun.trained == 0)
    #expect(rerun.skipped == 12)
}

@Test func curriculumSpecRefusesASharedScheduleItWouldOverride() {
    let yaml = syntheticCurriculum.replacingOccurrences(of: "schedule: {warmup_fraction: 0.05, decay_fraction: 0.2}",
                                                        with: "schedule: {kind: cosine, final_ratio: 0.1}")
    #expect {
        try SpecLoader.parse(yaml: yaml, file: "curriculum.yaml")
    } throws: { error in
        let text = "\(error)"
        return text.contains("training.schedule.kind") && text.contains("training.schedule.final_ratio")
            && text.contains("protocol.schedules")
    }
}

// MARK: The extension point

/// A study kind that exists only in this test: one constant-LR run per model and seed, and a
/// verdict that every run finished.
private struct EchoKind: StudyKindDefinition {
    struct Role: Codable, Sendable {
        var model: String
        var seed: Int
    }

    struct Analysis: StudyAnalysis {
        var finished: [Role]
        var verdicts: [Verdict]
        var fits: [NamedFit] { [] }
    }

    func budgets(_ spec: StudySpec) -> [SpecBudget] { [] }

    func summary(_ spec: StudySpec) -> String { "\(spec.modelCountText), one run per seed" }

    func plan(_ spec: StudySpec) throws -> [PlannedRun] {
        let steps = 4
        return spec.models.flatMap { model in
            spec.seeds.map { seed in
                PlannedRun(config: spec.runConfig(model: model, steps: steps, schedule: spec.schedule(kind: .constant, steps: steps),
                                                  data: DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1),
                                                  seed: seed, evaluationSteps: [steps]),
                           label: "echo \(model.name) \(seed)", role: Role(model: model.name, seed: seed))
            }
        }
    }

    func analyse(_ spec: StudySpec, runs: [StudyRun<Role>], context: AnalysisContext) -> Analysis {
        let finished = runs.filter(\.isComplete).map(\.role)
        return Analysis(finished: finished, verdicts: [
            Verdict(claim: "Echo: every run finishes", outcome: finished.count == runs.count ? .reproduced : .notReproduced,
                    explanation: "\(finished.count) of \(runs.count) runs finished."),
        ])
    }

    func sections(_ spec: StudySpec, analysis: Analysis) -> [ReportSection] {
        [ReportSection("Echo section", cells: [.prose("Models seen: \(Set(analysis.finished.map(\.model)).sorted().joined(separator: ", ")).")]
            + analysis.verdicts.map { .verdict($0) })]
    }
}

@Test func aTestOnlyKindPlugsIntoTheSharedPipelineAndReporter() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: """
        kind: scaling-law
        name: echo
        seeds: [0, 1]
        models: [{name: a, layers: 1, width: 16, heads: 2}, {name: b, layers: 1, width: 24, heads: 2}]
        training: {batch_size: 2, context: 8, evaluation_batches: 1}
        data: {corpus: "synthetic:alpha"}
        protocol: {token_budgets: [64]}
        """, file: "echo.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    let result = try pipeline.train(spec, kind: EchoKind(), store: store, parallelism: Parallelism(jobs: 1, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 4)
    let stored = try store.runs(study: "echo")
    #expect(try stored.map { try $0.role.decode(EchoKind.Role.self).model } == ["a", "a", "b", "b"])

    let archived = try pipeline.reporter(store: store, build: BuildInfo(version: "test", gitCommit: nil, machine: "test", threads: 1))
        .report(spec, kind: EchoKind())
    #expect(archived.summary.verdicts.map(\.claim) == ["Echo: every run finishes"])
    #expect(archived.summary.verdicts.first?.outcome == .reproduced)
    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Echo section") && html.contains("Models seen: a, b."))
    // A role the kind does not know is a clear error, not a crash.
    #expect(throws: RunRoleError.self) {
        try pipeline.reporter(store: store, build: BuildInfo(version: "test", gitCommit: nil, machine: "test", threads: 1))
            .report(spec, kind: CurriculumSettings.read(yaml: syntheticCurriculum))
    }
}

extension CurriculumSettings {
    /// The curriculum settings of a spec text.
    static func read(yaml: String) throws -> CurriculumSettings {
        guard case .curriculum(let settings) = try SpecLoader.parse(yaml: yaml, file: "curriculum.yaml").settings else {
            throw CancellationError()
        }
        return settings
    }
}

// MARK: Checkpoint averaging

@Test func checkpointAveragesEqualAHandComputedEMAAndSMAOfTheRunsCheckpoints() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let averaging = AveragingPlan(emaAlpha: 0.2, simpleAverage: true, checkpoints: 3, spacingSteps: 2)
    #expect(averaging.snapshotSteps(totalSteps: 12) == [8, 10, 12])
    // Retaining the snapshot steps' checkpoints changes nothing in training; it lets the test read them.
    let config = RunConfig(
        model: ModelShape(name: "s", layers: 1, width: 16, heads: 2), contextLength: 8, batchSize: 2, steps: 12,
        optimizer: OptimizerSettings(learningRate: 3e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, gradientClip: 1),
        schedule: ResolvedSchedule(kind: .constant, peakLearningRate: 3e-3, warmupSteps: 0, finalRatio: 1,
                                   decayStartStep: 12, decayShape: .linear),
        data: DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1),
        seed: 3, evaluationSteps: [6, 12], evaluationBatches: 2, retainedCheckpointSteps: [8, 10], averaging: averaging,
        trainingCoreVersion: "test")
    let run = PlannedRun(config: config, label: "averaged", role: ["run": "averaged"])
    let store = try RunStore()
    let data = DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path)
    let runner = Runner(store: store, executor: TrainingExecutor(data: data), checkpointRoot: folder, jobs: 1, threadsPerJob: 1)
    #expect(try runner.run([run], study: "averaging", cancellation: CancellationFlag()) { _ in }.trained == 1)

    let runFolder = folder.appendingPathComponent(run.hash)
    func parameters(_ name: String) throws -> [Float] {
        let model = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 0, threadCount: 1)
        try model.importTensors(CheckpointFolder.load(from: runFolder.appendingPathComponent(name), loadingTrainingState: false).tensors)
        return model.parameterValues()
    }
    let snapshots = try ["step-8", "step-10", TrainingExecutor.finalFolder].map(parameters)
    #expect(snapshots[0] != snapshots[2])
    var ema = snapshots[0].map(Double.init)
    for snapshot in snapshots.dropFirst() {
        for index in ema.indices { ema[index] = 0.2 * Double(snapshot[index]) + 0.8 * ema[index] }
    }
    let sma = snapshots[0].indices.map { index in snapshots.map { Double($0[index]) }.reduce(0, +) / 3 }
    let savedEMA = try parameters(TrainingExecutor.emaFolder)
    let savedSMA = try parameters(TrainingExecutor.smaFolder)
    #expect(zip(savedEMA, ema).allSatisfy { abs(Double($0) - $1) <= 1e-7 * max(1, abs($1)) })
    #expect(zip(savedSMA, sma).allSatisfy { abs(Double($0) - $1) <= 1e-7 * max(1, abs($1)) })
    // Snapshots are removed once averaged; the retained checkpoints stay.
    #expect(!FileManager.default.fileExists(atPath: runFolder.appendingPathComponent(TrainingExecutor.snapshotFolder(8)).path))

    // The stored series are the averaged models' held-out losses.
    let runData = try data.data(for: config.data, seed: config.seed, trainingBytes: config.tokens)
    let batches = try TrainingExecutor.evaluationBatches(runData.evaluation[0].stream, config: config)
    let model = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 0, threadCount: 1)
    try model.allocateActivations(batchSize: 2, sequenceLength: 8)
    let metrics = try store.metrics(for: run.hash)
    for (series, weights) in [(AveragingPlan.emaSeries("validation"), ema), (AveragingPlan.smaSeries("validation"), sma)] {
        try model.setParameterValues(weights.map(Float.init))
        let expected = try model.evaluate(batches).lossNats
        let stored = try #require(metrics.first { $0.split == series && $0.step == 12 })
        #expect(abs(stored.lossNats - expected) < 1e-6, "\(series)")
    }
    let raw = try #require(metrics.first { $0.split == "validation" && $0.step == 12 })
    #expect(raw.lossNats != metrics.first { $0.split == AveragingPlan.emaSeries("validation") }?.lossNats)
}
