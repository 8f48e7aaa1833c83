// A disk cache of cleaned corpora keyed by source, options, installed package versions and the
// cleaning-rule version, in a small binary format written atomically (temporary file + rename).
import Digests
import Foundation

/// Loads sources through a cache folder.
///
/// File format (little-endian): magic `TSCORP01`; the identity string; the package version (empty
/// for none); skipped-file count then (path, reason) pairs; document count then per document: id,
/// file (empty for none), entry index (Int64, −1 for none), text bytes. Strings and byte arrays are
/// a UInt32 length followed by the bytes.
public struct CorpusCache: Sendable {
    /// The cache folder (created on first write).
    public let directory: String

    /// The default folder, `output/.cache/corpora`, relative to the working directory.
    public static let defaultDirectory = "output/.cache/corpora"

    private static let magic = Array("TSCORP01".utf8)

    public init(directory: String = CorpusCache.defaultDirectory) {
        self.directory = directory
    }

    /// The corpus of `source`, from the cache when a file with the same identity exists, otherwise
    /// loaded and then stored. A corrupt or stale cache file is ignored and rewritten.
    public func load(_ source: any CorpusSource) throws -> Corpus {
        guard let identity = try source.cacheIdentity() else { return try source.load() }
        let path = cachePath(for: identity, name: source.info.name)
        if let data = FileManager.default.contents(atPath: path),
           let corpus = try? decode(data, identity: identity, info: source.info) {
            return corpus
        }
        let corpus = try source.load()
        try store(corpus, identity: identity, at: path)
        return corpus
    }

    /// The cache file for `identity`: the source name made file-safe plus a hash of the identity.
    public func cachePath(for identity: String, name: String) -> String {
        let safeName = String(name.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        let hash = String(FNV1a64.hash(identity), radix: 16)
        return directory + "/" + safeName + "-" + hash + ".corpus"
    }

    private func store(_ corpus: Corpus, identity: String, at path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw CorpusError.unreadable(path: directory, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        var writer = BinaryWriter()
        writer.bytes(CorpusCache.magic, withLength: false)
        writer.string(identity)
        writer.string(corpus.packageVersion ?? "")
        writer.integer(UInt32(corpus.skippedFiles.count))
        for skipped in corpus.skippedFiles {
            writer.string(skipped.path)
            writer.string(skipped.reason)
        }
        writer.integer(UInt32(corpus.documents.count))
        for document in corpus.documents {
            writer.string(document.id)
            writer.string(document.file ?? "")
            writer.integer(UInt64(bitPattern: Int64(document.entryIndex ?? -1)))
            writer.bytes(document.bytes, withLength: true)
        }
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(writer.output)) else {
            throw CorpusError.unreadable(path: temporary, reason: "cannot write the cache file")
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CorpusError.unreadable(path: path, reason: "cannot move the cache file into place")
        }
    }

    private func decode(_ data: Data, identity: String, info: SourceInfo) throws -> Corpus {
        var reader = BinaryReader(bytes: [UInt8](data), path: directory)
        guard try reader.bytes(count: CorpusCache.magic.count) == CorpusCache.magic[...],
              try reader.string() == identity
        else { throw CorpusError.corruptCache(path: directory) }
        let version = try reader.string()
        var skipped: [SkippedFile] = []
        for _ in 0..<(try reader.integer(UInt32.self)) {
            skipped.append(SkippedFile(path: try reader.string(), reason: try reader.string()))
        }
        let count = Int(try reader.integer(UInt32.self))
        var documents: [Document] = []
        documents.reserveCapacity(count)
        for _ in 0..<count {
            let id = try reader.string()
            let file = try reader.string()
            let entry = Int64(bitPattern: try reader.integer(UInt64.self))
            let length = Int(try reader.integer(UInt32.self))
            let bytes = Array(try reader.bytes(count: length))
            documents.append(Document(id: id, source: info.name, bytes: bytes, file: file.isEmpty ? nil : file,
                                      entryIndex: entry < 0 ? nil : Int(entry)))
        }
        guard reader.isAtEnd else { throw CorpusError.corruptCache(path: directory) }
        return Corpus(info: info, documents: documents, skippedFiles: skipped,
                      packageVersion: version.isEmpty ? nil : version)
    }
}

/// Appends little-endian integers and length-prefixed byte strings.
private struct BinaryWriter {
    var output: [UInt8] = []

    mutating func integer<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    mutating func bytes(_ bytes: [UInt8], withLength: Bool) {
        if withLength { integer(UInt32(bytes.count)) }
        output.append(contentsOf: bytes)
    }

    mutating func string(_ text: String) {
        bytes(Array(text.utf8), withLength: true)
    }
}

/// Reads what `BinaryWriter` wrote; throws `CorpusError.corruptCache` on truncation.
private struct BinaryReader {
    let bytes: [UInt8]
    let path: String
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func bytes(count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, offset + count <= bytes.count else { throw CorpusError.corruptCache(path: path) }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func integer<Value: FixedWidthInteger>(_ type: Value.Type) throws -> Value {
        let slice = try bytes(count: MemoryLayout<Value>.size)
        return slice.reversed().reduce(Value.zero) { $0 << 8 | Value($1) }
    }

    mutating func string() throws -> String {
        let length = Int(try integer(UInt32.self))
        return String(decoding: try bytes(count: length), as: UTF8.self)
    }
}
