// `tinyscale run --executor slurm` in the pipeline: the study's plan trained as Slurm job arrays
// into this archive, recorded as the study's like a local run.
import Foundation

extension StudyPipeline {
    /// The Slurm executor's folders in this archive.
    public var slurmFolders: SlurmFolders { SlurmFolders(outputFolder: outputFolder) }

    /// Submits every run of `spec` not yet finished in the store to Slurm and follows it (see
    /// `SlurmCoordinator.run`), after recording the spec and its plan as the study's; if it fails,
    /// the study's previous record is put back.
    public func trainOnSlurm(_ spec: StudySpec, store: RunStore, submission: SlurmSubmission, client: SlurmClient,
                             wait: Bool, pollInterval: Double, cancellation: CancellationFlag,
                             events: @escaping @Sendable (SlurmEvent) -> Void) throws -> SlurmReport {
        let plan = try plan(spec)
        let coordinator = SlurmCoordinator(folders: slurmFolders, client: client, store: store, study: spec.name,
                                           submission: submission)
        return try store.restoringStudyRecordOnFailure(spec.name) {
            try store.saveStudy(spec)
            return try coordinator.run(plan, wait: wait, pollInterval: pollInterval, cancellation: cancellation, events: events)
        }
    }
}
