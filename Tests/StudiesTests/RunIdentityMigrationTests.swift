// The store migration that re-keys runs stored under the old 32-digit FNV-1a hashes: a store is
// written, put back by hand into the form an older TinyScale left, and opened again.
import Foundation
import GRDB
import Testing
@testable import Studies

private func config(seed: Int, parent: RunParent? = nil) -> RunConfig {
    RunConfig(
        model: ModelShape(name: "s", layers: 1, width: 16, heads: 2), contextLength: 8, batchSize: 2, steps: 10,
        optimizer: OptimizerSettings(learningRate: 1e-3, beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, gradientClip: 1),
        schedule: ResolvedSchedule(kind: .cosine, peakLearningRate: 1e-3, warmupSteps: 1, finalRatio: 0.1,
                                   decayStartStep: 0, decayShape: .linear),
        data: DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1),
        seed: seed, evaluationSteps: [10], evaluationBatches: 1, parent: parent, trainingCoreVersion: "test")
}

@Test func openingAnOldStoreReKeysItsRunsParentsFirstAndMovesTheirCheckpoints() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-migration-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("store.sqlite").path
    let checkpoints = folder.appendingPathComponent("checkpoints", isDirectory: true)
    let trunk = PlannedRun(config: config(seed: 1), label: "trunk", role: ["label": "trunk"])
    let branch = PlannedRun(config: config(seed: 1, parent: RunParent(hash: trunk.hash, step: 5, keepsOptimizerState: true)),
                            label: "branch", role: ["label": "branch"])
    do {
        let store = try RunStore(path: path)
        try store.register([trunk, branch], study: "demo")
        for run in [trunk, branch] {
            try store.markRunning(run.hash)
            try store.record(MetricPoint(step: 10, tokens: 160, split: "validation", lossNats: 2), for: run.hash)
            try store.complete(run.hash, summary: RunSummary(parameters: 10, nonEmbeddingParameters: 5, tokens: 160,
                                                             flops: 1, wallSeconds: 2, finalLossNats: 2))
        }
    }

    // What an older TinyScale left: 32-digit hashes, the branch naming its parent by the old hash,
    // no record of the migration, and the trunk's checkpoint folder under its old hash.
    let oldTrunk = String(repeating: "a", count: 32), oldBranch = String(repeating: "b", count: 32)
    var oldBranchConfig = branch.config
    oldBranchConfig.parent?.hash = oldTrunk
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: path, configuration: configuration)
    try queue.write { db in
        for (newHash, oldHash) in [(trunk.hash, oldTrunk), (branch.hash, oldBranch)] {
            for table in ["runs", "study_runs", "metrics", "training_log"] {
                try db.execute(sql: "UPDATE \(table) SET hash = ? WHERE hash = ?", arguments: [oldHash, newHash])
            }
        }
        try db.execute(sql: "UPDATE runs SET config = ? WHERE hash = ?",
                       arguments: [String(decoding: oldBranchConfig.canonicalJSON(), as: UTF8.self), oldBranch])
        try db.execute(sql: "DROP TABLE run_renames")
        try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [RunIdentityMigration.identifier])
    }
    try queue.close()
    let oldCheckpoint = checkpoints.appendingPathComponent(oldTrunk).appendingPathComponent("step-5")
    try FileManager.default.createDirectory(at: oldCheckpoint, withIntermediateDirectories: true)

    let store = try RunStore(path: path)
    try store.moveCheckpointsOfRenamedRuns(in: checkpoints)
    let runs = try store.runs(study: "demo")
    #expect(runs.map(\.hash) == [trunk.hash, branch.hash])
    #expect(runs.map(\.status) == [.complete, .complete])
    #expect(runs.last?.config.parent?.hash == trunk.hash)
    #expect(try store.metrics(for: branch.hash).map(\.step) == [10])
    #expect(FileManager.default.fileExists(atPath: checkpoints.appendingPathComponent(trunk.hash).appendingPathComponent("step-5").path))
    #expect(!FileManager.default.fileExists(atPath: checkpoints.appendingPathComponent(oldTrunk).path))
    try store.moveCheckpointsOfRenamedRuns(in: checkpoints)
    #expect(try store.runs(study: "demo").map(\.hash) == [trunk.hash, branch.hash])
}
