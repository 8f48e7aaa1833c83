// Proves the catalog's sizes come from the stored measurements while a source is unchanged: a
// second listing measures nothing, a changed file is measured again on its own, and a damaged
// store is measured afresh.
import Corpora
import Foundation
import Testing

@Suite struct CorpusMeasurementTests {
    /// Two text files and a small synthetic language, listed through a cache in `folder`.
    private struct Listing {
        let folder: String
        let first: String
        let second: String
        let catalog: CorpusCatalog
        let sources: [any CorpusSource]

        init() throws {
            folder = try temporaryFolder()
            first = folder + "/first.txt"
            second = folder + "/second.txt"
            try "one\n\ntwo\n".write(toFile: first, atomically: true, encoding: .utf8)
            try "three\n".write(toFile: second, atomically: true, encoding: .utf8)
            catalog = CorpusCatalog(cache: CorpusCache(directory: folder + "/cache"))
            sources = [FileSource(path: first), FileSource(path: second), SyntheticSource(preset: .alpha, documentCount: 20)]
        }

        /// The entries, and the names of the sources that were measured (loaded) for them.
        func list() throws -> (entries: [CatalogEntry], measured: [String]) {
            var measured: [String] = []
            let entries = try catalog.entries(of: sources, measuringSizes: true) { source in
                measured.append(source.info.name)
                return CorpusMeasurement(try source.load())
            }
            return (entries, measured)
        }
    }

    @Test func secondListingReadsTheStoredMeasurements() throws {
        let listing = try Listing()
        defer { try? FileManager.default.removeItem(atPath: listing.folder) }
        let first = try listing.list()
        #expect(first.measured == listing.sources.map(\.info.name))
        #expect(first.entries.map(\.documentCount) == [2, 1, 20])
        #expect(first.entries.prefix(2).map(\.byteCount) == [6, 5])

        let second = try listing.list()
        #expect(second.measured.isEmpty)
        #expect(second.entries.map(\.documentCount) == first.entries.map(\.documentCount))
        #expect(second.entries.map(\.byteCount) == first.entries.map(\.byteCount))
        let files = try FileManager.default.contentsOfDirectory(atPath: listing.catalog.cache.directory)
        #expect(files == [CorpusMeasurementCache.fileName], "no temporary file is left behind: \(files)")
    }

    @Test func onlyAChangedSourceIsMeasuredAgain() throws {
        let listing = try Listing()
        defer { try? FileManager.default.removeItem(atPath: listing.folder) }
        _ = try listing.list()
        try "three\n\nfour five\n".write(toFile: listing.second, atomically: true, encoding: .utf8)
        let changed = try listing.list()
        #expect(changed.measured == ["file:" + listing.second])
        #expect(changed.entries.map(\.documentCount) == [2, 2, 20])
        #expect(changed.entries[1].byteCount == 14)
        #expect(try listing.list().measured.isEmpty)
    }

    @Test func damagedStoreIsMeasuredAfresh() throws {
        let listing = try Listing()
        defer { try? FileManager.default.removeItem(atPath: listing.folder) }
        _ = try listing.list()
        #expect(FileManager.default.createFile(atPath: listing.catalog.measurements.path, contents: Data("{\"version\": 1, \"cor".utf8)))
        #expect(try listing.list().measured.count == listing.sources.count)
        #expect(try listing.list().measured.isEmpty)
    }
}
