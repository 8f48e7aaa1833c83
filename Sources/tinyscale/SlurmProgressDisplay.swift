// Shows a study's progress on a Slurm cluster on standard error: submitted arrays, finished and
// failed runs, and a status line (queued / running / done / failed) redrawn in place on a
// terminal, printed when it changes otherwise; with --quiet, nothing.
import Foundation
import Studies
import Synchronization

final class SlurmProgressDisplay: Sendable {
    private struct State {
        var statusLine = ""
        var statusShown = false
    }

    private let mode: ProgressDisplay.Mode
    private let maximumAttempts: Int
    private let state = Mutex(State())

    init(mode: ProgressDisplay.Mode, maximumAttempts: Int) {
        self.mode = mode
        self.maximumAttempts = maximumAttempts
    }

    func handle(_ event: SlurmEvent) {
        guard mode != .quiet else { return }
        state.withLock { state in
            switch event {
            case .submitted(let jobID, let runs, let wave, let dependencies):
                let after = dependencies.isEmpty ? "" : ", after job\(dependencies.count == 1 ? "" : "s") \(dependencies.joined(separator: ", "))"
                write("Submitted job \(jobID): \(runs) run\(runs == 1 ? "" : "s") (wave \(wave + 1)\(after))", state: &state)
            case .finished(let run, .complete(let summary)):
                write("✓ \(run.label): \(String(format: "%.3f", summary.finalLossNats / log(2))) bits/byte", state: &state)
            case .finished(let run, .diverged(let message)):
                write("✗ \(run.label) diverged: \(message)", state: &state)
            case .finished(let run, .interrupted):
                write("‖ \(run.label) stopped", state: &state)
            case .failedAttempt(let run, let attempt, let log, let willRetry):
                let next = willRetry ? "submitting it again" : "no attempts left"
                write("✗ \(run.label): its task ended without a result (attempt \(attempt) of \(maximumAttempts); log \(log)); \(next)",
                      state: &state)
            case .status(let counts):
                let line = "Slurm: \(counts.queued) queued · \(counts.running) running · \(counts.done)/\(counts.total) done"
                    + (counts.failed > 0 ? " · \(counts.failed) failed" : "")
                guard line != state.statusLine || (mode == .terminal && !state.statusShown) else { return }
                state.statusLine = line
                if mode == .terminal {
                    clearStatus(&state)
                    showStatus(&state)
                } else {
                    Terminal.error(line)
                }
            }
        }
    }

    /// Ends the status line, so what follows starts on a line of its own.
    func finish() {
        state.withLock { state in
            guard state.statusShown else { return }
            FileHandle.standardError.write(Data("\n".utf8))
            state.statusShown = false
        }
    }

    /// Prints `line` above the status line (terminal) or on its own (plain).
    private func write(_ line: String, state: inout State) {
        clearStatus(&state)
        Terminal.error(line)
        showStatus(&state)
    }

    private func clearStatus(_ state: inout State) {
        guard mode == .terminal, state.statusShown else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        state.statusShown = false
    }

    private func showStatus(_ state: inout State) {
        guard mode == .terminal, !state.statusLine.isEmpty else { return }
        FileHandle.standardError.write(Data(state.statusLine.utf8))
        state.statusShown = true
    }
}
