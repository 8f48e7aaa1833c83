// The submitting side of the Slurm executor: ingests result files into the run store, follows
// submitted array tasks with `squeue`, resubmits runs whose tasks ended without a result (up to a
// limit), and submits every missing run as job arrays, one per dependency wave, each waiting
// (`afterok`) for the arrays that train its runs' parents. Only this process opens the store.
import Foundation
import TinyGPT

/// How the coordinator submits: settings, the runs' thread count and the worker binary.
public struct SlurmSubmission: Sendable, Equatable {
    public var settings: SlurmSettings
    /// Threads per run, and so `--cpus-per-task`.
    public var threads: Int
    /// Steps between training-log entries (`training.log_every`).
    public var logEvery: Int
    /// The tinyscale binary on the compute nodes, absolute.
    public var workerBinary: String

    public init(settings: SlurmSettings, threads: Int, logEvery: Int, workerBinary: String) {
        self.settings = settings
        self.threads = max(1, threads)
        self.logEvery = logEvery
        self.workerBinary = workerBinary
    }
}

/// Where a study's runs stand on the cluster.
public struct SlurmCounts: Sendable, Equatable {
    public var total = 0
    /// Complete or diverged in the store.
    public var done = 0
    /// Submitted and waiting (or about to be submitted).
    public var queued = 0
    public var running = 0
    /// Out of attempts, or waiting for a parent that is.
    public var failed = 0

    public init(total: Int = 0, done: Int = 0, queued: Int = 0, running: Int = 0, failed: Int = 0) {
        self.total = total
        self.done = done
        self.queued = queued
        self.running = running
        self.failed = failed
    }

    /// Runs still in Slurm's hands.
    public var active: Int { queued + running }
}

/// A run that will not finish without the user's help.
public struct SlurmFailure: Sendable, Equatable, CustomStringConvertible {
    public var label: String
    public var hash: String
    /// Attempts that ended without a result.
    public var attempts: Int
    /// The Slurm log of the last attempt (nil for a run waiting on a failed parent).
    public var log: String?
    /// The failed parent a run waits for.
    public var failedParent: String?

    public var description: String {
        if let failedParent { return "\(label): not submitted, its parent run \(failedParent) failed" }
        return "\(label): \(attempts) attempt\(attempts == 1 ? "" : "s") ended without a result; see \(log ?? "its Slurm log")"
    }
}

/// What the coordinator reports while it works.
public enum SlurmEvent: Sendable {
    /// An array was submitted: job id, its runs, its wave (0-based) and the jobs it waits for.
    case submitted(jobID: String, runs: Int, wave: Int, dependencies: [String])
    /// A run's result was ingested into the store (or the run was marked diverged with its parent).
    case finished(PlannedRun, RunOutcome)
    /// A run's task ended without a result; `willRetry` tells whether it is submitted again.
    case failedAttempt(PlannedRun, attempt: Int, log: String, willRetry: Bool)
    case status(SlurmCounts)
}

/// How far one coordinator invocation got.
public struct SlurmReport: Sendable, Equatable {
    /// Runs ingested (`trained`), already finished (`skipped`), diverged.
    public var result: RunnerResult
    public var counts: SlurmCounts
    public var failures: [SlurmFailure]

    /// Nothing left in Slurm's hands: every run finished, or failed for good.
    public var isSettled: Bool { counts.active == 0 }
}

public struct SlurmCoordinator: Sendable {
    public let folders: SlurmFolders
    public let client: SlurmClient
    public let store: RunStore
    public let study: String
    public let submission: SlurmSubmission

    public init(folders: SlurmFolders, client: SlurmClient, store: RunStore, study: String, submission: SlurmSubmission) {
        self.folders = folders
        self.client = client
        self.store = store
        self.study = study
        self.submission = submission
    }

    /// Registers `plan` in the store (runs out of attempts in an earlier invocation get a fresh
    /// set), then polls every `pollInterval` seconds — ingesting, following
    /// and (re)submitting — until no run is left in Slurm's hands; with `wait` false, or once
    /// `cancellation` is set, it returns after the first poll (submitted jobs keep running).
    public func run(_ plan: [PlannedRun], wait: Bool, pollInterval: Double, cancellation: CancellationFlag,
                    events: @escaping @Sendable (SlurmEvent) -> Void) throws -> SlurmReport {
        try store.register(plan, study: study)
        var ledger = try SlurmLedger.read(folders.ledger)
        // Runs that used up their attempts in an earlier invocation get a fresh set in this one.
        ledger.failures = ledger.failures.filter { $0.value < submission.settings.maximumAttempts }
        var result = RunnerResult()
        for run in Set(plan.map(\.hash)) {
            if let status = try store.status(of: run), status == .complete || status == .diverged { result.skipped += 1 }
        }
        while true {
            let (counts, failures) = try poll(plan, ledger: &ledger, result: &result, events: events)
            events(.status(counts))
            if counts.active == 0 || !wait || cancellation.isCancelled {
                return SlurmReport(result: result, counts: counts, failures: failures)
            }
            let wake = Date().addingTimeInterval(pollInterval)
            while Date() < wake, !cancellation.isCancelled { Thread.sleep(forTimeInterval: 0.1) }
        }
    }

    /// One round: ingest result files, settle tasks that left the queue, withdraw tasks whose
    /// dependency failed, mark runs of diverged parents diverged, and submit what is missing.
    func poll(_ plan: [PlannedRun], ledger: inout SlurmLedger, result: inout RunnerResult,
              events: @escaping @Sendable (SlurmEvent) -> Void) throws -> (SlurmCounts, [SlurmFailure]) {
        let ordered = DependencyWaves.waves(of: plan).flatMap { $0 }
        let byHash = Dictionary(ordered.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
        var done: [String: RunStatus] = [:]
        for run in ordered {
            if let status = try store.status(of: run.hash), status == .complete || status == .diverged { done[run.hash] = status }
        }
        /// Ingests the result file of `hash` if there is one.
        func ingestIfPresent(_ hash: String) throws -> Bool {
            guard let record = try SlurmRunRecord.read(folders.resultFile(hash)), record.hash == hash else { return false }
            let outcome = record.outcome
            guard outcome != .interrupted else { return false }
            try ingest(record)
            done[hash] = record.summary != nil ? .complete : .diverged
            if let run = byHash[hash] {
                if record.summary != nil { result.trained += 1 } else { result.diverged += 1 }
                events(.finished(run, outcome))
            }
            return true
        }
        for run in ordered where done[run.hash] == nil { _ = try ingestIfPresent(run.hash) }

        let queue = ledger.openTasks.isEmpty ? [:] : try client.queue()
        var activeJob: [String: String] = [:]
        var running: Set<String> = []
        var stuck: [String] = []
        for (taskID, hash) in ledger.openTasks.sorted(by: { $0.key < $1.key }) {
            if done[hash] != nil {
                ledger.openTasks[taskID] = nil
            } else if let entry = queue[taskID] {
                if entry.isStuck {
                    stuck.append(taskID)
                    ledger.openTasks[taskID] = nil
                } else {
                    activeJob[hash] = SlurmLedger.jobID(ofTask: taskID)
                    if entry.isRunning { running.insert(hash) }
                }
            } else {
                ledger.openTasks[taskID] = nil
                // It may have written its result between the reads above and `squeue`.
                if try ingestIfPresent(hash) { continue }
                let attempts = (ledger.failures[hash] ?? 0) + 1
                let log = folders.logFile(jobID: SlurmLedger.jobID(ofTask: taskID), index: SlurmLedger.index(ofTask: taskID)).path
                ledger.failures[hash] = attempts
                ledger.failureLogs[hash] = log
                if let run = byHash[hash] {
                    events(.failedAttempt(run, attempt: attempts, log: log, willRetry: attempts < submission.settings.maximumAttempts))
                }
            }
        }
        try client.cancel(stuck)

        var toSubmit: [PlannedRun] = []
        var failures: [SlurmFailure] = []
        for run in ordered where done[run.hash] == nil && activeJob[run.hash] == nil {
            let parent = run.config.parent?.hash
            if let parent, done[parent] == .diverged {
                let message = "its parent run \(parent) diverged"
                try store.markDiverged(run.hash, message: message)
                done[run.hash] = .diverged
                result.diverged += 1
                events(.finished(run, .diverged(message)))
                continue
            }
            let attempts = ledger.failures[run.hash] ?? 0
            if attempts >= submission.settings.maximumAttempts {
                failures.append(SlurmFailure(label: run.label, hash: run.hash, attempts: attempts,
                                             log: ledger.failureLogs[run.hash], failedParent: nil))
                continue
            }
            if let parent, let parentRun = byHash[parent], done[parent] == nil, activeJob[parent] == nil,
               !toSubmit.contains(where: { $0.hash == parent }) {
                failures.append(SlurmFailure(label: run.label, hash: run.hash, attempts: attempts, log: nil,
                                             failedParent: parentRun.label))
                continue
            }
            toSubmit.append(run)
        }
        try submit(toSubmit, activeJob: activeJob, ledger: &ledger, events: events)
        try ledger.write(to: folders.ledger)

        let counts = SlurmCounts(total: ordered.count, done: done.count, queued: activeJob.count - running.count + toSubmit.count,
                                 running: running.count, failed: failures.count)
        return (counts, failures)
    }

    /// Submits `runs` as arrays, one per dependency wave (split at Slurm's array size limit), each
    /// waiting for the jobs that train its runs' parents; records every task in the ledger.
    private func submit(_ runs: [PlannedRun], activeJob: [String: String], ledger: inout SlurmLedger,
                        events: @escaping @Sendable (SlurmEvent) -> Void) throws {
        guard !runs.isEmpty else { return }
        try folders.create()
        var jobOf = activeJob
        let stamp = UUID().uuidString.prefix(8).lowercased()
        let waves = DependencyWaves.waves(of: runs)
        for (wave, waveRuns) in waves.enumerated() {
            let chunks = stride(from: 0, to: waveRuns.count, by: BatchScript.maximumArraySize).map {
                Array(waveRuns[$0..<min($0 + BatchScript.maximumArraySize, waveRuns.count)])
            }
            for (part, chunk) in chunks.enumerated() {
                for run in chunk {
                    try SlurmTask(study: study, run: run, threads: submission.threads, logEvery: submission.logEvery,
                                  outputFolder: folders.outputFolder).write(to: folders.taskFile(run.hash))
                }
                let dependencies = Set(chunk.compactMap { $0.config.parent.flatMap { jobOf[$0.hash] } }).sorted()
                let script = BatchScript(
                    jobName: "tinyscale-\(study)", taskFiles: chunk.map { folders.taskFile($0.hash).path },
                    cpusPerTask: submission.threads, logPattern: folders.logPattern, settings: submission.settings,
                    dependencies: dependencies, workerBinary: submission.workerBinary,
                    description: "TinyScale study \(study): wave \(wave + 1) of \(waves.count), \(chunk.count) runs")
                let scriptFile = folders.scripts.appendingPathComponent("\(study)-\(stamp)-wave\(wave + 1)-\(part + 1).sh")
                try AtomicFileWriter.write(Data(script.text.utf8), to: scriptFile)
                let jobID = try client.submit(arguments: script.sbatchArguments(scriptPath: scriptFile.path))
                for (index, run) in chunk.enumerated() {
                    ledger.openTasks["\(jobID)_\(index)"] = run.hash
                    jobOf[run.hash] = jobID
                }
                try ledger.write(to: folders.ledger)
                events(.submitted(jobID: jobID, runs: chunk.count, wave: wave, dependencies: dependencies))
            }
        }
    }

    /// Puts a finished run's record into the store: its measurements, then its outcome last, so an
    /// interruption in between leaves the run unfinished and the next poll ingests it again.
    func ingest(_ record: SlurmRunRecord) throws {
        try store.discardMetrics(after: -1, for: record.hash)
        for point in record.metrics { try store.record(point, for: record.hash) }
        try store.record(record.trainingLog, for: record.hash)
        switch record.outcome {
        case .complete(let summary): try store.complete(record.hash, summary: summary)
        case .diverged(let message): try store.markDiverged(record.hash, message: message)
        case .interrupted: break
        }
    }
}
