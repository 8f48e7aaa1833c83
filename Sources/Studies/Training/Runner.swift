// Executes a study's planned runs: skips runs already complete in the store, orders branches after
// their parents, runs several side by side, records outcomes, and stops cleanly when cancelled.
import Foundation
import Synchronization

/// Set from a signal handler or another thread; training checks it between steps.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// How one run ended.
public enum RunOutcome: Sendable, Equatable {
    case complete(RunSummary)
    /// Loss became NaN or exploded; the message says when and how.
    case diverged(String)
    /// Cancelled; its last checkpoint lets the next invocation resume it.
    case interrupted
}

/// Progress of the run in flight.
public struct RunProgress: Sendable, Equatable {
    public var hash: String
    public var label: String
    public var step: Int
    public var steps: Int
    public var tokensPerSecond: Double
    /// Latest training loss, nats per byte.
    public var trainingLossNats: Double

    public init(hash: String, label: String, step: Int, steps: Int, tokensPerSecond: Double, trainingLossNats: Double) {
        self.hash = hash
        self.label = label
        self.step = step
        self.steps = steps
        self.tokensPerSecond = tokensPerSecond
        self.trainingLossNats = trainingLossNats
    }
}

/// What an executor gets besides the run itself.
public struct RunContext: Sendable {
    public var store: RunStore
    /// Root of the per-run checkpoint folders.
    public var checkpointRoot: URL
    /// Threads this run may use.
    public var threads: Int
    public var cancellation: CancellationFlag
    public var progress: @Sendable (RunProgress) -> Void
    /// A problem the run recovered from, for the user (e.g. a damaged resume checkpoint).
    public var warning: @Sendable (PlannedRun, String) -> Void = { _, _ in }

    /// The checkpoint folder of run `hash` (this run's own, or a parent's).
    public func checkpointFolder(for hash: String) -> URL {
        checkpointRoot.appendingPathComponent(hash, isDirectory: true)
    }
}

/// Trains one run, recording its metrics in the store as it goes.
public protocol RunExecutor: Sendable {
    func execute(_ run: PlannedRun, context: RunContext) throws -> RunOutcome
}

/// What the runner reports while it works.
public enum RunnerEvent: Sendable {
    case planned(total: Int, alreadyDone: Int, jobs: Int, threadsPerJob: Int)
    case started(PlannedRun)
    case progress(RunProgress)
    case finished(PlannedRun, RunOutcome, wallSeconds: Double)
    /// The run recovered from a problem the user should know about, e.g. it restarted because
    /// its resume checkpoint was damaged.
    case warning(PlannedRun, String)
}

/// Counts of one runner invocation.
public struct RunnerResult: Sendable, Equatable {
    public var trained = 0
    /// Complete (or diverged) in the store before this invocation.
    public var skipped = 0
    public var diverged = 0
    public var interrupted = 0

    public var wasInterrupted: Bool { interrupted > 0 }
}

/// The counts of a study trained in stages: each stage's runner call sees the runs of earlier
/// stages as already finished, so only the runs that were finished before the first stage count
/// as skipped.
struct StagedRunnerTotal {
    private(set) var result = RunnerResult()
    private var finishedByEarlierStages = 0

    mutating func add(_ stage: RunnerResult) {
        result.trained += stage.trained
        result.diverged += stage.diverged
        result.interrupted += stage.interrupted
        result.skipped = max(0, stage.skipped - finishedByEarlierStages)
        finishedByEarlierStages += stage.trained + stage.diverged
    }
}

public struct Runner: Sendable {
    public var store: RunStore
    public var executor: any RunExecutor
    public var checkpointRoot: URL
    /// Runs trained side by side.
    public var jobs: Int
    /// Threads each run may use.
    public var threadsPerJob: Int

    public init(store: RunStore, executor: any RunExecutor, checkpointRoot: URL, jobs: Int, threadsPerJob: Int) {
        self.store = store
        self.executor = executor
        self.checkpointRoot = checkpointRoot
        self.jobs = max(1, jobs)
        self.threadsPerJob = max(1, threadsPerJob)
    }

    /// Trains every run of `plan` not yet finished in the store. A run starts only after its
    /// parent is complete; a run whose parent diverged is marked diverged too. The first error
    /// thrown by the executor cancels the others and is rethrown once they stop.
    public func run(_ plan: [PlannedRun], study: String, cancellation: CancellationFlag,
                    events: @escaping @Sendable (RunnerEvent) -> Void) throws -> RunnerResult {
        try store.register(plan, study: study)
        var seen: Set<String> = []
        let unique = plan.filter { seen.insert($0.hash).inserted }
        var done: [String: RunStatus] = [:]
        for run in unique {
            if let status = try store.status(of: run.hash), status == .complete || status == .diverged {
                done[run.hash] = status
            }
        }
        let todo = unique.filter { done[$0.hash] == nil }
        events(.planned(total: unique.count, alreadyDone: done.count, jobs: jobs, threadsPerJob: threadsPerJob))

        let queue = RunQueue(todo: todo, finished: done)
        let context = RunContext(store: store, checkpointRoot: checkpointRoot, threads: threadsPerJob,
                                 cancellation: cancellation, progress: { events(.progress($0)) },
                                 warning: { events(.warning($0, $1)) })
        let workers = min(jobs, max(1, todo.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let next = queue.next(cancellation: cancellation) {
                switch next {
                case .train(let run):
                    events(.started(run))
                    let start = Date()
                    do {
                        try store.markRunning(run.hash)
                        let outcome = try executor.execute(run, context: context)
                        switch outcome {
                        case .complete(let summary): try store.complete(run.hash, summary: summary)
                        case .diverged(let message): try store.markDiverged(run.hash, message: message)
                        case .interrupted: try store.markInterrupted(run.hash)
                        }
                        queue.finish(run, outcome: outcome)
                        events(.finished(run, outcome, wallSeconds: Date().timeIntervalSince(start)))
                    } catch {
                        try? store.markInterrupted(run.hash)
                        queue.fail(run, error: error)
                        cancellation.cancel()
                    }
                case .orphan(let run, let parent):
                    let message = "its parent run \(parent) diverged"
                    try? store.markDiverged(run.hash, message: message)
                    queue.finish(run, outcome: .diverged(message))
                    events(.finished(run, .diverged(message), wallSeconds: 0))
                }
            }
        }
        if let error = queue.firstError { throw error }
        var result = queue.result
        result.skipped = done.count
        return result
    }
}

/// The work list shared by the runner's workers, guarded by a condition variable.
private final class RunQueue: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    enum Next {
        case train(PlannedRun)
        case orphan(PlannedRun, parent: String)
    }

    private let condition = NSCondition()
    private var pending: [PlannedRun]
    private var finished: [String: RunStatus]
    private var inFlight: Set<String> = []
    private(set) var result = RunnerResult()
    private(set) var firstError: (any Error)?

    init(todo: [PlannedRun], finished: [String: RunStatus]) {
        self.pending = todo
        self.finished = finished
    }

    /// The next run whose parent is finished; waits while only blocked runs remain and others are
    /// in flight; nil when nothing is left or the study was cancelled.
    func next(cancellation: CancellationFlag) -> Next? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if cancellation.isCancelled || firstError != nil || pending.isEmpty { return nil }
            if let index = pending.firstIndex(where: { isReady($0) }) {
                let run = pending.remove(at: index)
                inFlight.insert(run.hash)
                if let parent = run.config.parent?.hash, finished[parent] == .diverged {
                    return .orphan(run, parent: parent)
                }
                return .train(run)
            }
            if inFlight.isEmpty { return nil }
            condition.wait()
        }
    }

    private func isReady(_ run: PlannedRun) -> Bool {
        guard let parent = run.config.parent?.hash else { return true }
        if finished[parent] != nil { return true }
        // A parent outside the plan cannot be waited for: the executor reports it missing.
        return !inFlight.contains(parent) && !pending.contains { $0.hash == parent }
    }

    func finish(_ run: PlannedRun, outcome: RunOutcome) {
        condition.lock()
        defer { condition.broadcast(); condition.unlock() }
        inFlight.remove(run.hash)
        switch outcome {
        case .complete:
            finished[run.hash] = .complete
            result.trained += 1
        case .diverged:
            finished[run.hash] = .diverged
            result.diverged += 1
        case .interrupted:
            result.interrupted += 1
        }
    }

    func fail(_ run: PlannedRun, error: any Error) {
        condition.lock()
        defer { condition.broadcast(); condition.unlock() }
        inFlight.remove(run.hash)
        if firstError == nil { firstError = error }
    }
}
