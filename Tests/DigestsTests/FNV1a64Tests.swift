// Proves FNV-1a 64 is the published algorithm: the offset basis and the reference test vectors.
import Digests
import Testing

@Test func fnv1a64MatchesPublishedTestVectors() {
    #expect(FNV1a64.hash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
    #expect(FNV1a64.hash("a") == 0xaf63_dc4c_8601_ec8c)
    #expect(FNV1a64.hash("foobar") == 0x8594_4171_f739_67e8)
}

@Test func fnv1a64ContinuesFromASeedAsIfTheBytesWereJoined() {
    #expect(FNV1a64.hash("bar", seed: FNV1a64.hash("foo")) == 0x8594_4171_f739_67e8)
}
