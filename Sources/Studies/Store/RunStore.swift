// The run store: SQLite (GRDB, WAL mode) at output/tinyscale.sqlite holding runs, their metric
// series, fits and report records. One transaction per evaluation point and per finished run, so
// killing the process at any moment never corrupts it and loses at most the run in progress.
import Foundation
import GRDB

/// Lifecycle of a run in the store.
public enum RunStatus: String, Codable, Sendable, CaseIterable {
    /// Planned, not started.
    case pending
    /// Being trained by the process that holds the output folder's lock.
    case running
    case complete
    /// Loss became NaN or exploded; kept out of fits and listed in reports.
    case diverged
    /// Started by a process that stopped (Ctrl-C, an error, or killed) before it finished; the
    /// next `tinyscale run` resumes it from its last checkpoint.
    case interrupted
}

/// One held-out (or training) loss measurement.
public struct MetricPoint: Codable, Sendable, Equatable {
    public var step: Int
    public var tokens: Int
    /// `validation`, `train`, or a named evaluation set such as `general` / `domain`.
    public var split: String
    /// Mean loss in nats per byte.
    public var lossNats: Double

    public init(step: Int, tokens: Int, split: String, lossNats: Double) {
        self.step = step
        self.tokens = tokens
        self.split = split
        self.lossNats = lossNats
    }

    /// Mean loss in bits per byte.
    public var bitsPerByte: Double { lossNats / log(2) }
}

/// One training-log entry: how the optimizer step went, every `training.log_every` steps.
public struct TrainingLogPoint: Codable, Sendable, Equatable {
    /// Optimizer steps taken, this one included (the step the metrics table would call it).
    public var step: Int
    /// Training tokens (bytes) read up to and including this step.
    public var tokens: Int
    /// Mean training loss of this step's batch before the update, nats per byte.
    public var lossNats: Double
    /// Learning rate of this step's update: the schedule at zero-based step index `step − 1`.
    public var learningRate: Double
    /// Global L2 norm of the gradient before clipping.
    public var gradientNorm: Double
    /// Training throughput since the previous entry (or the start of this process's training),
    /// tokens per second of wall time.
    public var tokensPerSecond: Double

    public init(step: Int, tokens: Int, lossNats: Double, learningRate: Double, gradientNorm: Double, tokensPerSecond: Double) {
        self.step = step
        self.tokens = tokens
        self.lossNats = lossNats
        self.learningRate = learningRate
        self.gradientNorm = gradientNorm
        self.tokensPerSecond = tokensPerSecond
    }
}

/// What a finished run reports about itself.
public struct RunSummary: Codable, Sendable, Equatable {
    public var parameters: Int
    public var nonEmbeddingParameters: Int
    public var tokens: Int
    /// Training FLOPs (6N + 12·L·T·C per token).
    public var flops: Double
    public var wallSeconds: Double
    /// Final held-out loss in nats per byte.
    public var finalLossNats: Double

    public init(parameters: Int, nonEmbeddingParameters: Int, tokens: Int, flops: Double, wallSeconds: Double,
                finalLossNats: Double) {
        self.parameters = parameters
        self.nonEmbeddingParameters = nonEmbeddingParameters
        self.tokens = tokens
        self.flops = flops
        self.wallSeconds = wallSeconds
        self.finalLossNats = finalLossNats
    }
}

/// A run as stored, with its place in a study.
public struct StoredRun: Sendable, Equatable {
    public var hash: String
    public var study: String
    /// Human label within the study, e.g. `m · 1M tokens · seed 0`.
    public var label: String
    /// The run's place in its study, as its kind's typed role.
    public var role: RunRole
    public var config: RunConfig
    public var status: RunStatus
    public var summary: RunSummary?
    /// Why a run diverged.
    public var message: String?
}

public enum RunStoreError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case unknownRun(hash: String)
    case corruptRow(hash: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the run store: \(reason). Check that the folder is writable and the disk has space, and that no other program holds the file; keep the file (it holds every finished run) — if it is damaged, `sqlite3 \(path) .recover` salvages its runs into a new file."
        case .unknownRun(let hash):
            return "run \(hash) is not in the store"
        case .corruptRow(let hash, let reason):
            return "run \(hash) has an unreadable record (\(reason)); delete it with sqlite3 or move the store aside"
        }
    }
}

public final class RunStore: Sendable {
    private let database: any DatabaseWriter
    /// Where the store lives (nil for an in-memory store).
    public let path: String?

    /// Opens (creating if needed) the store at `path` in WAL mode.
    public init(path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            database = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw RunStoreError.cannotOpen(path: path, reason: "\(error)")
        }
        self.path = path
        try migrate()
    }

    /// A store that lives in memory only (tests).
    public init() throws {
        database = try DatabaseQueue()
        path = nil
        try migrate()
    }

    private func migrate() throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    hash TEXT PRIMARY KEY,
                    config TEXT NOT NULL,
                    status TEXT NOT NULL,
                    parameters INTEGER, non_embedding_parameters INTEGER, tokens INTEGER,
                    flops REAL, wall_seconds REAL, final_loss_nats REAL,
                    message TEXT,
                    created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT
                );
                CREATE TABLE study_runs (
                    study TEXT NOT NULL, hash TEXT NOT NULL REFERENCES runs(hash),
                    label TEXT NOT NULL, coordinates TEXT NOT NULL, position INTEGER NOT NULL,
                    PRIMARY KEY (study, hash)
                );
                CREATE TABLE metrics (
                    hash TEXT NOT NULL REFERENCES runs(hash), step INTEGER NOT NULL, tokens INTEGER NOT NULL,
                    split TEXT NOT NULL, loss_nats REAL NOT NULL,
                    PRIMARY KEY (hash, split, step)
                );
                CREATE TABLE fits (
                    study TEXT NOT NULL, name TEXT NOT NULL, result TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (study, name)
                );
                CREATE TABLE reports (
                    study TEXT NOT NULL, folder TEXT NOT NULL, profile TEXT NOT NULL,
                    verdicts TEXT NOT NULL, created_at TEXT NOT NULL,
                    PRIMARY KEY (study, folder)
                );
                """)
        }
        migrator.registerMigration("v2-studies") { db in
            try db.execute(sql: """
                CREATE TABLE studies (
                    study TEXT PRIMARY KEY, kind TEXT NOT NULL, profile TEXT NOT NULL, file TEXT NOT NULL,
                    spec TEXT NOT NULL, updated_at TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("v3-roles") { db in
            try db.execute(sql: "ALTER TABLE study_runs RENAME COLUMN coordinates TO role")
        }
        migrator.registerMigration("v4-study-folder") { db in
            // The spec's folder, against which its relative `file:` corpus paths are resolved.
            try db.execute(sql: "ALTER TABLE studies ADD COLUMN folder TEXT")
        }
        migrator.registerMigration("v5-training-log") { db in
            // Per-step training log (issue 17); not part of a run's identity.
            try db.execute(sql: """
                CREATE TABLE training_log (
                    hash TEXT NOT NULL REFERENCES runs(hash), step INTEGER NOT NULL, tokens INTEGER NOT NULL,
                    loss_nats REAL NOT NULL, learning_rate REAL NOT NULL, gradient_norm REAL NOT NULL,
                    tokens_per_second REAL NOT NULL,
                    PRIMARY KEY (hash, step)
                );
                """)
        }
        migrator.registerMigration(RunIdentityMigration.identifier, migrate: RunIdentityMigration.migrate)
        try migrator.migrate(database)
    }

    private static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// Fits may hold non-finite numbers (an unbounded interval, a diverged estimate): they are
    /// written as the strings "inf", "-inf" and "nan".
    private static let nonFiniteEncoding = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = nonFiniteEncoding
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Writing

    /// Adds the planned runs of `study` (runs already known keep their status), in plan order.
    /// A known run's stored config is replaced by the planned one: equal hashes differ only in what
    /// the hash leaves out (a model's name, a `file:` corpus's path), and the latest plan's
    /// path is the one that exists now.
    public func register(_ plan: [PlannedRun], study: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM study_runs WHERE study = ?", arguments: [study])
            for (position, run) in plan.enumerated() {
                try db.execute(sql: """
                    INSERT INTO runs (hash, config, status, created_at) VALUES (?, ?, 'pending', ?)
                    ON CONFLICT(hash) DO UPDATE SET config = excluded.config
                    """, arguments: [run.hash, String(decoding: run.config.canonicalJSON(), as: UTF8.self), Self.now()])
                try db.execute(sql: """
                    INSERT OR REPLACE INTO study_runs (study, hash, label, role, position) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [study, run.hash, run.label, run.role.json, position])
            }
        }
    }

    /// Moves the checkpoint folder of every run that the run-identity migration re-keyed from
    /// `<checkpointRoot>/<old hash>` to `<checkpointRoot>/<new hash>`, then forgets the rename (a
    /// run without a checkpoint folder has nothing to move).
    public func moveCheckpointsOfRenamedRuns(in checkpointRoot: URL) throws {
        let renames = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT old_hash, new_hash FROM run_renames ORDER BY old_hash")
                .map { (old: $0["old_hash"] as String, new: $0["new_hash"] as String) }
        }
        for rename in renames {
            let old = checkpointRoot.appendingPathComponent(rename.old, isDirectory: true)
            let new = checkpointRoot.appendingPathComponent(rename.new, isDirectory: true)
            if FileManager.default.fileExists(atPath: old.path), !FileManager.default.fileExists(atPath: new.path) {
                try FileManager.default.moveItem(at: old, to: new)
            }
            try database.write { db in
                try db.execute(sql: "DELETE FROM run_renames WHERE old_hash = ?", arguments: [rename.old])
            }
        }
    }

    /// Remembers the resolved spec of a study, so its report can be rebuilt from the store alone.
    public func saveStudy(_ spec: StudySpec) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO studies (study, kind, profile, file, spec, updated_at, folder) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [spec.name, spec.kind.rawValue, spec.profile, spec.file, spec.resolvedYAML, Self.now(),
                                 spec.folder.isEmpty ? nil : spec.folder])
        }
    }

    /// The resolved spec text, original file name, profile and folder (where its relative `file:`
    /// paths lead; nil in stores written before it was kept) of `study`, if it was ever run.
    public func studySpec(_ study: String) throws -> (yaml: String, file: String, profile: String, folder: String?)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT spec, file, profile, folder FROM studies WHERE study = ?", arguments: [study])
                .map { (yaml: $0["spec"], file: $0["file"], profile: $0["profile"], folder: $0["folder"]) }
        }
    }

    /// Runs `body`, which rewrites the record of `study` (its spec and its list of runs); if it
    /// throws, the record is put back as it was, so a failed attempt at a study — a spec of the same
    /// name, or one whose run failed — does not take over the study's report. Runs trained before the
    /// failure stay in the store, to be reused.
    public func restoringStudyRecordOnFailure<Result>(_ study: String, _ body: () throws -> Result) throws -> Result {
        let saved = try database.read { db in
            (study: try Row.fetchOne(db, sql: "SELECT * FROM studies WHERE study = ?", arguments: [study]),
             runs: try Row.fetchAll(db, sql: "SELECT * FROM study_runs WHERE study = ?", arguments: [study]))
        }
        do {
            return try body()
        } catch {
            try database.write { db in
                try db.execute(sql: "DELETE FROM study_runs WHERE study = ?", arguments: [study])
                try db.execute(sql: "DELETE FROM studies WHERE study = ?", arguments: [study])
                /// Inserts a row as it was read, column by column.
                func insert(_ row: Row, into table: String) throws {
                    let columns = Array(row.columnNames)
                    try db.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(databaseQuestionMarks(count: columns.count)))",
                                   arguments: StatementArguments(columns.map { row[$0] as DatabaseValue }))
                }
                if let row = saved.study { try insert(row, into: "studies") }
                for row in saved.runs { try insert(row, into: "study_runs") }
            }
            throw error
        }
    }

    public func markRunning(_ hash: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'running', started_at = COALESCE(started_at, ?) WHERE hash = ?",
                           arguments: [Self.now(), hash])
        }
    }

    /// Marks a run that was running and stopped before finishing as interrupted.
    public func markInterrupted(_ hash: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE hash = ? AND status = 'running'", arguments: [hash])
        }
    }

    /// Marks every run still recorded as running as interrupted; called by the process that has
    /// just taken the output folder's lock, which knows no other process is training. Returns
    /// how many there were (runs of a process that was killed).
    @discardableResult
    public func markAbandonedRunsInterrupted() throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            return db.changesCount
        }
    }

    /// Records one measurement in its own transaction.
    public func record(_ point: MetricPoint, for hash: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO metrics (hash, step, tokens, split, loss_nats) VALUES (?, ?, ?, ?, ?)",
                           arguments: [hash, point.step, point.tokens, point.split, point.lossNats])
        }
    }

    /// Records training-log entries, all in one transaction.
    public func record(_ points: [TrainingLogPoint], for hash: String) throws {
        guard !points.isEmpty else { return }
        try database.write { db in
            for point in points {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO training_log (hash, step, tokens, loss_nats, learning_rate, gradient_norm, tokens_per_second)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [hash, point.step, point.tokens, point.lossNats, point.learningRate,
                                     point.gradientNorm, point.tokensPerSecond])
            }
        }
    }

    /// Drops measurements and training-log entries after `step` (a resumed run re-measures them).
    public func discardMetrics(after step: Int, for hash: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM metrics WHERE hash = ? AND step > ?", arguments: [hash, step])
            try db.execute(sql: "DELETE FROM training_log WHERE hash = ? AND step > ?", arguments: [hash, step])
        }
    }

    public func complete(_ hash: String, summary: RunSummary) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE runs SET status = 'complete', parameters = ?, non_embedding_parameters = ?, tokens = ?,
                    flops = ?, wall_seconds = ?, final_loss_nats = ?, message = NULL, finished_at = ? WHERE hash = ?
                """, arguments: [summary.parameters, summary.nonEmbeddingParameters, summary.tokens, summary.flops,
                                 summary.wallSeconds, summary.finalLossNats, Self.now(), hash])
        }
    }

    public func markDiverged(_ hash: String, message: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'diverged', message = ?, finished_at = ? WHERE hash = ?",
                           arguments: [message, Self.now(), hash])
        }
    }

    public func saveFit<Result: Encodable>(_ result: Result, name: String, study: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO fits (study, name, result, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [study, name, try Self.json(result), Self.now()])
        }
    }

    public func recordReport(study: String, folder: String, profile: String, verdicts: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO reports (study, folder, profile, verdicts, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [study, folder, profile, verdicts, Self.now()])
        }
    }

    // MARK: Reading

    /// The status of every run in the store at `path` (run hash → status), read without creating,
    /// migrating or writing anything; empty when no store exists there (`tinyscale plan`).
    public static func statuses(atPath path: String) throws -> [String: RunStatus] {
        try readingOnly(atPath: path, absent: [:]) { db in
            var result: [String: RunStatus] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT hash, status FROM runs") {
                result[row["hash"]] = RunStatus(rawValue: row["status"]) ?? .pending
            }
            return result
        }
    }

    /// `read` on the store at `path` opened read-only (waiting up to 10 s for a writer), or
    /// `absent` when there is no store there yet (no file, or one whose tables another process is
    /// still creating).
    private static func readingOnly<Value>(atPath path: String, absent: Value,
                                           _ read: (Database) throws -> Value) throws -> Value {
        guard FileManager.default.fileExists(atPath: path) else { return absent }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            return try DatabaseQueue(path: path, configuration: configuration).read { db in
                try db.tableExists("runs") ? read(db) : absent
            }
        } catch {
            throw RunStoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The finished runs of the store at `path`, read without writing (none when it does not exist).
    public static func finishedRuns(atPath path: String) throws -> FinishedRuns {
        try readingOnly(atPath: path, absent: .none, finishedRuns)
    }

    /// The finished runs of this store.
    public func finishedRuns() throws -> FinishedRuns {
        try database.read(Self.finishedRuns)
    }

    private static func finishedRuns(_ db: Database) throws -> FinishedRuns {
        var finished = FinishedRuns()
        for row in try Row.fetchAll(db, sql: "SELECT hash, status, final_loss_nats FROM runs WHERE status IN ('complete', 'diverged')") {
            let hash: String = row["hash"]
            if row["status"] == "complete", let loss: Double = row["final_loss_nats"] {
                finished.finalLossNats[hash] = loss
            } else {
                finished.diverged.insert(hash)
            }
        }
        return finished
    }

    public func status(of hash: String) throws -> RunStatus? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT status FROM runs WHERE hash = ?", arguments: [hash])
                .flatMap(RunStatus.init(rawValue:))
        }
    }

    /// The runs of `study` in plan order.
    public func runs(study: String) throws -> [StoredRun] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.*, s.study, s.label, s.role FROM study_runs s JOIN runs r ON r.hash = s.hash
                WHERE s.study = ? ORDER BY s.position
                """, arguments: [study])
            return try rows.map(Self.storedRun)
        }
    }

    public func metrics(for hash: String) throws -> [MetricPoint] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT step, tokens, split, loss_nats FROM metrics WHERE hash = ? ORDER BY split, step",
                             arguments: [hash]).map {
                MetricPoint(step: $0["step"], tokens: $0["tokens"], split: $0["split"], lossNats: $0["loss_nats"])
            }
        }
    }

    /// The training log of run `hash`, by step.
    public func trainingLog(for hash: String) throws -> [TrainingLogPoint] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT step, tokens, loss_nats, learning_rate, gradient_norm, tokens_per_second FROM training_log
                WHERE hash = ? ORDER BY step
                """, arguments: [hash]).map {
                TrainingLogPoint(step: $0["step"], tokens: $0["tokens"], lossNats: $0["loss_nats"], learningRate: $0["learning_rate"],
                                 gradientNorm: $0["gradient_norm"], tokensPerSecond: $0["tokens_per_second"])
            }
        }
    }

    /// The runs whose hash starts with `prefix` (each once, with the first study that plans it;
    /// `study` and `label` are empty for a run no study lists any more).
    public func runs(hashPrefix prefix: String) throws -> [StoredRun] {
        let pattern = prefix.filter(\.isHexDigit).lowercased()
        guard !pattern.isEmpty else { return [] }
        return try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.*, COALESCE(s.study, '') AS study, COALESCE(s.label, '') AS label, COALESCE(s.role, '{}') AS role
                FROM runs r LEFT JOIN study_runs s ON s.hash = r.hash
                WHERE r.hash LIKE ? ORDER BY r.hash, s.study
                """, arguments: [pattern + "%"])
            var seen: Set<String> = []
            return try rows.map(Self.storedRun).filter { seen.insert($0.hash).inserted }
        }
    }

    public func fit<Result: Decodable>(_ type: Result.Type, name: String, study: String) throws -> Result? {
        let text = try database.read { db in
            try String.fetchOne(db, sql: "SELECT result FROM fits WHERE study = ? AND name = ?", arguments: [study, name])
        }
        guard let text else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Result.self, from: Data(text.utf8))
    }

    /// Every study with runs in the store and how many of its runs are in each state.
    public func studies() throws -> [(study: String, counts: [RunStatus: Int])] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.study, r.status, COUNT(*) AS n FROM study_runs s JOIN runs r ON r.hash = s.hash
                GROUP BY s.study, r.status ORDER BY s.study
                """)
            var result: [(study: String, counts: [RunStatus: Int])] = []
            for row in rows {
                let study: String = row["study"]
                let status = RunStatus(rawValue: row["status"]) ?? .pending
                if result.last?.study != study { result.append((study, [:])) }
                result[result.count - 1].counts[status] = row["n"]
            }
            return result
        }
    }

    private static func storedRun(_ row: Row) throws -> StoredRun {
        let hash: String = row["hash"]
        let config: RunConfig
        do {
            config = try JSONDecoder().decode(RunConfig.self, from: Data((row["config"] as String).utf8))
        } catch {
            throw RunStoreError.corruptRow(hash: hash, reason: "\(error)")
        }
        let status = RunStatus(rawValue: row["status"]) ?? .pending
        var summary: RunSummary?
        if status == .complete {
            summary = RunSummary(parameters: row["parameters"], nonEmbeddingParameters: row["non_embedding_parameters"],
                                 tokens: row["tokens"], flops: row["flops"], wallSeconds: row["wall_seconds"],
                                 finalLossNats: row["final_loss_nats"])
        }
        return StoredRun(hash: hash, study: row["study"], label: row["label"], role: RunRole(json: row["role"]),
                         config: config, status: status, summary: summary, message: row["message"])
    }
}
