// Shows a study's training progress on standard error: on a terminal, one line per active run and
// an overall bar (runs done / total, tokens/s, ETA) redrawn in place; otherwise plain lines every
// few seconds; with --quiet, nothing but the final summary.
import Foundation
import Studies
import Synchronization

final class ProgressDisplay: Sendable {
    enum Mode {
        case terminal
        case plain
        case quiet
    }

    private struct State {
        var total = 0
        var done = 0
        var active: [String: RunProgress] = [:]
        var started: [String: Date] = [:]
        var remainingFLOPs = 0.0
        var drawnLines = 0
        var lastDraw = Date.distantPast
    }

    private let mode: Mode
    private let flopsPerToken: [String: Double]
    private let runFLOPs: [String: Double]
    private let state = Mutex(State())

    /// - Parameter plan: the study's runs, for the ETA (work is measured in training FLOPs).
    init(mode: Mode, plan: [PlannedRun]) {
        self.mode = mode
        flopsPerToken = Dictionary(plan.map { ($0.hash, $0.flopsPerToken) }, uniquingKeysWith: { first, _ in first })
        runFLOPs = Dictionary(plan.map { ($0.hash, $0.trainingFLOPs) }, uniquingKeysWith: { first, _ in first })
    }

    func handle(_ event: RunnerEvent) {
        state.withLock { state in
            switch event {
            case .planned(let total, let alreadyDone, let jobs, let threads):
                state.total = total
                state.done = alreadyDone
                state.remainingFLOPs = runFLOPs.values.reduce(0, +)
                if mode != .quiet {
                    let reuse = alreadyDone > 0 ? ", \(alreadyDone) already in the store" : ""
                    write("\(total) runs\(reuse); \(jobs) at a time, \(threads) thread\(threads == 1 ? "" : "s") each", state: &state)
                }
            case .started(let run):
                state.started[run.hash] = Date()
                state.active[run.hash] = RunProgress(hash: run.hash, label: run.label, step: 0, steps: run.config.steps,
                                                     tokensPerSecond: 0, trainingLossNats: .nan)
            case .progress(let progress):
                state.active[progress.hash] = progress
                if mode == .terminal, Date().timeIntervalSince(state.lastDraw) > 0.2 {
                    redraw(&state)
                } else if mode == .plain, Date().timeIntervalSince(state.lastDraw) > 10 {
                    write(overall(state), state: &state)
                    state.lastDraw = Date()
                }
            case .warning(let run, let message):
                write("! \(run.label): \(message)", state: &state)
            case .finished(let run, let outcome, let seconds):
                state.active[run.hash] = nil
                state.done += 1
                state.remainingFLOPs -= runFLOPs[run.hash] ?? 0
                guard mode != .quiet else { return }
                let line: String
                switch outcome {
                case .complete(let summary):
                    line = "✓ \(run.label): \(String(format: "%.3f", summary.finalLossNats / log(2))) bits/byte in \(Self.duration(seconds))"
                case .diverged(let message):
                    line = "✗ \(run.label) diverged: \(message)"
                case .interrupted:
                    line = "‖ \(run.label) stopped; it resumes from its last checkpoint"
                }
                write(line, state: &state)
            }
        }
    }

    /// Prints `line` above the live block (terminal) or on its own (plain).
    private func write(_ line: String, state: inout State) {
        if mode == .terminal {
            clear(&state)
            Terminal.error(line)
            redraw(&state)
        } else {
            Terminal.error(line)
        }
    }

    private func clear(_ state: inout State) {
        if state.drawnLines > 0 {
            FileHandle.standardError.write(Data("\u{1B}[\(state.drawnLines)A\u{1B}[J".utf8))
            state.drawnLines = 0
        }
    }

    private func redraw(_ state: inout State) {
        clear(&state)
        var lines = state.active.values.sorted { $0.label < $1.label }.map { run in
            let loss = run.trainingLossNats.isFinite ? String(format: "%.3f bpb", run.trainingLossNats / log(2)) : "…"
            return "  \(run.label)  step \(run.step)/\(run.steps)  \(loss)  \(Self.rate(run.tokensPerSecond))"
        }
        lines.append(overall(state))
        // A wrapped line would break the cursor-up count of the next redraw.
        let width = Self.terminalWidth()
        lines = lines.map { $0.count < width ? $0 : String($0.prefix(width - 2)) + "…" }
        Terminal.error(lines.joined(separator: "\n"))
        state.drawnLines = lines.count
        state.lastDraw = Date()
    }

    private func overall(_ state: State) -> String {
        let width = 24
        let filled = state.total > 0 ? width * state.done / state.total : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let tokensPerSecond = state.active.values.map(\.tokensPerSecond).reduce(0, +)
        let flopsPerSecond = state.active.values.map { $0.tokensPerSecond * (flopsPerToken[$0.hash] ?? 0) }.reduce(0, +)
        let activeDone = state.active.values.map { run in
            (runFLOPs[run.hash] ?? 0) * Double(run.step) / Double(max(run.steps, 1))
        }.reduce(0, +)
        let eta = flopsPerSecond > 0 ? " · ETA \(Self.duration(max(0, state.remainingFLOPs - activeDone) / flopsPerSecond))" : ""
        return "[\(bar)] \(state.done)/\(state.total) runs · \(Self.rate(tokensPerSecond))\(eta)"
    }

    /// Columns of the terminal on standard error (80 when unknown).
    static func terminalWidth() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 80 }
        return Int(size.ws_col)
    }

    static func rate(_ tokensPerSecond: Double) -> String {
        tokensPerSecond >= 1000 ? String(format: "%.1fk tok/s", tokensPerSecond / 1000) : String(format: "%.0f tok/s", tokensPerSecond)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m"
    }
}
