// Proves file: sources split at blank lines or separators, read folders once per real file, and
// reject non-UTF-8 files with the file named.
import Corpora
import Foundation
import Testing

@Test func fileIsSplitAtBlankLines() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/notes.txt"
    try "First paragraph\ncontinues.\n\n\nSecond.  \n\nThird\n".write(toFile: path, atomically: true, encoding: .utf8)
    let corpus = try FileSource(path: path).load()
    #expect(corpus.documents.map(\.text) == ["First paragraph\ncontinues.", "Second.", "Third"])
    #expect(corpus.documents.map(\.id) == ["file:\(path)/notes.txt#0", "file:\(path)/notes.txt#1", "file:\(path)/notes.txt#2"])
}

@Test func folderIsReadRecursivelyWithSeparatorAndEachRealFileOnce() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    try "a\n%\nb\n".write(toFile: folder + "/one", atomically: true, encoding: .utf8)
    try "c\n\nstill c\n".write(toFile: folder + "/sub/two", atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: folder + "/zz-link", withDestinationPath: folder + "/one")
    let corpus = try FileSource(path: folder, boundary: .separatorLine("%")).load()
    #expect(corpus.documents.map(\.text) == ["a", "b", "c\n\nstill c"])
}

@Test func nonUTF8FileIsRejectedNamingTheFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/latin1.txt"
    #expect(FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x61, 0x66, 0xE9])))
    #expect(throws: CorpusError.invalidUTF8(file: path, byteOffset: 3)) { try FileSource(path: path).load() }
    let converted = try FileSource(path: path, nonUTF8Policy: .convertFromLatin1).load()
    #expect(converted.documents.map(\.text) == ["café"])
}
