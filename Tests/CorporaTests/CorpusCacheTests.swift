// Proves the corpus cache returns what was stored, skips loading on a hit, keys on the identity,
// writes atomically and recovers from a corrupt file.
import Corpora
import Foundation
import Synchronization
import Testing

/// A source that counts its loads and reports a chosen identity.
private final class CountingSource: CorpusSource, @unchecked Sendable {
    let identity: String
    private let loads = Mutex(0)

    init(identity: String) {
        self.identity = identity
    }

    var loadCount: Int { loads.withLock { $0 } }

    var info: SourceInfo {
        SourceInfo(name: "file:/counting", language: "en", script: .latin, debianPackage: "fortunes-ga",
                   requiredPackages: [])
    }

    func isAvailable() -> Bool { true }

    func cacheIdentity() throws -> String? { identity }

    func measurementKey() throws -> String { identity }

    func load() throws -> Corpus {
        loads.withLock { $0 += 1 }
        let documents = [Document(id: "a#0", source: info.name, text: "first ünïcode", file: "a", entryIndex: 0),
                         Document(id: "b", source: info.name, text: "second\nline")]
        return Corpus(info: info, documents: documents,
                      skippedFiles: [SkippedFile(path: "x.dat", reason: "strfile index")], packageVersion: "1.0")
    }
}

@Test func secondLoadComesFromTheCacheUnchanged() throws {
    let cache = CorpusCache(directory: try temporaryFolder())
    defer { try? FileManager.default.removeItem(atPath: cache.directory) }
    let source = CountingSource(identity: "v1")
    let first = try cache.load(source)
    let second = try cache.load(source)
    #expect(source.loadCount == 1)
    #expect(second.documents == first.documents)
    #expect(second.skippedFiles == first.skippedFiles)
    #expect(second.packageVersion == "1.0")
    let files = try FileManager.default.contentsOfDirectory(atPath: cache.directory)
    #expect(files.count == 1 && files[0].hasSuffix(".corpus"), "no temporary file is left behind: \(files)")
}

@Test func changedIdentityMissesTheCache() throws {
    let cache = CorpusCache(directory: try temporaryFolder())
    defer { try? FileManager.default.removeItem(atPath: cache.directory) }
    _ = try cache.load(CountingSource(identity: "package=1"))
    let upgraded = CountingSource(identity: "package=2")
    _ = try cache.load(upgraded)
    #expect(upgraded.loadCount == 1)
}

@Test func corruptCacheFileIsIgnoredAndRewritten() throws {
    let cache = CorpusCache(directory: try temporaryFolder())
    defer { try? FileManager.default.removeItem(atPath: cache.directory) }
    let source = CountingSource(identity: "v1")
    let path = cache.cachePath(for: "v1", name: source.info.name)
    try FileManager.default.createDirectory(atPath: cache.directory, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: path, contents: Data("TSCORP01 truncated".utf8)))
    let corpus = try cache.load(source)
    #expect(corpus.documentCount == 2)
    #expect(source.loadCount == 1)
    _ = try cache.load(source)
    #expect(source.loadCount == 1)
}
