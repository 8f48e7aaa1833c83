// The compute-node side of the Slurm executor: trains the one run of a task description with the
// same TrainingExecutor as local runs (so the same hash gives the same bits), keeping its
// measurements in an in-memory store — workers never open the SQLite store, which is unsafe on
// network filesystems — and writes them into the shared output folder as a result file. A task
// stopped by Slurm (scancel, time limit) saves a resume checkpoint plus a partial record, and the
// next task resumes the run exactly; without a partial record it trains the run from its start.
import Foundation

public struct SlurmWorker: Sendable {
    public let task: SlurmTask
    public let folders: SlurmFolders

    public init(task: SlurmTask) {
        self.task = task
        folders = SlurmFolders(outputFolder: URL(fileURLWithPath: task.outputFolder, isDirectory: true))
    }

    /// Trains the run, unless its result file exists already, and returns how it ended.
    /// - Parameters:
    ///   - cancellation: set on SIGTERM; the run stops after its current step, resumably.
    ///   - progress: the run's progress, about every half second.
    ///   - warning: a problem the run recovered from.
    public func run(cancellation: CancellationFlag, progress: @escaping @Sendable (RunProgress) -> Void,
                    warning: @escaping @Sendable (String) -> Void) throws -> RunOutcome {
        let resultFile = folders.resultFile(task.hash)
        if let record = try SlurmRunRecord.read(resultFile), record.outcome != .interrupted { return record.outcome }
        let run = task.plannedRun
        let store = try RunStore()
        try store.register([run], study: task.study)
        if let parent = run.config.parent?.hash, let record = try SlurmRunRecord.read(folders.resultFile(parent)),
           record.divergence != nil {
            let outcome = RunOutcome.diverged("its parent run \(parent) diverged")
            try SlurmRunRecord(hash: task.hash, outcome: outcome, metrics: [], trainingLog: []).write(to: resultFile)
            return outcome
        }
        let pipeline = StudyPipeline(outputFolder: folders.outputFolder)
        try prepareResume(store: store, checkpointFolder: pipeline.checkpointRoot.appendingPathComponent(task.hash))

        let executor = TrainingExecutor(data: pipeline.data, logEvery: task.logEvery)
        let context = RunContext(store: store, checkpointRoot: pipeline.checkpointRoot, threads: task.threads,
                                 cancellation: cancellation, progress: progress, warning: { _, message in warning(message) })
        let outcome = try executor.execute(run, context: context)
        let record = SlurmRunRecord(hash: task.hash, outcome: outcome, metrics: try store.metrics(for: task.hash),
                                    trainingLog: try store.trainingLog(for: task.hash))
        try record.write(to: outcome == .interrupted ? folders.partialFile(task.hash) : resultFile)
        if outcome != .interrupted { try? FileManager.default.removeItem(at: folders.partialFile(task.hash)) }
        return outcome
    }

    /// Loads what an interrupted task measured, so the executor resumes from its checkpoint with
    /// the same measurements a local run would have; without that record the resume checkpoint
    /// is removed and the run starts over. The record is consumed: a later hard kill, which
    /// writes none, leaves no stale record beside a newer checkpoint.
    private func prepareResume(store: RunStore, checkpointFolder: URL) throws {
        let partialFile = folders.partialFile(task.hash)
        let partial = try? SlurmRunRecord.read(partialFile)
        let latest = checkpointFolder.appendingPathComponent(TrainingExecutor.latestFolder)
        if let partial, partial.hash == task.hash, FileManager.default.fileExists(atPath: latest.path) {
            for point in partial.metrics { try store.record(point, for: task.hash) }
            try store.record(partial.trainingLog, for: task.hash)
        } else {
            try? FileManager.default.removeItem(at: latest)
        }
        try? FileManager.default.removeItem(at: partialFile)
    }
}
