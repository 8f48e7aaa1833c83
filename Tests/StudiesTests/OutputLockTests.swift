// One process at a time on an output folder: the lock names its holder and is refused or waited
// for; runs a dead process left running count as interrupted; a study's completion is counted for
// `report` and `list`; and a failed attempt at a study leaves the study's record as it was.
import Foundation
import Testing
@testable import Studies

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-lock-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@Test func outputLockIsHeldByOneHolderAtATime() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(OutputLock.holder(of: folder) == nil)
    var lock = try OutputLock.acquire(folder, command: "tinyscale run first.yaml", wait: false,
                                      cancellation: CancellationFlag()) { _ in }
    #expect(lock != nil)
    let holder = try #require(OutputLock.holder(of: folder))
    #expect(holder.processIdentifier == getpid())
    #expect(holder.command == "tinyscale run first.yaml")
    #expect(holder.description.hasPrefix("PID \(getpid()) (tinyscale run first.yaml, since "))

    let busy = try #require(throws: OutputLockBusyError.self) {
        try OutputLock.acquire(folder, command: "tinyscale run second.yaml", wait: false, cancellation: CancellationFlag()) { _ in }
    }
    #expect(busy.holder == holder)

    // A waiter hears who it waits for, and gives up when cancelled.
    let cancellation = CancellationFlag()
    var heard: [OutputLockHolder?] = []
    let waited = try OutputLock.acquire(folder, command: "tinyscale run third.yaml", wait: true, cancellation: cancellation) {
        heard.append($0)
        cancellation.cancel()
    }
    #expect(waited == nil)
    #expect(heard == [holder])

    lock = nil
    #expect(OutputLock.holder(of: folder) == nil)
    let next = try OutputLock.acquire(folder, command: "tinyscale run fourth.yaml", wait: false, cancellation: CancellationFlag()) { _ in }
    #expect(next != nil)
    #expect(OutputLock.holder(of: folder)?.command == "tinyscale run fourth.yaml")
    withExtendedLifetime(next) {}
}

@Test func completionCountsFinishedRunsAndRunningOnlyWhileATrainerLives() {
    let completion = StudyCompletion(counts: [.complete: 7, .diverged: 1, .running: 2, .pending: 3])
    #expect(completion.total == 13)
    #expect(completion.finished == 8)
    #expect(!completion.isComplete)
    #expect(completion.summary == "8 of 13 runs complete (3 pending, 2 running, 1 diverged)")
    let dead = completion.current(trainerIsAlive: false)
    #expect(dead.counts == [.complete: 7, .diverged: 1, .interrupted: 2, .pending: 3])
    #expect(completion.current(trainerIsAlive: true) == completion)
    #expect(StudyCompletion(counts: [.complete: 2, .diverged: 1]).isComplete)
}

@Test func runsLeftRunningByADeadProcessBecomeInterrupted() throws {
    let store = try RunStore()
    let spec = try SpecLoader.parse(yaml: """
        kind: scaling-law
        name: demo
        models: [{name: a, layers: 1, width: 16, heads: 2}]
        training: {batch_size: 4, context: 16}
        data: {corpus: "synthetic:alpha"}
        protocol: {token_budgets: [3_200, 6_400], method: cosine}
        """, file: "demo.yaml")
    let plan = try StudyPipeline(outputFolder: FileManager.default.temporaryDirectory).plan(spec)
    try store.register(plan, study: "demo")
    try store.markRunning(plan[0].hash)
    try store.markRunning(plan[1].hash)
    try store.markInterrupted(plan[1].hash)
    #expect(try store.markAbandonedRunsInterrupted() == 1)
    #expect(try store.runs(study: "demo").map(\.status) == [.interrupted, .interrupted])
    #expect(try store.markAbandonedRunsInterrupted() == 0)
}

@Test func aFailedAttemptAtAStudyLeavesItsRecordAsItWas() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let pipeline = StudyPipeline(outputFolder: folder.appendingPathComponent("out"))
    let store = try pipeline.openStore()
    let original = try SpecLoader.parse(yaml: """
        kind: scaling-law
        name: shared
        models: [{name: a, layers: 1, width: 16, heads: 2}]
        training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 1}
        data: {corpus: "synthetic:alpha"}
        protocol: {token_budgets: [3_200], method: cosine}
        """, file: "original.yaml")
    try store.saveStudy(original)
    try store.register(pipeline.plan(original), study: "shared")

    // Another spec of the same name on a file that disappears after validation: its run fails.
    let file = folder.appendingPathComponent("corpus.txt")
    try (0..<300).map { "paragraph \($0) with a few words in it, enough to split" }.joined(separator: "\n\n")
        .write(to: file, atomically: true, encoding: .utf8)
    let specFile = folder.appendingPathComponent("intruder.yaml")
    try """
        kind: scaling-law
        name: shared
        models: [{name: b, layers: 1, width: 24, heads: 2}]
        training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 1}
        data: {corpus: "file:corpus.txt"}
        protocol: {token_budgets: [3_200, 6_400], method: cosine}
        """.write(to: specFile, atomically: true, encoding: .utf8)
    let intruder = try SpecLoader.load(path: specFile.path)
    try FileManager.default.removeItem(at: file)
    #expect(throws: (any Error).self) {
        try pipeline.train(intruder, store: store, parallelism: Parallelism(jobs: 1, threadsPerJob: 1),
                           cancellation: CancellationFlag()) { _ in }
    }
    #expect(try store.studySpec("shared")?.file == "original.yaml")
    #expect(try store.runs(study: "shared").map(\.hash) == pipeline.plan(original).map(\.hash))
    #expect(try pipeline.storedSpec("shared", store: store) == original)
}

@Test func aStoredSpecResolvesItsFilesAgainstItsOwnFolder() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("specs"), withIntermediateDirectories: true)
    try (0..<300).map { "paragraph \($0) with a few words in it, enough to split" }.joined(separator: "\n\n")
        .write(to: folder.appendingPathComponent("specs/corpus.txt"), atomically: true, encoding: .utf8)
    let specFile = folder.appendingPathComponent("specs/study.yaml")
    try """
        kind: scaling-law
        name: stored
        models: [{name: a, layers: 1, width: 16, heads: 2}]
        training: {batch_size: 4, context: 16}
        data: {corpus: "file:corpus.txt"}
        protocol: {token_budgets: [3_200], method: cosine}
        """.write(to: specFile, atomically: true, encoding: .utf8)
    let spec = try SpecLoader.load(path: specFile.path)
    let pipeline = StudyPipeline(outputFolder: folder.appendingPathComponent("out"))
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    // Read back as `tinyscale report` does, whatever the working directory.
    let stored = try pipeline.storedSpec("stored", store: store)
    #expect(stored.inputDigests == spec.inputDigests)
    #expect(try pipeline.plan(stored).map(\.hash) == pipeline.plan(spec).map(\.hash))
}
