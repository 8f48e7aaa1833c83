// `tinyscale run --executor slurm`: submits the study's missing runs as Slurm job arrays, follows
// them (or, with --no-wait, returns once they are submitted), then fits and reports as a local run.
import ArgumentParser
import Foundation
import Studies

extension RunCommand {
    /// Trains `study` on Slurm with `threads` per run, then reports it.
    func runOnSlurm(_ study: StudySpec, pipeline: StudyPipeline, store: RunStore, threads: Int,
                    cancellation: CancellationFlag, mode: ProgressDisplay.Mode) throws {
        let settings = study.slurm.overridden(by: slurm.overrides)
        let submission = SlurmSubmission(settings: settings, threads: threads, logEvery: study.training.logEvery,
                                         workerBinary: slurm.binary)
        let display = SlurmProgressDisplay(mode: mode, maximumAttempts: settings.maximumAttempts)
        let report: SlurmReport
        do {
            report = try pipeline.trainOnSlurm(study, store: store, submission: submission, client: SlurmClient(),
                                               wait: !noWait, pollInterval: slurm.pollInterval,
                                               cancellation: cancellation) { display.handle($0) }
            display.finish()
        } catch {
            display.finish()
            Terminal.error("error: \(error)")
            if case SlurmError.commandNotFound? = error as? SlurmError { throw ExitCode(ExitStatus.unavailable) }
            throw ExitCode(ExitStatus.failure)
        }
        let counts = report.counts
        if !report.isSettled {
            let folder = pipeline.slurmFolders
            if json { try JSONOutput.print(RunSummary(study: study, result: report.result, archived: nil)) }
            if cancellation.isCancelled {
                Terminal.error("Stopped following the jobs; \(counts.active) run\(counts.active == 1 ? "" : "s") stay in Slurm's queue. Run the same command again to ingest their results and report.")
                throw ExitCode(ExitStatus.interrupted)
            }
            if !quiet {
                Terminal.error("\(counts.active) run\(counts.active == 1 ? "" : "s") queued or running on Slurm (\(counts.done) of \(counts.total) done); task logs are in \(folder.logs.path). Run the same command again to ingest what finished, submit what is missing, and report.")
            }
            return
        }
        if !report.failures.isEmpty {
            Terminal.error("error: \(report.failures.count) run\(report.failures.count == 1 ? "" : "s") did not finish on Slurm:")
            for failure in report.failures { Terminal.error("  \(failure)") }
            Terminal.error("Runs that finished are in \(pipeline.storePath). Fix the cause, then run the same command again: it submits each failed run up to \(submission.settings.maximumAttempts) more times.")
            throw ExitCode(ExitStatus.failure)
        }
        let result = report.result
        if !quiet {
            let diverged = result.diverged > 0 ? ", \(result.diverged) diverged" : ""
            Terminal.error("\(result.trained) runs trained on Slurm, \(result.skipped) reused\(diverged). Fitting and writing the report…")
        }
        try self.report(study, result: result, pipeline: pipeline, store: store, threads: threads)
    }
}
