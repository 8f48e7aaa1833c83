// `tinyscale corpus list` through the real binary: it reads the stored measurements instead of
// measuring again, and `--json` prints one object per corpus with the table's fields.
import Corpora
import Foundation
import Testing

@Suite struct CorpusListCommandTests {
    @Test func listingReadsStoredMeasurementsAndPrintsThemAsJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-corpus-list-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Stored measurements under the sources' current keys, with counts no real corpus has:
        // the listing shows them only if it reads the store rather than measuring.
        let catalog = CorpusCatalog(cache: CorpusCache(directory: folder))
        _ = try catalog.entries(of: SourceDescriptor.allNamed.map { $0.makeSource() }, measuringSizes: true) { _ in
            CorpusMeasurement(documentCount: 7, byteCount: 11)
        }

        let result = try tinyscale("corpus", "list", "--json", "--cache", folder)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let corpora = try #require(object["corpora"] as? [[String: Any]])
        #expect(corpora.count == SourceDescriptor.allNamed.count)
        let keys: Set<String> = ["source", "language", "script", "documents", "bytes", "licence_file", "missing_package"]
        for corpus in corpora {
            #expect(Set(corpus.keys) == keys, "\(corpus)")
            if corpus["missing_package"] is NSNull {
                #expect(corpus["documents"] as? Int == 7, "\(corpus)")
                #expect(corpus["bytes"] as? Int == 11, "\(corpus)")
            } else {
                #expect(corpus["documents"] is NSNull, "\(corpus)")
            }
        }
        let alpha = try #require(corpora.first { $0["source"] as? String == "synthetic:alpha" })
        #expect(alpha["language"] as? String == "alpha")
        #expect(alpha["script"] as? String == "Latin")
        #expect(alpha["licence_file"] is NSNull)

        let table = try tinyscale("corpus", "list", "--cache", folder)
        #expect(table.status == 0, "\(table.standardError)")
        let alphaRow = try #require(table.standardOutput.split(separator: "\n").first { $0.hasPrefix("synthetic:alpha ") })
        #expect(alphaRow.split(separator: " ").contains("7"), "\(alphaRow)")
    }
}
