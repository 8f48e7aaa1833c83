// `tinyscale run --executor slurm` on a real one-node Slurm cluster started by the test (root only):
// a small two-stage scaling-law study through Slurm gives every final loss of a local run bit for bit,
// and a task cancelled with `scancel` mid-run is completed by rerunning. The cluster (munged,
// slurmctld, slurmd) lives in a temporary folder with its own ports and is stopped at the end.
import Foundation
import Testing

/// A Slurm cluster of this one machine, configured and run entirely inside `folder`.
private struct LocalSlurmCluster {
    let folder: URL
    var configuration: URL { folder.appendingPathComponent("slurm.conf") }
    var environment: [String: String?] { ["SLURM_CONF": configuration.path] }

    static let commands = ["munged", "slurmctld", "slurmd", "sbatch", "squeue", "scancel", "sinfo"]

    /// Why no cluster can be started here, or nil when one can.
    static var obstacle: String? {
        if getuid() != 0 { return "not root (the Slurm daemons need root)" }
        let missing = commands.filter { command(named: $0) == nil }
        if !missing.isEmpty { return "\(missing.joined(separator: ", ")) not installed (`make deps` installs slurm-wlm and munge)" }
        return nil
    }

    static func command(named name: String) -> URL? {
        ["/usr/sbin", "/usr/bin", "/sbin", "/bin"].map { URL(fileURLWithPath: "\($0)/\(name)") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a Slurm or munge command against this cluster.
    func run(_ name: String, _ arguments: [String]) throws -> Invocation {
        guard let executable = Self.command(named: name) else { throw ClusterError(message: "\(name) is not installed") }
        return try runProcess(executable, arguments, environment: environment)
    }

    /// Starts munged, slurmctld and slurmd and waits for the node to be idle; throws (with the
    /// daemons' logs) when they do not come up.
    static func start() throws -> LocalSlurmCluster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-slurm-\(UUID().uuidString)")
        for sub in ["state", "spool"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        let cluster = LocalSlurmCluster(folder: folder)
        let key = folder.appendingPathComponent("munge.key")
        var random = SystemRandomNumberGenerator()
        try Data((0..<1024).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: key.path)
        let socket = folder.appendingPathComponent("munge.socket").path
        try cluster.startDaemon("munged", ["--force", "--socket=\(socket)", "--key-file=\(key.path)",
                                           "--pid-file=\(folder.path)/munged.pid", "--log-file=\(folder.path)/munged.log",
                                           "--seed-file=\(folder.path)/munged.seed"])

        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        let memory = ProcessInfo.processInfo.physicalMemory / 1_048_576 * 8 / 10
        let port = Int.random(in: 20_000..<40_000)
        try """
            ClusterName=tinyscale-test
            SlurmctldHost=\(host)
            SlurmctldPort=\(port)
            SlurmdPort=\(port + 1)
            AuthType=auth/munge
            AuthInfo=socket=\(socket)
            CredType=cred/munge
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            SlurmUser=root
            StateSaveLocation=\(folder.path)/state
            SlurmdSpoolDir=\(folder.path)/spool
            SlurmctldPidFile=\(folder.path)/slurmctld.pid
            SlurmdPidFile=\(folder.path)/slurmd.pid
            SlurmctldLogFile=\(folder.path)/slurmctld.log
            SlurmdLogFile=\(folder.path)/slurmd.log
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            ReturnToService=2
            MpiDefault=none
            NodeName=\(host) CPUs=\(ProcessInfo.processInfo.activeProcessorCount) RealMemory=\(memory) State=UNKNOWN
            PartitionName=tinyscale Nodes=\(host) Default=YES MaxTime=INFINITE State=UP

            """.write(to: cluster.configuration, atomically: true, encoding: .utf8)
        for daemon in ["slurmctld", "slurmd"] {
            do {
                try cluster.startDaemon(daemon, [])
            } catch {
                cluster.stop()
                throw error
            }
        }
        for _ in 0..<100 {
            if let state = try? cluster.run("sinfo", ["--noheader", "--format=%t"]), state.standardOutput.hasPrefix("idle") {
                return cluster
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("slurmctld.log"), encoding: .utf8)) ?? ""
        cluster.stop()
        throw ClusterError(message: "the node did not become idle within 20 s; slurmctld.log ends:\n\(log.suffix(1500))")
    }

    /// Starts a daemon that forks itself into the background, and waits for its parent to exit.
    /// Spawned and reaped directly (posix_spawn, waitpid): Foundation's Process waits for the
    /// end of descriptors the daemon inherits, that is forever.
    func startDaemon(_ name: String, _ arguments: [String]) throws {
        guard let executable = Self.command(named: name) else { throw ClusterError(message: "\(name) is not installed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY, 0)
        }
        let variables = ProcessInfo.processInfo.environment.merging(["SLURM_CONF": configuration.path]) { $1 }
            .map { "\($0.key)=\($0.value)" }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, envp)
        guard spawned == 0 else { throw ClusterError(message: "\(name) could not be started: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED and WEXITSTATUS, which Swift does not import.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw ClusterError(message: "\(name) did not start (wait status \(status)); see the logs in \(folder.path)")
        }
    }

    /// Cancels every job, stops the three daemons by their pids and removes the folder.
    func stop() {
        _ = try? run("scancel", ["--me"])
        for _ in 0..<100 {
            guard let queue = try? run("squeue", ["--me", "--noheader"]), !queue.standardOutput.isEmpty else { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        for daemon in ["slurmd", "slurmctld", "munged"] {
            let pidFile = folder.appendingPathComponent("\(daemon).pid")
            guard let text = try? String(contentsOf: pidFile, encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            kill(pid, SIGTERM)
            for _ in 0..<100 where kill(pid, 0) == 0 { Thread.sleep(forTimeInterval: 0.1) }
            if kill(pid, 0) == 0 { kill(pid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// This user's tasks in the queue: task id → state.
    func queue() throws -> [String: String] {
        let result = try run("squeue", ["--me", "--noheader", "--array", "--format=%i|%T"])
        return Dictionary(result.standardOutput.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "|").map(String.init)
            return fields.count == 2 ? (fields[0], fields[1]) : nil
        }, uniquingKeysWith: { first, _ in first })
    }
}

private struct ClusterError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A small two-stage scaling-law study: a learning-rate sweep of short runs, then runs at the
/// picked rates long enough to be cancelled mid-run in a debug build.
private let slurmStudy = """
    kind: scaling-law
    name: slurm-tiny
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
      - {name: b, layers: 1, width: 24, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 4, evaluation_batches: 2, threads: 1}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol:
      token_budgets: [12_800, 25_600]
      method: cosine
      learning_rate_sweep: {multipliers: [0.5, 2], tokens: 3_200}
    fit: {bootstrap: 10}
    report: {formats: [html]}
    """

/// `run` and `final_nats_*` columns of a report's data.csv: run hash → its final losses as written.
private func finalLosses(reportPath: String) throws -> [String: [String]] {
    let csv = try String(contentsOf: URL(fileURLWithPath: reportPath).deletingLastPathComponent().appendingPathComponent("data.csv"),
                         encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(rows.first)
    let run = try #require(header.firstIndex(of: "run"))
    let losses = header.indices.filter { header[$0].hasPrefix("final_nats_") }
    #expect(!losses.isEmpty)
    return Dictionary(rows.dropFirst().map { row in (row[run], losses.map { row[$0] }) }, uniquingKeysWith: { first, _ in first })
}

@Test(.timeLimit(.minutes(10)))
func slurmRunMatchesLocalRunBitForBitAndCompletesACancelledTask() throws {
    if let obstacle = LocalSlurmCluster.obstacle {
        try Test.cancel("skipped, no Slurm cluster here: \(obstacle)")
    }
    let binary = tinyscaleExecutable
    let cluster: LocalSlurmCluster
    do {
        cluster = try LocalSlurmCluster.start()
    } catch {
        try Test.cancel("skipped, the Slurm daemons did not start: \(error)")
    }
    defer { cluster.stop() }
    let outputs = cluster.folder.appendingPathComponent("outputs")
    let local = outputs.appendingPathComponent("local").path, shared = outputs.appendingPathComponent("shared").path
    let specFile = cluster.folder.appendingPathComponent("slurm-tiny.yaml")
    try slurmStudy.write(to: specFile, atomically: true, encoding: .utf8)
    let spec = [specFile.path]

    let localRun = try runProcess(binary, ["run"] + spec + ["--output", local], directory: repositoryRoot)
    #expect(localRun.status == 0, "\(localRun.standardError)")

    let submitted = try runProcess(binary, ["run"] + spec + ["--output", shared, "--executor", "slurm", "--no-wait"],
                                   environment: cluster.environment, directory: repositoryRoot)
    #expect(submitted.status == 0, "\(submitted.standardError)")
    #expect(submitted.standardError.contains("Submitted job "))
    #expect(submitted.standardError.contains("Run the same command again"))

    // The study plans in two stages: the learning-rate sweep's short runs, then the runs that use
    // its picks. Let the sweep finish, then submit the second stage, whose runs are long
    // enough to be cancelled mid-run.
    let sweepDeadline = Date().addingTimeInterval(300)
    while Date() < sweepDeadline, !(try cluster.queue()).isEmpty { Thread.sleep(forTimeInterval: 0.5) }
    let secondStage = try runProcess(binary, ["run"] + spec + ["--output", shared, "--executor", "slurm", "--no-wait"],
                                     environment: cluster.environment, directory: repositoryRoot)
    #expect(secondStage.status == 0, "\(secondStage.standardError)")
    #expect(secondStage.standardError.contains("Submitted job "))

    // Cancel a task that has been training for a while and is not finished.
    let slurmFolder = URL(fileURLWithPath: shared).appendingPathComponent("slurm")
    var cancelled: (task: String, hash: String)?
    var runningSince: [String: Date] = [:]
    let deadline = Date().addingTimeInterval(120)
    while cancelled == nil, Date() < deadline {
        let queue = try cluster.queue()
        let ledger = try JSONSerialization.jsonObject(with: Data(contentsOf: slurmFolder.appendingPathComponent("ledger.json")))
        let openTasks = (ledger as? [String: Any])?["openTasks"] as? [String: String] ?? [:]
        for (task, state) in queue where state == "RUNNING" {
            let started = runningSince[task, default: Date()]
            runningSince[task] = started
            guard let hash = openTasks[task], Date().timeIntervalSince(started) > 1.5 else { continue }
            guard !FileManager.default.fileExists(atPath: slurmFolder.appendingPathComponent("results/\(hash).json").path) else { continue }
            _ = try cluster.run("scancel", [task])
            cancelled = (task, hash)
            break
        }
        Thread.sleep(forTimeInterval: 0.25)
    }
    let target = try #require(cancelled, "no task was still running after 1.5 s")
    while Date() < deadline.addingTimeInterval(300), !(try cluster.queue()).isEmpty { Thread.sleep(forTimeInterval: 0.5) }
    #expect(try cluster.queue().isEmpty)
    let resultFile = slurmFolder.appendingPathComponent("results/\(target.hash).json").path
    #expect(!FileManager.default.fileExists(atPath: resultFile))
    // SIGTERM stopped it after a step: it left a resume checkpoint and what it had measured.
    #expect(FileManager.default.fileExists(atPath: slurmFolder.appendingPathComponent("results/\(target.hash).partial.json").path))
    let log = try String(contentsOf: slurmFolder.appendingPathComponent("logs/\(target.task).out"), encoding: .utf8)
    #expect(log.contains("SIGTERM"))

    let rerun = try runProcess(binary, ["run"] + spec + ["--output", shared, "--executor", "slurm", "--poll-interval", "1"],
                               environment: cluster.environment, directory: repositoryRoot)
    #expect(rerun.status == 0, "\(rerun.standardError)")
    #expect(rerun.standardError.contains("attempt 1 of 3"))
    #expect(rerun.standardError.contains("submitting it again"))
    #expect(FileManager.default.fileExists(atPath: resultFile))

    let expected = try finalLosses(reportPath: localRun.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
    let actual = try finalLosses(reportPath: rerun.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines))
    // Every run the local command trained (or saw diverge) is compared, not a subset: the summary
    // line reads "N runs trained, 0 reused[, M diverged]."
    let summary = localRun.standardError.split(separator: "\n").first { $0.contains(" runs trained, ") }
    let numbers = summary.map { $0.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) } } ?? []
    let trainedLocally = numbers.isEmpty ? nil : numbers[0] + (numbers.count > 2 ? numbers[2] : 0)
    #expect(trainedLocally != nil && expected.count == trainedLocally, "\(expected.count) rows; \(summary ?? "no summary line")")
    #expect(actual[target.hash] != nil)
    #expect(actual == expected)
}
