// `tinyscale run <spec>`: trains every run of a study that is not already in the store, then
// analyses and reports it. Ctrl-C stops after the current step; rerunning continues.
import ArgumentParser
import Corpora
import Foundation
import Studies

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study: train what is missing, fit, judge and archive a report.",
        discussion: """
            Runs already complete in the store (output/tinyscale.sqlite) are reused, so rerunning \
            a finished study trains nothing, and rerunning an interrupted one continues where it \
            stopped. Press Ctrl-C once to stop cleanly after the current step. With --dry-run \
            it prints what `tinyscale plan` prints (the runs, what is stored, an estimated time) \
            and trains, locks and writes nothing.

            One run at a time uses an output folder: it holds output/tinyscale.lock until it \
            ends. A second run on the same folder waits for the first, saying which process it \
            waits for, then trains only what is still missing; with --no-wait it stops at once.

            With --executor slurm the missing runs are submitted as Slurm job arrays (one per \
            dependency wave) that train into the output folder, which every node must share; \
            this process ingests their result files into the store, then fits and reports. \
            With --no-wait it returns once they are submitted; run the same command again to \
            ingest what finished and submit what is missing. See README, "Slurm".

            With --json, standard output carries only the final summary as JSON (progress still \
            goes to standard error): {"study", "profile", "report_folder", "report", "runs": \
            {"trained", "reused", "diverged", "interrupted"}, "verdict_counts": {outcome: count}, \
            "verdicts": [{"claim", "outcome"}]}; outcomes are reproduced, not-reproduced and \
            inconclusive. report_folder and report (the HTML file) are null when no report was \
            written: after Ctrl-C, or while Slurm jobs are still queued or running.

            Exit status: 0 done, 64 bad usage, 65 invalid spec, 66 a missing spec or corpus \
            file, 69 a corpus whose Debian package is not installed, 70 a failure while working, 74 the \
            run store cannot be opened, 75 the output \
            folder is in use (--no-wait), 130 stopped by Ctrl-C.
            """)

    @OptionGroup var options: StudyOptions

    @Flag(help: "Print only the final summary.")
    var quiet = false

    @Flag(help: "If another run is using the output folder, stop with exit status 75 instead of waiting for it; with --executor slurm, also return once the jobs are submitted.")
    var noWait = false

    @Option(help: "Where runs train: local (this machine) or slurm (job arrays on a cluster).")
    var executor: Executor = .local

    @OptionGroup(title: "Slurm executor") var slurm: SlurmOptions

    @Flag(help: "Show what would be trained and an estimated time, as `tinyscale plan` does; train and write nothing.")
    var dryRun = false

    @Flag(help: "Print the final summary as JSON on standard output (with --dry-run: the plan).")
    var json = false

    func validate() throws {
        if slurm.isUsed, executor != .slurm { throw ValidationError("the Slurm options need --executor slurm") }
    }

    func run() throws {
        let pipeline = options.pipeline
        if dryRun {
            try PlanCommand.show(options.loadSpec(), pipeline: pipeline, jobs: options.jobs, json: json)
            return
        }
        var (study, plan) = try prepare(pipeline)
        let cancellation = CancellationFlag()
        let interrupt = InterruptHandler(cancellation: cancellation)
        let (lock, waited) = try lockOutput(pipeline, cancellation: cancellation)
        // Held to the end of the command, report included (nothing else refers to it).
        defer { withExtendedLifetime(lock) {} }
        if waited {
            // The spec and its files may have changed during the wait: read them again.
            (study, plan) = try prepare(pipeline)
        }
        let store = try StoreOpening.open(pipeline)
        let abandoned = try store.markAbandonedRunsInterrupted()
        let parallelism = Parallelism.choose(for: study, cores: ProcessInfo.processInfo.activeProcessorCount, jobs: options.jobs)
        let mode: ProgressDisplay.Mode = quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .plain)
        let display = ProgressDisplay(mode: mode, plan: plan)
        if !quiet {
            Terminal.error("\(study.title) — \(study.summary)")
            if abandoned > 0 {
                Terminal.error("\(abandoned) run\(abandoned == 1 ? " was" : "s were") left running by a process that ended; \(abandoned == 1 ? "it resumes" : "they resume") from the last checkpoint when trained.")
            }
        }

        if executor == .slurm {
            try runOnSlurm(study, pipeline: pipeline, store: store, threads: parallelism.threadsPerJob,
                           cancellation: cancellation, mode: mode)
            return
        }
        let result: RunnerResult
        do {
            result = try pipeline.train(study, store: store, parallelism: parallelism, cancellation: cancellation) {
                display.handle($0)
            }
        } catch {
            Terminal.error("error: \(error)")
            if case CorpusError.notInstalled? = error as? CorpusError { throw ExitCode(ExitStatus.unavailable) }
            throw ExitCode(ExitStatus.failure)
        }
        withExtendedLifetime(interrupt) {}
        if result.wasInterrupted || cancellation.isCancelled {
            Terminal.error("Stopped. Finished runs are in \(pipeline.storePath); run the same command again to continue.")
            if json { try JSONOutput.print(RunSummary(study: study, result: result, archived: nil)) }
            throw ExitCode(ExitStatus.interrupted)
        }
        let diverged = result.diverged > 0 ? ", \(result.diverged) diverged" : ""
        if !quiet {
            Terminal.error("\(result.trained) runs trained, \(result.skipped) reused\(diverged). Fitting and writing the report…")
        }
        try report(study, result: result, pipeline: pipeline, store: store, threads: parallelism.threadsPerJob)
    }

    /// Fits, judges and archives the report of `study`, printing its path on standard output (with
    /// --json, the summary of the whole command, `result` included).
    func report(_ study: StudySpec, result: RunnerResult, pipeline: StudyPipeline, store: RunStore, threads: Int) throws {
        do {
            let archived = try pipeline.reporter(store: store, build: .current(threads: threads)).report(study)
            if json {
                try JSONOutput.print(RunSummary(study: study, result: result, archived: archived))
            } else {
                print(archived.folder.appendingPathComponent("report.html").path)
            }
            if !quiet {
                Terminal.error("\(archived.summary.verdicts.count) verdicts, \(StudyPipeline.profileLine(archived.summary)): \(StudyPipeline.verdictLine(archived.summary)). \(archived.summary.pageCount > 0 ? "PDF, data.csv" : "data.csv") and report.json are beside the HTML; the archive index is \(pipeline.outputFolder.appendingPathComponent("index.html").path).")
            }
        } catch {
            Terminal.error("error: the runs are saved, but the report failed: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}

extension RunCommand {
    /// The validated spec (with --seeds applied) and its plan; exits 64/65/66/69 on a problem.
    private func prepare(_ pipeline: StudyPipeline) throws -> (StudySpec, [PlannedRun]) {
        let study = try options.loadSpec()
        return (study, try pipeline.plan(study))
    }

    /// Takes the output folder's lock, waiting for (or, with --no-wait, refusing) another run
    /// that holds it; Ctrl-C while waiting exits 130. `waited` tells whether it had to wait.
    private func lockOutput(_ pipeline: StudyPipeline, cancellation: CancellationFlag) throws -> (lock: OutputLock, waited: Bool) {
        let command = (["tinyscale"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        var waited = false
        do {
            let lock = try pipeline.lock(command: command, wait: !noWait, cancellation: cancellation) { holder in
                waited = true
                Terminal.error("Waiting for \(holder?.description ?? "another tinyscale process") to finish with \(pipeline.outputFolder.path) (one run at a time per output folder; Ctrl-C stops waiting)…")
            }
            guard let lock else {
                Terminal.error("Stopped while waiting; nothing was run.")
                throw ExitCode(ExitStatus.interrupted)
            }
            return (lock, waited)
        } catch let error as OutputLockBusyError {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.temporaryFailure)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("\(pipeline.outputFolder.path): error: cannot lock the output folder: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}

/// Turns the first Ctrl-C into a clean stop and a second one into an immediate exit.
final class InterruptHandler {
    private let source: any DispatchSourceSignal

    init(cancellation: CancellationFlag) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if cancellation.isCancelled {
                Terminal.error("\nStopping now; the run in progress resumes from its last checkpoint.")
                exit(ExitStatus.interrupted)
            }
            cancellation.cancel()
            Terminal.error("\nStopping after the current step (Ctrl-C again to stop at once)…")
        }
        source.resume()
    }

    deinit {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
