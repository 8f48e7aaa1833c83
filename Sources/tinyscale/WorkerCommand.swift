// `tinyscale worker --task FILE` (hidden): what each Slurm array task runs. Trains the one run of
// a task description with the local training code and writes its result file into the shared
// output folder; SIGTERM (scancel, a time limit) stops it after the current step, resumably.
import ArgumentParser
import Foundation
import Studies
import Synchronization

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Train one run of a Slurm task description (run by `tinyscale run --executor slurm`).",
        discussion: """
            Exit status: 0 the run's result file is written (complete or diverged), 70 a failure, \
            143 stopped by SIGTERM (the next task resumes from the run's checkpoint).
            """,
        shouldDisplay: false)

    @Option(help: "The task description, output/slurm/tasks/<run hash>.json.")
    var task: String

    /// 128 + SIGTERM, as shells report a process ended by it.
    static let terminatedStatus: Int32 = 143

    func run() throws {
        let description: SlurmTask
        do {
            description = try SlurmTask.read(URL(fileURLWithPath: task))
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        let cancellation = CancellationFlag()
        signal(SIGTERM, SIG_IGN)
        let terminate = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        terminate.setEventHandler {
            Terminal.error("SIGTERM: stopping after the current step; the next task resumes from the checkpoint")
            cancellation.cancel()
        }
        terminate.resume()
        defer { terminate.cancel() }

        Terminal.error("tinyscale worker: run \(description.label) (\(description.hash)) of study \(description.study), \(description.threads) thread\(description.threads == 1 ? "" : "s")")
        let lastLine = LastLine()
        let outcome: RunOutcome
        do {
            outcome = try SlurmWorker(task: description).run(cancellation: cancellation, progress: { progress in
                guard lastLine.isDue() else { return }
                Terminal.error(String(format: "step %d/%d  training loss %.4f nats/byte  %.0f tok/s", progress.step, progress.steps,
                             progress.trainingLossNats, progress.tokensPerSecond))
            }, warning: { Terminal.error("warning: \($0)") })
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        switch outcome {
        case .complete(let summary):
            Terminal.error(String(format: "complete: final held-out loss %.6f nats/byte in %.1f s", summary.finalLossNats, summary.wallSeconds))
        case .diverged(let message):
            Terminal.error("diverged: \(message)")
        case .interrupted:
            Terminal.error("stopped; the next task resumes from the checkpoint")
            throw ExitCode(Self.terminatedStatus)
        }
    }
}

/// Lets a progress line through every ten seconds.
private final class LastLine: Sendable {
    private let printed = Mutex(Date.distantPast)

    func isDue() -> Bool {
        printed.withLock { last in
            guard Date().timeIntervalSince(last) >= 10 else { return false }
            last = Date()
            return true
        }
    }
}
