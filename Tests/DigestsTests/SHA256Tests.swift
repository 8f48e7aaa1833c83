// Proves the SHA-256 against the FIPS 180-4 examples, whole and fed in uneven pieces.
import Digests
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
    let pieceSizes = [1, 63, 64, 65, 127, 1000, 4096]
    var hasher = SHA256()
    var offset = 0
    var piece = 0
    while offset < message.count {
        let end = min(message.count, offset + pieceSizes[piece % pieceSizes.count])
        hasher.update(message[offset..<end])
        offset = end
        piece += 1
    }
    #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
}

@Test func sha256ReadsBytesFromNonContiguousCollections() {
    #expect(SHA256.hex(of: "abc".utf8.lazy.map { $0 }) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}
