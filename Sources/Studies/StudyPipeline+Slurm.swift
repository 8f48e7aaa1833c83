// `tinyscale run --executor slurm` in the pipeline: the study's plan trained as Slurm job arrays
// into this archive, recorded as the study's like a local run.
import Foundation

extension StudyPipeline {
    /// The Slurm executor's folders in this archive.
    public var slurmFolders: SlurmFolders { SlurmFolders(outputFolder: outputFolder) }

    /// Submits every run of `spec` not yet finished in the store to Slurm and follows it (see
    /// `SlurmCoordinator.run`), after recording the spec and its plan as the study's; if it fails,
    /// the study's previous record is put back. A kind that plans in stages (the scaling law's
    /// learning-rate sweep before the runs that use its picks) is planned again whenever a stage
    /// settles, and the next stage submitted; with `wait` false the call returns once a stage is
    /// submitted and not settled, and a later `run` ingests it and submits the next.
    public func trainOnSlurm(_ spec: StudySpec, store: RunStore, submission: SlurmSubmission, client: SlurmClient,
                             wait: Bool, pollInterval: Double, cancellation: CancellationFlag,
                             events: @escaping @Sendable (SlurmEvent) -> Void) throws -> SlurmReport {
        let coordinator = SlurmCoordinator(folders: slurmFolders, client: client, store: store, study: spec.name,
                                           submission: submission)
        var planned: Set<String> = []
        var total = StagedRunnerTotal()
        while true {
            let plan = try plan(spec)
            planned.formUnion(plan.map(\.hash))
            var stage = try store.restoringStudyRecordOnFailure(spec.name) {
                try store.saveStudy(spec)
                return try coordinator.run(plan, wait: wait, pollInterval: pollInterval, cancellation: cancellation, events: events)
            }
            total.add(stage.result)
            stage.result = total.result
            guard !cancellation.isCancelled, stage.isSettled, stage.failures.isEmpty else { return stage }
            if Set(try self.plan(spec).map(\.hash)).isSubset(of: planned) { return stage }
        }
    }
}
