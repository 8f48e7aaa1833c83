// The run store and runner: hashing, persistence, skipping finished runs, parents before branches,
// divergence, interruption and resume — with a fake executor so no training is involved.
import Foundation
import Synchronization
import Testing
@testable import Studies

private func config(seed: Int, steps: Int = 10, parent: RunParent? = nil, name: String = "s") -> RunConfig {
    RunConfig(
        model: ModelShape(name: name, layers: 1, width: 16, heads: 2), contextLength: 8, batchSize: 2, steps: steps,
        optimizer: OptimizerSettings(learningRate: 1e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, gradientClip: 1),
        schedule: ResolvedSchedule(kind: .cosine, peakLearningRate: 1e-3, warmupSteps: 1, finalRatio: 0.1,
                                   decayStartStep: 0, decayShape: .linear),
        data: DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1),
        seed: seed, evaluationSteps: [steps], evaluationBatches: 1, parent: parent, trainingCoreVersion: "test")
}

private func planned(_ config: RunConfig, _ label: String) -> PlannedRun {
    PlannedRun(config: config, label: label, role: ["label": label])
}

/// Counts steps in a file inside the run's checkpoint folder, so an interrupted run resumes where
/// it stopped; diverges when the seed is 13; throws when the seed is 99.
private final class FakeExecutor: RunExecutor, @unchecked Sendable {
    // @unchecked: `log` is guarded by its Mutex; the other properties are immutable.
    let log = Mutex<[String]>([])
    let interruptAtStep: Int?

    init(interruptAtStep: Int? = nil) {
        self.interruptAtStep = interruptAtStep
    }

    struct Failure: Error {}

    func execute(_ run: PlannedRun, context: RunContext) throws -> RunOutcome {
        log.withLock { $0.append(run.label) }
        if run.config.seed == 99 { throw Failure() }
        if run.config.seed == 13 { return .diverged("loss is NaN at step 3") }
        let folder = context.checkpointFolder(for: run.hash)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let counter = folder.appendingPathComponent("step")
        var step = (try? String(contentsOf: counter, encoding: .utf8)).flatMap { Int($0) } ?? 0
        while step < run.config.steps {
            if let interruptAtStep, step == interruptAtStep {
                context.cancellation.cancel()
            }
            if context.cancellation.isCancelled { return .interrupted }
            step += 1
            try String(step).write(to: counter, atomically: true, encoding: .utf8)
            try context.store.record(MetricPoint(step: step, tokens: step * 16, split: "validation", lossNats: 5.0 / Double(step)),
                                     for: run.hash)
        }
        return .complete(RunSummary(parameters: 100, nonEmbeddingParameters: 50, tokens: run.config.tokens, flops: 1e6,
                                    wallSeconds: 0, finalLossNats: 5.0 / Double(step)))
    }
}

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Test func configHashIsTheSHA256OfAFixedCanonicalJSON() {
    // Golden values: a change to the encoder or the digest that would orphan every stored run fails
    // here. The model is unnamed, as in the hashed identity; the hash is `printf '%s' "$json" |
    // sha256sum` of the JSON below, computed outside Swift.
    let json = #"{"batchSize":2,"contextLength":8,"data":{"components":[{"corruptionLevels":[],"epochs":1,"share":1,"source":"synthetic:alpha","subsetByQuality":false}],"dataSeed":0,"evaluationSets":[],"order":"uniform","repeatsWhenExhausted":false,"validationFraction":0.1},"evaluationBatches":1,"evaluationSteps":[10],"model":{"heads":2,"layers":1,"name":"","width":16},"optimizer":{"beta1":0.9,"beta2":0.95,"epsilon":1e-08,"gradientClip":1,"learningRate":0.001,"weightDecay":0.1},"retainedCheckpointSteps":[],"schedule":{"decayShape":"linear","decayStartStep":0,"finalRatio":0.1,"kind":"cosine","peakLearningRate":0.001,"warmupSteps":1},"seed":1,"steps":10,"trainingCoreVersion":"test"}"#
    #expect(String(decoding: config(seed: 1, name: "").canonicalJSON(), as: UTF8.self) == json)
    #expect(config(seed: 1, name: "").hash == "c185c768079184e63ce83e4d20a711cdc071ee5de6f085676451768e3b90ccc3")
}

@Test func configHashIgnoresTheModelNameAndFollowsEverythingElse() {
    #expect(config(seed: 1, name: "renamed").hash == config(seed: 1).hash)
    #expect(config(seed: 2).hash != config(seed: 1).hash)
    #expect(config(seed: 1, steps: 11).hash != config(seed: 1).hash)
}

@Test func storePersistsRunsAndMetricsAcrossReopening() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("store.sqlite").path
    let run = planned(config(seed: 1), "first")
    do {
        let store = try RunStore(path: path)
        try store.register([run], study: "demo")
        try store.markRunning(run.hash)
        try store.record(MetricPoint(step: 5, tokens: 80, split: "validation", lossNats: 2), for: run.hash)
        try store.complete(run.hash, summary: RunSummary(parameters: 10, nonEmbeddingParameters: 5, tokens: 160,
                                                         flops: 1, wallSeconds: 2, finalLossNats: 2))
    }
    let reopened = try RunStore(path: path)
    let runs = try reopened.runs(study: "demo")
    #expect(runs.count == 1)
    #expect(runs.first?.status == .complete)
    #expect(runs.first?.config == run.config)
    #expect(runs.first?.role.columns == ["label": "first"])
    #expect(runs.first?.summary?.finalLossNats == 2)
    #expect(try reopened.metrics(for: run.hash).map(\.step) == [5])
    #expect(FileManager.default.fileExists(atPath: path + "-wal"))
}

@Test func rerunningAFinishedStudyTrainsNothing() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RunStore()
    let plan = [planned(config(seed: 1), "a"), planned(config(seed: 2), "b")]
    let first = FakeExecutor()
    let runner = Runner(store: store, executor: first, checkpointRoot: folder, jobs: 2, threadsPerJob: 1)
    let result = try runner.run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 2)
    let second = FakeExecutor()
    let again = Runner(store: store, executor: second, checkpointRoot: folder, jobs: 2, threadsPerJob: 1)
    let rerun = try again.run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    #expect(rerun == RunnerResult(trained: 0, skipped: 2, diverged: 0, interrupted: 0))
    #expect(second.log.withLock { $0 }.isEmpty)
}

@Test func interruptedRunResumesToTheSameResult() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RunStore()
    let plan = [planned(config(seed: 1), "a")]
    let interrupted = try Runner(store: store, executor: FakeExecutor(interruptAtStep: 4), checkpointRoot: folder,
                                 jobs: 1, threadsPerJob: 1)
        .run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    #expect(interrupted.interrupted == 1)
    #expect(try store.status(of: plan[0].hash) == .interrupted)
    let resumed = try Runner(store: store, executor: FakeExecutor(), checkpointRoot: folder, jobs: 1, threadsPerJob: 1)
        .run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    #expect(resumed.trained == 1)
    #expect(try store.metrics(for: plan[0].hash).map(\.step) == Array(1...10))
    #expect(try store.runs(study: "demo").first?.summary?.finalLossNats == 0.5)
}

@Test func branchesRunAfterTheirParentAndInheritItsDivergence() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = try RunStore()
    let trunk = config(seed: 1, steps: 20)
    let badTrunk = config(seed: 13, steps: 20)
    let plan = [
        planned(config(seed: 1, steps: 5, parent: RunParent(hash: trunk.hash, step: 4, keepsOptimizerState: true)), "branch"),
        planned(config(seed: 2, steps: 5, parent: RunParent(hash: badTrunk.hash, step: 4, keepsOptimizerState: true)), "orphan"),
        planned(trunk, "trunk"),
        planned(badTrunk, "bad trunk"),
    ]
    let executor = FakeExecutor()
    let result = try Runner(store: store, executor: executor, checkpointRoot: folder, jobs: 1, threadsPerJob: 1)
        .run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    let order = executor.log.withLock { $0 }
    #expect(order == ["trunk", "branch", "bad trunk"])
    #expect(result.trained == 2)
    #expect(result.diverged == 2)
    let orphan = try store.runs(study: "demo").first { $0.label == "orphan" }
    #expect(orphan?.status == .diverged)
    #expect(orphan?.message == "its parent run \(badTrunk.hash) diverged")
}

@Test func executorErrorStopsTheStudyAndIsRethrown() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plan = [planned(config(seed: 99), "boom"), planned(config(seed: 1), "fine")]
    let runner = Runner(store: try RunStore(), executor: FakeExecutor(), checkpointRoot: folder, jobs: 1, threadsPerJob: 1)
    #expect(throws: FakeExecutor.Failure.self) {
        try runner.run(plan, study: "demo", cancellation: CancellationFlag()) { _ in }
    }
}
