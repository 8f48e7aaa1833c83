// `tinyscale run <spec>`: trains every run of a study that is not already in the store, then
// analyses and reports it. Ctrl-C stops after the current step; rerunning continues.
import ArgumentParser
import Foundation
import Studies

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a study: train what is missing, fit, judge and archive a report.",
        discussion: """
            Runs already complete in the store (output/tinyscale.sqlite) are reused, so rerunning \
            a finished study trains nothing, and rerunning an interrupted one continues where it \
            stopped. Press Ctrl-C once to stop cleanly after the current step.
            """)

    @Argument(help: "The study spec, e.g. studies/scaling-law.yaml.")
    var spec: String

    @Option(help: "Profile of the spec to run (default: full).")
    var profile: String?

    @Option(help: "Runs trained side by side (default: chosen from the model sizes and cores).")
    var jobs: Int?

    @Option(help: "Train every arm with seeds 0..<K instead of the spec's seeds.")
    var seeds: Int?

    @Option(help: "Archive folder holding the store, checkpoints and reports.")
    var output: String = "output"

    @Flag(help: "Print only the final summary.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
    }

    func run() throws {
        var study: StudySpec
        do {
            study = try SpecLoader.load(path: spec, profile: profile)
        } catch {
            guard let failure = ExitStatus.forSpecLoading(error) else { throw error }
            Terminal.error("\(error)")
            throw ExitCode(failure)
        }
        if let seeds { study.seeds = Array(0..<seeds) }

        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        let plan: [PlannedRun]
        do {
            plan = try pipeline.plan(study)
        } catch let error as StudyKindUnavailableError {
            Terminal.error("\(spec): error: \(error.description)")
            throw ExitCode(ExitStatus.unavailable)
        }
        let store = try pipeline.openStore()
        let parallelism = Parallelism.choose(for: study, cores: ProcessInfo.processInfo.activeProcessorCount, jobs: jobs)
        let mode: ProgressDisplay.Mode = quiet ? .quiet : (isatty(STDERR_FILENO) == 1 ? .terminal : .plain)
        let display = ProgressDisplay(mode: mode, plan: plan)
        let cancellation = CancellationFlag()
        let interrupt = InterruptHandler(cancellation: cancellation)
        if !quiet { Terminal.error("\(study.title) — \(study.summary)") }

        let result: RunnerResult
        do {
            try store.saveStudy(study)
            result = try pipeline.train(study, store: store, parallelism: parallelism, cancellation: cancellation) {
                display.handle($0)
            }
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        withExtendedLifetime(interrupt) {}
        if result.wasInterrupted || cancellation.isCancelled {
            Terminal.error("Stopped. Finished runs are in \(pipeline.storePath); run the same command again to continue.")
            throw ExitCode(ExitStatus.interrupted)
        }
        let diverged = result.diverged > 0 ? ", \(result.diverged) diverged" : ""
        if !quiet {
            Terminal.error("\(result.trained) runs trained, \(result.skipped) reused\(diverged). Fitting and writing the report…")
        }
        do {
            let archived = try pipeline.reporter(store: store, build: .current(threads: parallelism.threadsPerJob)).report(study)
            print(archived.folder.appendingPathComponent("report.html").path)
            if !quiet {
                Terminal.error("\(archived.summary.verdicts.count) verdicts, \(StudyPipeline.profileLine(archived.summary)): \(StudyPipeline.verdictLine(archived.summary)). PDF, data.csv and report.json are beside the HTML; the archive index is \(pipeline.outputFolder.appendingPathComponent("index.html").path).")
            }
        } catch {
            Terminal.error("error: the runs are saved, but the report failed: \(error)")
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
