// Real training through the runner on a synthetic corpus: an interrupted and resumed study ends
// with exactly the results of an uninterrupted one, a resume restores AdamW's step count from its
// typed field, and WSD branches start from their trunk.
import Foundation
import Synchronization
import Testing
import TinyGPT
@testable import Studies

/// A tiny scaling-law study on `synthetic:alpha`: two sizes, two budgets, cosine and WSD (also the
/// Slurm executor's tests: its WSD branches make two dependency waves).
let tinyStudy = """
    kind: scaling-law
    name: tiny
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
      - {name: b, layers: 1, width: 24, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 3, evaluation_batches: 2}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [1_280, 2_560], method: both, cooldown_fraction: 0.25}
    """

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-exec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Final loss and metric series of every run, keyed by hash.
private func results(_ store: RunStore) throws -> [String: [Double]] {
    var byHash: [String: [Double]] = [:]
    for run in try store.runs(study: "tiny") {
        byHash[run.hash] = try [run.summary?.finalLossNats ?? .nan] + store.metrics(for: run.hash).map(\.lossNats)
    }
    return byHash
}

/// Trains the tiny study in `folder`; with `cancelAfterSteps`, cancels after that many training
/// steps (progress is reported every step, so the count does not depend on the machine's speed).
private func runStudy(in folder: URL, cancelAfterSteps: Int? = nil) throws -> (RunStore, RunnerResult) {
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let store = try RunStore(path: folder.appendingPathComponent("store.sqlite").path)
    let runner = Runner(store: store,
                        executor: TrainingExecutor(data: DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path),
                                                   progressInterval: 0),
                        checkpointRoot: folder.appendingPathComponent("checkpoints"), jobs: 1, threadsPerJob: 1)
    let cancellation = CancellationFlag()
    let stepsSeen = Atomic<Int>(0)
    let result = try runner.run(settings.plan(spec), study: "tiny", cancellation: cancellation) { event in
        if case .progress = event, let limit = cancelAfterSteps,
           stepsSeen.add(1, ordering: .relaxed).newValue >= limit {
            cancellation.cancel()
        }
    }
    return (store, result)
}

@Test func interruptedStudyResumesToTheSameResults() throws {
    let uninterrupted = try temporaryFolder(), interrupted = try temporaryFolder()
    defer {
        try? FileManager.default.removeItem(at: uninterrupted)
        try? FileManager.default.removeItem(at: interrupted)
    }
    let (reference, referenceResult) = try runStudy(in: uninterrupted)
    #expect(referenceResult.trained == 10)

    let (_, first) = try runStudy(in: interrupted, cancelAfterSteps: 45)
    #expect(first.wasInterrupted)
    let (resumed, second) = try runStudy(in: interrupted)
    #expect(second.skipped == first.trained)
    #expect(second.trained + first.trained == 10)

    let expected = try results(reference)
    #expect(expected.count == 10)
    #expect(try results(resumed) == expected)
    #expect(expected.values.allSatisfy { $0.allSatisfy { $0.isFinite && $0 > 0 && $0 < log(256) + 0.5 } })
}

@Test func rerunningTrainsNothingAndWsdBranchesContinueTheirTrunk() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try runStudy(in: folder)
    let (store, again) = try runStudy(in: folder)
    #expect(again == RunnerResult(trained: 0, skipped: 10, diverged: 0, interrupted: 0))
    let runs = try store.runs(study: "tiny")
    let trunk = try #require(runs.first { $0.role.columns["method"] == "wsd-trunk" && $0.role.columns["model"] == "a" })
    let branch = try #require(runs.first { $0.role.columns["method"] == "wsd-branch" && $0.role.columns["model"] == "a"
        && $0.role.columns["tokens"] == "2560" })
    #expect(branch.config.parent?.hash == trunk.hash)
    #expect(branch.config.parent?.step == 30)
    // The branch measures only its own cooldown steps.
    #expect(try store.metrics(for: branch.hash).map(\.step).allSatisfy { $0 > 30 })
}

@Test func resultsDoNotDependOnHowRunsShareTheCores() throws {
    let sideBySide = try temporaryFolder(), alone = try temporaryFolder()
    defer {
        try? FileManager.default.removeItem(at: sideBySide)
        try? FileManager.default.removeItem(at: alone)
    }
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    var losses: [[String: [Double]]] = []
    for (folder, parallelism) in [(sideBySide, Parallelism(jobs: 2, threadsPerJob: 1)), (alone, Parallelism(jobs: 1, threadsPerJob: 2))] {
        let pipeline = StudyPipeline(outputFolder: folder)
        let store = try pipeline.openStore()
        _ = try pipeline.train(spec, store: store, parallelism: parallelism, cancellation: CancellationFlag()) { _ in }
        var byHash: [String: [Double]] = [:]
        for run in try store.runs(study: spec.name) {
            byHash[run.hash] = try store.metrics(for: run.hash).map(\.lossNats)
        }
        losses.append(byHash)
    }
    #expect(losses[0].count == 10)
    #expect(losses[0] == losses[1])
}

/// One small run without a parent: 12 steps of B = 2, T = 8, measured at steps 4, 8 and 12.
private let singleRun: PlannedRun = {
    let config = RunConfig(
        model: ModelShape(name: "s", layers: 1, width: 16, heads: 2), contextLength: 8, batchSize: 2, steps: 12,
        optimizer: OptimizerSettings(learningRate: 3e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, gradientClip: 1),
        schedule: ResolvedSchedule(kind: .cosine, peakLearningRate: 3e-3, warmupSteps: 2, finalRatio: 0.1,
                                   decayStartStep: 0, decayShape: .linear),
        data: DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1),
        seed: 7, evaluationSteps: [4, 8, 12], evaluationBatches: 2, trainingCoreVersion: "test")
    return PlannedRun(config: config, label: "single", role: ["run": "single"])
}()

/// Trains `singleRun` through the runner with the store and checkpoints in `folder`; with
/// `interrupt`, cancels at the first progress report (after step 1), so the run saves its resume
/// checkpoint at step 1. Returns the held-out losses measured, in step order.
private func trainSingleRun(in folder: URL, interrupt: Bool = false) throws -> (result: RunnerResult, losses: [Double]) {
    let store = try RunStore(path: folder.appendingPathComponent("store.sqlite").path)
    let runner = Runner(store: store,
                        executor: TrainingExecutor(data: DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path)),
                        checkpointRoot: folder.appendingPathComponent("checkpoints"), jobs: 1, threadsPerJob: 1)
    let cancellation = CancellationFlag()
    let result = try runner.run([singleRun], study: "single", cancellation: cancellation) { event in
        if interrupt, case .progress = event { cancellation.cancel() }
    }
    return (result, try store.metrics(for: singleRun.hash).map(\.lossNats))
}

@Test func resumedRunRestoresTheOptimizerStepCountExactly() throws {
    let uninterrupted = try temporaryFolder(), interrupted = try temporaryFolder(), tampered = try temporaryFolder()
    defer {
        for folder in [uninterrupted, interrupted, tampered] { try? FileManager.default.removeItem(at: folder) }
    }
    let reference = try trainSingleRun(in: uninterrupted)
    #expect(reference.result.trained == 1)
    #expect(reference.losses.count == 3)

    let stopped = try trainSingleRun(in: interrupted, interrupt: true)
    #expect(stopped.result.wasInterrupted)
    let latest = interrupted.appendingPathComponent("checkpoints/\(singleRun.hash)/\(TrainingExecutor.latestFolder)")
    let checkpoint = try CheckpointFolder.load(from: latest)
    let state = try #require(checkpoint.trainingState)
    #expect(state.step == 1)
    #expect(state.optimizerStepCount == 1)
    #expect(state.dataPosition == DataReadPosition(batchesDrawn: 1, offset: 2 * 8, passes: 0))
    #expect(state.metadata == "TinyScale run single (\(singleRun.hash))")

    // A copy of the checkpoint whose optimizer step count alone is off by one.
    var offByOne = checkpoint
    offByOne.trainingState?.optimizerStepCount += 1
    try CheckpointFolder.save(offByOne, to: tampered.appendingPathComponent("checkpoints/\(singleRun.hash)/\(TrainingExecutor.latestFolder)"))

    let resumed = try trainSingleRun(in: interrupted)
    #expect(resumed.result.trained == 1)
    #expect(resumed.losses == reference.losses)
    // The step count steers the resumed run: the off-by-one copy drifts from the reference.
    let resumedOffByOne = try trainSingleRun(in: tampered)
    #expect(resumedOffByOne.result.trained == 1)
    #expect(resumedOffByOne.losses.count == 3)
    #expect(resumedOffByOne.losses != reference.losses)
}

@Test func aDamagedResumeCheckpointIsReportedAndTheRunRestartsToTheSameResults() throws {
    let uninterrupted = try temporaryFolder(), damaged = try temporaryFolder()
    defer {
        try? FileManager.default.removeItem(at: uninterrupted)
        try? FileManager.default.removeItem(at: damaged)
    }
    let (reference, _) = try runStudy(in: uninterrupted)
    let (_, first) = try runStudy(in: damaged, cancelAfterSteps: 45)
    #expect(first.wasInterrupted)

    // Flip one bit in the weights of every resume checkpoint the interruption left.
    let root = damaged.appendingPathComponent("checkpoints")
    var flipped = 0
    for hash in try FileManager.default.contentsOfDirectory(atPath: root.path) {
        let weights = root.appendingPathComponent(hash).appendingPathComponent("latest/model.safetensors")
        guard var bytes = try? Data(contentsOf: weights) else { continue }
        bytes[bytes.count - 5] ^= 0x10
        try bytes.write(to: weights)
        flipped += 1
    }
    #expect(flipped >= 1)

    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let store = try RunStore(path: damaged.appendingPathComponent("store.sqlite").path)
    let runner = Runner(store: store,
                        executor: TrainingExecutor(data: DataProvider(cacheDirectory: damaged.appendingPathComponent("cache").path)),
                        checkpointRoot: root, jobs: 1, threadsPerJob: 1)
    let warnings = Mutex<[String]>([])
    let second = try runner.run(settings.plan(spec), study: "tiny", cancellation: CancellationFlag()) { event in
        if case .warning(_, let message) = event { warnings.withLock { $0.append(message) } }
    }
    #expect(!second.wasInterrupted)
    let messages = warnings.withLock { $0 }
    #expect(messages.count == flipped, "\(messages)")
    #expect(messages.allSatisfy { $0.contains("resume checkpoint is damaged") && $0.contains("restarts from its start") }, "\(messages)")
    #expect(try results(store) == results(reference))
}
