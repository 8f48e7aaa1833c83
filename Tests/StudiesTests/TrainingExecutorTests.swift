// Real training through the runner on a synthetic corpus: an interrupted and resumed study ends
// with exactly the results of an uninterrupted one; WSD branches start from their trunk.
import Foundation
import Synchronization
import Testing
@testable import Studies

/// A tiny scaling-law study on `synthetic:alpha`: two sizes, two budgets, cosine and WSD.
private let tinyStudy = """
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

private func runStudy(in folder: URL, cancelAfterSteps: Int? = nil) throws -> (RunStore, RunnerResult) {
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let store = try RunStore(path: folder.appendingPathComponent("store.sqlite").path)
    let runner = Runner(store: store,
                        executor: TrainingExecutor(data: DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path)),
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

    let (_, first) = try runStudy(in: interrupted, cancelAfterSteps: 3)
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
