// Proves the quirks of the installed Debian fortune packages (DEPS.md §3.1) are handled, one file or
// one file listing per quirk; skipped when the package is not installed.
@testable import Corpora
import Foundation
import Testing

private func cleanedFile(_ relative: String, irc: Bool = false) throws -> [String] {
    let path = FortuneLanguage.root + "/" + relative
    let data = try #require(FileManager.default.contents(atPath: path))
    return try FortuneCleaner.entries(of: [UInt8](data), file: path, options: FortuneCleaning(removesIRCLogNoise: irc))
        .map { String(decoding: $0, as: UTF8.self) }
}

private func containsControlCharacters(_ text: String) -> Bool {
    text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }
}

@Test(.enabled(if: Installed.packages("fortunes")))
func englishReadsEachRealFileOnceAndLeavesOutOtherLanguagesIndexesAndPictures() throws {
    let (files, skipped) = try FortuneSource(language: .en).selectFiles()
    let reasons = Dictionary(skipped.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
    #expect(files.contains("cookie"))
    #expect(!files.contains { $0.hasSuffix(".dat") || $0.hasSuffix(".u8") })
    #expect(reasons["ascii-art"]?.contains("ASCII art") == true)
    #expect(reasons["adams → it/adams"]?.contains("another language") == true, "links into it/ belong to Italian")
    #expect(reasons["brasil"] != nil && reasons["chinese"] != nil)
    let realPaths = files.map { URL(fileURLWithPath: FortuneLanguage.root + "/" + $0).resolvingSymlinksInPath().path }
    #expect(Set(realPaths).count == realPaths.count)
}

@Test(.enabled(if: Installed.packages("fortunes-zh")))
func chineseColourEscapesAreStripped() throws {
    let entries = try cleanedFile("tang300")
    #expect(entries.count > 300)
    #expect(!entries.contains { $0.contains("\u{1B}") || $0.contains("[32m") || containsControlCharacters($0) })
    #expect(entries.joined().unicodeScalars.contains { $0.properties.isIdeographic })
}

@Test(.enabled(if: Installed.packages("fortunes-pl")))
func polishSkipsEmptyU8FilesAndCleansIRCColours() throws {
    let (files, skipped) = try FortuneSource(language: .pl).selectFiles()
    #expect(files.contains("pl/argante"))
    #expect(skipped.contains { $0.path == "pl/argante.u8" })
    let argante = try cleanedFile("pl/argante", irc: true)
    #expect(!argante.contains { containsControlCharacters($0) })
    #expect(argante.contains { $0.contains("ż") || $0.contains("ł") })
}

@Test(.enabled(if: Installed.packages("fortunes-es")))
func spanishOffensiveFolderIsExcludedUnlessRequested() throws {
    let (files, skipped) = try FortuneSource(language: .es).selectFiles()
    #expect(!files.contains { $0.hasPrefix("es/off/") })
    #expect(skipped.contains { $0.path == "es/off" && $0.reason.contains("offensive") })
    let (allFiles, _) = try FortuneSource(language: .es, includesOffensive: true).selectFiles()
    #expect(allFiles.contains("es/off/racistas.fortunes"))
}

@Test(.enabled(if: Installed.packages("fortunes-it")))
func italianIsAsciiWithApostropheAccentsAndSaysSo() throws {
    let source = FortuneSource(language: .it)
    #expect(source.info.notes.contains { $0.contains("apostrophes") })
    let text = try cleanedFile("it/formiche").joined(separator: "\n")
    #expect(text.utf8.allSatisfy { $0 < 0x80 })
    let (files, skipped) = try source.selectFiles()
    #expect(files.contains("it/adams"))
    #expect(skipped.contains { $0.path == "it/banner" })
}

@Test(.enabled(if: Installed.packages("fortunes-ru")))
func russianCRLFFileLosesItsCarriageReturns() throws {
    let entries = try cleanedFile("ru/amur")
    #expect(!entries.isEmpty)
    #expect(!entries.contains { $0.contains("\r") })
}

@Test(.enabled(if: Installed.packages("fortunes-cs")))
func czechIsReadOnceThoughCzAndSkFoldersLinkToIt() throws {
    let (files, _) = try FortuneSource(language: .cs).selectFiles()
    #expect(files.contains("cs/klasik-sk"))
    #expect(!files.contains { $0.hasPrefix("cz/") || $0.hasPrefix("sk/") })
}

@Test(.enabled(if: Installed.packages("fortunes-ga")))
func irishLoadsEndToEndWithPackageVersionAndLicence() throws {
    let corpus = try FortuneSource(language: .ga).load()
    #expect((150...160).contains(corpus.documentCount))
    #expect((7_000...8_500).contains(corpus.byteCount))
    #expect(corpus.packageVersion != nil)
    #expect(corpus.info.licenceFile == "/usr/share/doc/fortunes-ga/copyright")
    #expect(corpus.documents.first?.id.hasPrefix("fortunes:ga/ga/proverbs#") == true)
}

@Test(.enabled(if: Installed.packages("fortunes-br")))
func portugueseIsTheSingleBrasilFile() throws {
    let (files, _) = try FortuneSource(language: .pt).selectFiles()
    #expect(files == ["brasil"])
}
