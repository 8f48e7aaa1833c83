// The Slurm executor without a cluster: batch scripts, dependency waves, the spec's `slurm:`
// section, task descriptions, and the coordinator driving a fake `sbatch`/`squeue`/`scancel` that
// runs each task's worker in this process — whose results match local training bit for bit, also
// when a task is cancelled mid-run and submitted again.
import Foundation
import Synchronization
import Testing
@testable import Studies

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-slurm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// Final loss, every held-out measurement and every training-log loss of each run, by hash.
private func results(_ store: RunStore, study: String) throws -> [String: [Double]] {
    var byHash: [String: [Double]] = [:]
    for run in try store.runs(study: study) {
        byHash[run.hash] = try [run.summary?.finalLossNats ?? .nan] + store.metrics(for: run.hash).map(\.lossNats)
            + store.trainingLog(for: run.hash).map(\.lossNats)
    }
    return byHash
}

/// A one-node cluster inside the test: `sbatch` queues the script's array tasks, `squeue` first
/// runs every task whose dependencies succeeded (through `execute`) and then lists what is left,
/// `scancel` removes tasks. `execute` returns whether the task succeeded.
private final class FakeCluster: CommandRunning, Sendable {
    struct QueuedTask {
        var id: String
        var taskFile: String
        var dependencies: [String]
    }

    struct State {
        var nextJob = 100
        var queue: [QueuedTask] = []
        /// Job id → whether every task of it that ran succeeded.
        var jobSucceeded: [String: Bool] = [:]
        var scripts: [String] = []
        var cancelled: [String] = []
        /// Tasks listed by `squeue` with this state and reason instead of being run.
        var held: [String: SlurmQueueEntry] = [:]
    }

    let state = Mutex(State())
    let execute: @Sendable (String) -> Bool

    init(execute: @escaping @Sendable (String) -> Bool) {
        self.execute = execute
    }

    func run(_ command: String, arguments: [String]) throws -> CommandResult {
        switch command {
        case "sbatch": return try submit(scriptPath: arguments.last ?? "")
        case "squeue": return CommandResult(status: 0, output: runReadyTasks(), errorOutput: "")
        case "scancel":
            state.withLock { state in
                state.cancelled += arguments
                state.queue.removeAll { arguments.contains($0.id) }
            }
            return CommandResult(status: 0, output: "", errorOutput: "")
        default: throw SlurmError.commandNotFound(command)
        }
    }

    private func submit(scriptPath: String) throws -> CommandResult {
        let script = try String(contentsOfFile: scriptPath, encoding: .utf8)
        let lines = script.split(separator: "\n").map(String.init)
        let taskFiles = (lines.first { $0.hasPrefix("set -- ") } ?? "").dropFirst("set -- ".count)
            .split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
        let dependencies = lines.first { $0.hasPrefix("#SBATCH --dependency=afterok:") }
            .map { $0.dropFirst("#SBATCH --dependency=afterok:".count).split(separator: ":").map(String.init) } ?? []
        let jobID = state.withLock { state in
            let jobID = String(state.nextJob)
            state.nextJob += 1
            state.scripts.append(script)
            for (index, file) in taskFiles.enumerated() {
                state.queue.append(QueuedTask(id: "\(jobID)_\(index)", taskFile: file, dependencies: dependencies))
            }
            return jobID
        }
        return CommandResult(status: 0, output: "\(jobID)\n", errorOutput: "")
    }

    /// Runs the ready tasks in submission order until none is ready; returns `squeue`'s listing.
    private func runReadyTasks() -> String {
        while let task = state.withLock({ state in state.queue.first { isReady($0, state) && state.held[$0.id] == nil } }) {
            let succeeded = execute(task.taskFile)
            state.withLock { state in
                state.queue.removeAll { $0.id == task.id }
                let jobID = SlurmLedger.jobID(ofTask: task.id)
                state.jobSucceeded[jobID] = (state.jobSucceeded[jobID] ?? true) && succeeded
            }
        }
        return state.withLock { state in
            state.queue.map { task in
                if let held = state.held[task.id] { return "\(task.id)|\(held.state)|\(held.reason)" }
                let failed = task.dependencies.contains { state.jobSucceeded[$0] == false }
                return "\(task.id)|PENDING|\(failed ? "DependencyNeverSatisfied" : "Dependency")"
            }.joined(separator: "\n")
        }
    }

    private func isReady(_ task: QueuedTask, _ state: State) -> Bool {
        task.dependencies.allSatisfy { job in
            state.jobSucceeded[job] == true && !state.queue.contains { SlurmLedger.jobID(ofTask: $0.id) == job }
        }
    }
}

private func coordinator(_ folder: URL, store: RunStore, cluster: FakeCluster, study: String,
                         maximumAttempts: Int = 3) -> SlurmCoordinator {
    SlurmCoordinator(folders: SlurmFolders(outputFolder: folder), client: SlurmClient(runner: cluster), store: store,
                     study: study, submission: SlurmSubmission(settings: SlurmSettings(maximumAttempts: maximumAttempts),
                                                               threads: 1, logEvery: 10, workerBinary: "/opt/tinyscale"))
}

@Test func batchScriptSubmitsOneArrayOfWorkers() {
    let script = BatchScript(
        jobName: "tinyscale-demo", taskFiles: ["/shared/out/slurm/tasks/a.json", "/shared/out/slurm/tasks/b's.json"],
        cpusPerTask: 4, logPattern: "/shared/out/slurm/logs/%A_%a.out",
        settings: SlurmSettings(partition: "cpu", timeLimit: "2:00:00", account: "lab", sbatchOptions: ["--qos=short", "--mem=4G"]),
        dependencies: ["41", "42"], workerBinary: "/opt/tinyscale", description: "TinyScale study demo: wave 2 of 2, 2 runs")
    #expect(script.text == """
        #!/bin/sh
        # TinyScale study demo: wave 2 of 2, 2 runs
        #SBATCH --job-name=tinyscale-demo
        #SBATCH --array=0-1
        #SBATCH --cpus-per-task=4
        #SBATCH --output=/shared/out/slurm/logs/%A_%a.out
        #SBATCH --partition=cpu
        #SBATCH --time=2:00:00
        #SBATCH --account=lab
        #SBATCH --dependency=afterok:41:42
        set -- '/shared/out/slurm/tasks/a.json' '/shared/out/slurm/tasks/b'\\''s.json'
        shift "$SLURM_ARRAY_TASK_ID"
        exec '/opt/tinyscale' worker --task "$1"

        """)
    #expect(script.sbatchArguments(scriptPath: "/s.sh") == ["--parsable", "--qos=short", "--mem=4G", "/s.sh"])
}

@Test func dependencyWavesPutBranchesAfterTheirTrunks() throws {
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    let plan = try StudyPipeline.definition(of: spec).plan(spec)
    let waves = DependencyWaves.waves(of: plan)
    #expect(waves.count == 2)
    #expect(waves.map(\.count).reduce(0, +) == Set(plan.map(\.hash)).count)
    #expect(waves[0].allSatisfy { $0.config.parent == nil })
    let first = Set(waves[0].map(\.hash))
    #expect(!waves[1].isEmpty)
    #expect(waves[1].allSatisfy { run in run.config.parent.map { first.contains($0.hash) } == true })
}

@Test func slurmSectionIsReadAndCheckedLikeTheRestOfTheSpec() throws {
    let base = tinyStudy + "\n"
    let spec = try SpecLoader.parse(yaml: base + """
        slurm: {partition: cpu, time: "1:00:00", account: lab, sbatch_options: [--qos=short], max_attempts: 2}
        """, file: "tiny.yaml")
    #expect(spec.slurm == SlurmSettings(partition: "cpu", timeLimit: "1:00:00", account: "lab", sbatchOptions: ["--qos=short"],
                                        maximumAttempts: 2))
    #expect(spec.slurm.overridden(by: SlurmOverrides(partition: "gpu", maximumAttempts: 5))
        == SlurmSettings(partition: "gpu", timeLimit: "1:00:00", account: "lab", sbatchOptions: ["--qos=short"], maximumAttempts: 5))
    #expect(try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml").slurm == SlurmSettings())

    #expect(throws: SpecValidationError.self) {
        try SpecLoader.parse(yaml: base + "slurm: {sbatch_options: [--array=0-3]}", file: "tiny.yaml")
    }
    do {
        _ = try SpecLoader.parse(yaml: base + "slurm: {partiton: cpu, max_attempts: 0, sbatch_options: [qos]}", file: "tiny.yaml")
        Issue.record("an invalid slurm section was accepted")
    } catch let error as SpecValidationError {
        let messages = error.issues.map(\.description).joined(separator: "\n")
        #expect(messages.contains("slurm.partiton: unknown key 'partiton'; did you mean 'partition'?"))
        #expect(messages.contains("slurm.max_attempts: found 0, expected a whole number ≥ 1"))
        #expect(messages.contains("slurm.sbatch_options[0]: found 'qos', expected an sbatch option starting with '-'"))
    }
}

@Test func taskDescriptionRoundTripsAndRefusesAnotherVersionsRun() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    let run = try #require(try StudyPipeline.definition(of: spec).plan(spec).first { $0.config.parent != nil })
    let task = SlurmTask(study: "tiny", run: run, threads: 2, logEvery: 5, outputFolder: folder)
    let file = folder.appendingPathComponent("task.json")
    try task.write(to: file)
    let read = try SlurmTask.read(file)
    #expect(read == task)
    #expect(read.plannedRun == run)

    var other = task
    other.config.steps += 1
    try other.write(to: file)
    #expect(throws: SlurmTaskError.hashMismatch(path: file.path, expected: task.hash, actual: other.config.hash)) {
        try SlurmTask.read(file)
    }
    try Data("{}".utf8).write(to: file)
    #expect(throws: SlurmTaskError.self) { try SlurmTask.read(file) }
}

@Test func coordinatorSubmitsOneArrayPerWaveLinkedByAfterok() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    let plan = try StudyPipeline.definition(of: spec).plan(spec)
    let cluster = FakeCluster { _ in Issue.record("no task should run"); return false }
    cluster.state.withLock { state in state.held = Dictionary(uniqueKeysWithValues: (0..<20).flatMap { index in
        ["100_\(index)", "101_\(index)"].map { ($0, SlurmQueueEntry(state: "PENDING", reason: "Priority")) }
    }) }
    let store = try RunStore()
    let report = try coordinator(folder, store: store, cluster: cluster, study: "tiny")
        .run(plan, wait: false, pollInterval: 1, cancellation: CancellationFlag()) { _ in }
    let waves = DependencyWaves.waves(of: plan)
    #expect(report.counts == SlurmCounts(total: waves[0].count + waves[1].count, queued: waves[0].count + waves[1].count))
    let scripts = cluster.state.withLock { $0.scripts }
    #expect(scripts.count == 2)
    #expect(scripts[0].contains("#SBATCH --array=0-\(waves[0].count - 1)\n"))
    #expect(!scripts[0].contains("--dependency"))
    #expect(scripts[1].contains("#SBATCH --array=0-\(waves[1].count - 1)\n#SBATCH --cpus-per-task=1\n"))
    #expect(scripts[1].contains("#SBATCH --dependency=afterok:100\n"))
    for run in plan {
        #expect(try SlurmTask.read(SlurmFolders(outputFolder: folder).taskFile(run.hash)).plannedRun == run)
    }
    // A second look submits nothing more while the tasks wait in the queue.
    _ = try coordinator(folder, store: store, cluster: cluster, study: "tiny")
        .run(plan, wait: false, pollInterval: 1, cancellation: CancellationFlag()) { _ in }
    #expect(cluster.state.withLock { $0.scripts.count } == 2)
}

@Test func failedTasksAreSubmittedAgainUpToTheLimitThenReportedWithTheirLog() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    let plan = try StudyPipeline.definition(of: spec).plan(spec)
    let failures = Mutex(0)
    let cluster = FakeCluster { _ in failures.withLock { $0 += 1 }; return false }
    let store = try RunStore()
    let events = Mutex<[String]>([])
    let report = try coordinator(folder, store: store, cluster: cluster, study: "tiny", maximumAttempts: 2)
        .run(plan, wait: true, pollInterval: 0.01, cancellation: CancellationFlag()) { event in
            if case .failedAttempt(let run, let attempt, _, let willRetry) = event {
                events.withLock { $0.append("\(run.label) \(attempt) \(willRetry)") }
            }
        }
    let waves = DependencyWaves.waves(of: plan)
    #expect(report.isSettled)
    #expect(report.counts.failed == Set(plan.map(\.hash)).count)
    #expect(failures.withLock { $0 } == 2 * waves[0].count)
    let trunk = waves[0][0]
    let failure = try #require(report.failures.first { $0.hash == trunk.hash })
    #expect(failure.attempts == 2)
    #expect(failure.log?.hasPrefix(folder.standardizedFileURL.path + "/slurm/logs/") == true)
    #expect(failure.log?.hasSuffix(".out") == true)
    #expect(events.withLock { $0 }.contains("\(trunk.label) 2 false"))
    // Branches were withdrawn when their trunk's array failed, and never counted as attempts.
    #expect(!cluster.state.withLock { $0.cancelled }.isEmpty)
    #expect(report.failures.filter { $0.failedParent != nil }.count == waves[1].count)
}

@Test func slurmResultsMatchLocalTrainingBitForBitAfterACancelledTask() throws {
    let local = try temporaryFolder(), shared = try temporaryFolder()
    defer {
        try? FileManager.default.removeItem(at: local)
        try? FileManager.default.removeItem(at: shared)
    }
    let spec = try SpecLoader.parse(yaml: tinyStudy, file: "tiny.yaml")
    let localPipeline = StudyPipeline(outputFolder: local)
    let localStore = try localPipeline.openStore()
    _ = try localPipeline.train(spec, store: localStore, parallelism: Parallelism(jobs: 1, threadsPerJob: 1),
                                cancellation: CancellationFlag()) { _ in }

    let plan = try StudyPipeline.definition(of: spec).plan(spec)
    let trunk = try #require(plan.first { run in plan.contains { $0.config.parent?.hash == run.hash } })
    let cancelledOnce = Atomic<Bool>(false)
    let cluster = FakeCluster { taskFile in
        do {
            let worker = SlurmWorker(task: try SlurmTask.read(URL(fileURLWithPath: taskFile)))
            let cancellation = CancellationFlag()
            // The trunk's first task is cancelled mid-run, as `scancel` would (SIGTERM).
            let cancelThis = worker.task.hash == trunk.hash && !cancelledOnce.exchange(true, ordering: .relaxed)
            let outcome = try worker.run(cancellation: cancellation, progress: { progress in
                if cancelThis, progress.step >= 1 { cancellation.cancel() }
            }, warning: { _ in })
            return outcome != .interrupted
        } catch {
            Issue.record("worker failed: \(error)")
            return false
        }
    }
    let pipeline = StudyPipeline(outputFolder: shared)
    let store = try pipeline.openStore()
    let report = try pipeline.trainOnSlurm(
        spec, store: store, submission: SlurmSubmission(settings: SlurmSettings(), threads: 1, logEvery: spec.training.logEvery,
                                                        workerBinary: "/opt/tinyscale"),
        client: SlurmClient(runner: cluster), wait: true, pollInterval: 0.01, cancellation: CancellationFlag()) { _ in }
    #expect(report.isSettled)
    #expect(report.failures.isEmpty)
    #expect(report.result.trained == Set(plan.map(\.hash)).count)
    let wasCancelled = cancelledOnce.load(ordering: .relaxed)
    #expect(wasCancelled)
    let expected = try results(localStore, study: spec.name)
    #expect(expected.count == Set(plan.map(\.hash)).count)
    #expect(try results(store, study: spec.name) == expected)
    #expect(FileManager.default.fileExists(atPath: SlurmFolders(outputFolder: shared).partialFile(trunk.hash).path) == false)
}

/// Answers every command with one fixed result and remembers the calls.
private final class CannedCommands: CommandRunning, Sendable {
    let result: CommandResult
    let calls = Mutex<[[String]]>([])

    init(status: Int32 = 0, output: String, errorOutput: String = "") {
        result = CommandResult(status: status, output: output, errorOutput: errorOutput)
    }

    func run(_ command: String, arguments: [String]) throws -> CommandResult {
        calls.withLock { $0.append([command] + arguments) }
        return result
    }
}

@Test func slurmClientReadsSbatchAndSqueueAndQuotesTheirErrors() throws {
    #expect(try SlurmClient(runner: CannedCommands(output: "4242;cluster-a\n")).submit(arguments: ["--parsable", "/s.sh"]) == "4242")
    #expect(throws: SlurmError.unexpectedOutput(command: "sbatch", output: "Submitted batch job 7\n")) {
        try SlurmClient(runner: CannedCommands(output: "Submitted batch job 7\n")).submit(arguments: ["/s.sh"])
    }

    let squeue = CannedCommands(output: "12_0|RUNNING|None\n12_1|PENDING|Resources\n13_0|PENDING|DependencyNeverSatisfied\n")
    let queue = try SlurmClient(runner: squeue).queue()
    #expect(squeue.calls.withLock { $0 } == [["squeue", "--me", "--noheader", "--array", "--format=%i|%T|%r"]])
    #expect(queue["12_0"]?.isRunning == true)
    #expect(queue["12_1"] == SlurmQueueEntry(state: "PENDING", reason: "Resources"))
    #expect(queue["13_0"]?.isStuck == true)

    let refused = CannedCommands(status: 1, output: "", errorOutput: "sbatch: error: invalid partition specified: gpu\n")
    do {
        _ = try SlurmClient(runner: refused).submit(arguments: ["--parsable", "/s.sh"])
        Issue.record("a refused submission was accepted")
    } catch let error as SlurmError {
        #expect(error.description == "`sbatch --parsable /s.sh` failed (exit status 1): sbatch: error: invalid partition specified: gpu; check the partition, time limit, account and sbatch options (command line or the spec's `slurm:` section)")
    }
}
