// Proves the SHA-256 against the FIPS 180-4 examples, that a file's digest follows its bytes (and
// only its bytes) through edits and moves, and that paths a study cannot read are told apart
// without reading them.
import Corpora
import Foundation
import Testing

@Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
])
func sha256MatchesTheFIPSExamples(message: String, digest: String) {
    #expect(SHA256.hex(of: Array(message.utf8)) == digest)
}

@Test func sha256OfAMillionBytesFedInUnevenPiecesMatchesTheFIPSExample() {
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    var hasher = SHA256()
    var offset = 0
    for size in [1, 63, 64, 65, 127, 1000, 4096].cycled() {
        guard offset < message.count else { break }
        let end = min(message.count, offset + size)
        hasher.update(message[offset..<end])
        offset = end
    }
    #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

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

private extension Array {
    /// The elements repeated without end.
    func cycled() -> UnfoldSequence<Element, Int> {
        sequence(state: 0) { index in
            defer { index = (index + 1) % count }
            return self[index]
        }
    }
}
