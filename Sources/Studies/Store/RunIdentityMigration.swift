// Store migration v6: run hashes became the SHA-256 of the canonical config (before, two FNV-1a
// lanes, 32 hex digits). Every stored run is re-keyed under its new hash, parents before the runs
// that start from them, so finished runs are reused rather than retrained; `run_renames` keeps
// each rename until the run's checkpoint folder has followed it.
import Foundation
import GRDB

enum RunIdentityMigration {
    /// The migration's identifier in GRDB's migration table.
    static let identifier = "v6-sha256-run-identity"

    /// Re-keys every run whose stored config decodes; a run whose config does not keeps its old
    /// hash, so a study that plans it again trains it again (as it would without the migration).
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE run_renames (old_hash TEXT PRIMARY KEY, new_hash TEXT NOT NULL)")
        var waiting: [String: RunConfig] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT hash, config FROM runs") {
            let json: String = row["config"]
            if let config = try? JSONDecoder().decode(RunConfig.self, from: Data(json.utf8)) {
                waiting[row["hash"]] = config
            }
        }
        var renamed: [String: String] = [:]
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.parent.map { waiting[$0.hash] == nil } ?? true }
            guard !ready.isEmpty else { break }
            for (oldHash, stored) in ready.sorted(by: { $0.key < $1.key }) {
                var config = stored
                if let parent = config.parent, let newParentHash = renamed[parent.hash] {
                    config.parent?.hash = newParentHash
                }
                let newHash = config.hash
                try rename(oldHash, to: newHash, config: config, db)
                renamed[oldHash] = newHash
                waiting[oldHash] = nil
            }
        }
    }

    private static func rename(_ oldHash: String, to newHash: String, config: RunConfig, _ db: Database) throws {
        try db.execute(sql: "UPDATE runs SET hash = ?, config = ? WHERE hash = ?",
                       arguments: [newHash, String(decoding: config.canonicalJSON(), as: UTF8.self), oldHash])
        for table in ["study_runs", "metrics", "training_log"] {
            try db.execute(sql: "UPDATE \(table) SET hash = ? WHERE hash = ?", arguments: [newHash, oldHash])
        }
        try db.execute(sql: "INSERT INTO run_renames (old_hash, new_hash) VALUES (?, ?)", arguments: [oldHash, newHash])
    }
}
