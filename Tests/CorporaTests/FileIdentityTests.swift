// Proves that a file's digest follows its bytes (and only its bytes) through edits and moves, and
// that paths a study cannot read are told apart without reading them.
import Corpora
import Digests
import Foundation
import Testing

@Test func fileDigestFollowsTheBytesNotThePathOrTheClock() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/corpus.txt"
    try "first version\n".write(toFile: path, atomically: false, encoding: .utf8)
    let first = try FileDigest.sha256(ofFileAt: path)
    #expect(first == SHA256.hex(of: Array("first version\n".utf8)))
    #expect(try FileDigest.sha256(ofFileAt: path) == first)

    // Same size, new bytes, and a modification time that may fall in the same clock tick: the
    // write is followed by an explicit change of the time so the cached entry cannot match.
    try "other version\n".write(toFile: path, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: path)
    #expect(try FileDigest.sha256(ofFileAt: path) == SHA256.hex(of: Array("other version\n".utf8)))

    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 10)], ofItemAtPath: path)
    #expect(try FileDigest.sha256(ofFileAt: path) == SHA256.hex(of: Array("other version\n".utf8)))

    let moved = folder + "/moved.txt"
    try FileManager.default.moveItem(atPath: path, toPath: moved)
    #expect(try FileDigest.sha256(ofFileAt: moved) == SHA256.hex(of: Array("other version\n".utf8)))
    #expect(throws: CorpusError.self) { try FileDigest.sha256(ofFileAt: path) }
}

@Test func loadedFileCorpusCarriesTheDigestOfItsRawBytes() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/notes.txt"
    let text = "One.  \n\nTwo\u{7}.\n"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let corpus = try FileSource(path: path).load()
    #expect(corpus.contentDigest == SHA256.hex(of: Array(text.utf8)))
    #expect(try FileDigest.sha256(ofFileAt: path) == corpus.contentDigest)
    try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
    #expect(try FileSource(path: folder).load().contentDigest == nil)
}

@Test func pathsAStudyCannotReadAreToldApartWithoutReadingThem() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let file = folder + "/text.txt"
    try "text\n".write(toFile: file, atomically: true, encoding: .utf8)
    let pipe = folder + "/pipe"
    #expect(mkfifo(pipe, 0o644) == 0)

    #expect(FileSource.problem(withPath: file) == nil)
    #expect(FileSource.problem(withPath: folder + "/missing.txt") == .notFound(path: folder + "/missing.txt"))
    #expect(FileSource.problem(withPath: folder) == .notRegularFile(path: folder, kind: .directory))
    #expect(FileSource.problem(withPath: "/") == .notRegularFile(path: "/", kind: .directory))
    #expect(FileSource.problem(withPath: "/dev/null") == .notRegularFile(path: "/dev/null", kind: .characterDevice))
    #expect(FileSource.problem(withPath: pipe) == .notRegularFile(path: pipe, kind: .fifo))
    if geteuid() != 0 {  // root reads every file
        #expect(chmod(file, 0) == 0)
        #expect(FileSource.problem(withPath: file) == .unreadable(path: file, reason: "permission denied"))
    }
}
