// Loads a Bible by running its exporter (`bible` or `diatheke`), parses the verses, and groups them
// into chapters, the documents of a `bible:<edition>` source.
import Foundation

/// A `bible:<edition>` source.
public struct BibleSource: CorpusSource {
    /// The edition.
    public var edition: BibleEdition

    public init(edition: BibleEdition) {
        self.edition = edition
    }

    public var info: SourceInfo {
        SourceInfo(name: SourceDescriptor.bible(edition).name, language: edition.languageCode, script: .latin,
                   debianPackage: edition.debianPackage, requiredPackages: edition.requiredPackages,
                   notes: edition.notes)
    }

    public func isAvailable() -> Bool {
        DebianPackages.firstMissing(edition.requiredPackages) == nil
    }

    /// Every verse with its reference, in canonical order (Genesis 1:1 … Revelation 22:21).
    public func loadVerses() throws -> [Verse] {
        if let missing = DebianPackages.firstMissing(edition.requiredPackages) {
            throw CorpusError.notInstalled(source: info.name, package: missing)
        }
        switch edition {
        case .kjv:
            let output = try ExternalProgram.run("bible", ["-f", "gen1:1-rev22:21"])
            return try BibleExportParser.parseKJV(String(decoding: output.standardOutput, as: UTF8.self),
                                                  source: info.name)
        case .web, .sparv:
            let module = edition.swordModule ?? ""
            let output = try ExternalProgram.run("diatheke", ["-b", module, "-f", "plain", "-k", "Gen 1:1-Rev 22:21"])
            return try BibleExportParser.parseDiatheke(String(decoding: output.standardOutput, as: UTF8.self),
                                                       module: module, source: info.name)
        }
    }

    public func cacheIdentity() throws -> String? {
        if let missing = DebianPackages.firstMissing(edition.requiredPackages) {
            throw CorpusError.notInstalled(source: info.name, package: missing)
        }
        return "\(info.name)|\(DebianPackages.versionStamp(edition.requiredPackages))|parser=\(BibleExportParser.version)"
    }

    /// The cache identity and the stamp of every file the exporter reads.
    public func measurementKey() throws -> String {
        let identity = try cacheIdentity() ?? info.name
        return identity + "\n" + MeasurementKey.fileStamps(edition.dataFiles())
    }

    public func load() throws -> Corpus {
        let verses = try loadVerses()
        let version = DebianPackages.installedVersions([edition.debianPackage])[edition.debianPackage]
        return Corpus(info: info, documents: BibleSource.chapters(of: verses, source: info.name),
                      packageVersion: version)
    }

    /// Chapters as documents: the chapter's non-empty verse texts joined by single spaces.
    public static func chapters(of verses: [Verse], source: String) -> [Document] {
        var documents: [Document] = []
        var start = 0
        while start < verses.count {
            let first = verses[start].reference
            var end = start
            while end < verses.count, verses[end].reference.bookIndex == first.bookIndex,
                  verses[end].reference.chapter == first.chapter {
                end += 1
            }
            let text = verses[start..<end].map(\.text).filter { !$0.isEmpty }.joined(separator: " ")
            if !text.isEmpty {
                documents.append(Document(id: "\(source)/\(first.book) \(first.chapter)", source: source, text: text,
                                          file: first.book, entryIndex: first.chapter))
            }
            start = end
        }
        return documents
    }
}
