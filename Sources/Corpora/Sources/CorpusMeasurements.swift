// The sizes `tinyscale corpus list` shows (documents, bytes), kept in one JSON file in the corpus
// cache folder and keyed by what they depend on, so a listing measures only the corpora that changed.
import Foundation

/// Documents and bytes of one corpus, as the catalog lists them.
public struct CorpusMeasurement: Sendable, Hashable {
    /// Number of documents.
    public var documentCount: Int
    /// Bytes of text (documents only, no separators).
    public var byteCount: Int

    public init(documentCount: Int, byteCount: Int) {
        self.documentCount = documentCount
        self.byteCount = byteCount
    }

    /// The counts of a loaded corpus.
    public init(_ corpus: Corpus) {
        self.init(documentCount: corpus.documentCount, byteCount: corpus.byteCount)
    }
}

/// Stored measurements, one per source name, each with the key it was measured under.
///
/// File format: `listing.json` in the cache folder, `{"version": 1, "corpora": {name: {"key",
/// "documents", "bytes"}}}`, written to a temporary file and renamed into place. A missing,
/// unreadable or other-version file counts as empty.
public struct CorpusMeasurementCache: Sendable {
    /// The file, `<cache folder>/listing.json`.
    public let path: String

    /// The file name inside the cache folder.
    public static let fileName = "listing.json"
    /// The format written now; files of another version are ignored.
    static let formatVersion = 1

    /// One stored measurement and the key it was taken under.
    public struct Entry: Sendable, Hashable, Codable {
        /// The source's `measurementKey()` when it was measured.
        public var key: String
        public var measurement: CorpusMeasurement

        public init(key: String, measurement: CorpusMeasurement) {
            self.key = key
            self.measurement = measurement
        }

        enum CodingKeys: String, CodingKey { case key, documents, bytes }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            measurement = CorpusMeasurement(documentCount: try container.decode(Int.self, forKey: .documents),
                                            byteCount: try container.decode(Int.self, forKey: .bytes))
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(measurement.documentCount, forKey: .documents)
            try container.encode(measurement.byteCount, forKey: .bytes)
        }
    }

    private struct Contents: Codable {
        var version: Int
        var corpora: [String: Entry]
    }

    /// The measurements of the corpus cache in `directory`.
    public init(directory: String) {
        path = directory + "/" + Self.fileName
    }

    /// Every stored entry by source name; empty when the file is missing, damaged or of another version.
    public func entries() -> [String: Entry] {
        guard let data = FileManager.default.contents(atPath: path),
              let contents = try? JSONDecoder().decode(Contents.self, from: data),
              contents.version == Self.formatVersion
        else { return [:] }
        return contents.corpora
    }

    /// Replaces the file with `entries`, atomically (temporary file, then rename).
    /// - Throws: `CorpusError.unreadable` when the folder or the file cannot be written.
    public func store(_ entries: [String: Entry]) throws {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CorpusError.unreadable(path: directory, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Contents(version: Self.formatVersion, corpora: entries))
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else {
            throw CorpusError.unreadable(path: temporary, reason: "cannot write the listing cache")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CorpusError.unreadable(path: path, reason: "cannot move the listing cache into place")
        }
    }
}

/// Building blocks of measurement keys.
enum MeasurementKey {
    /// `path size mtime` of each path (stat(2), links followed; `missing` for a path with nothing
    /// there), one per line, so that editing, replacing or touching a file changes the key.
    static func fileStamps(_ paths: [String]) -> String {
        paths.map { path in
            guard let facts = FileFacts(path: path) else { return "\(path) missing" }
            return "\(path) \(facts.size) \(facts.modificationNanoseconds)"
        }
        .joined(separator: "\n")
    }
}
