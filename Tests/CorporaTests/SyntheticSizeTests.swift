// Proves synthetic sizes are honoured (the text reaches the requested bytes and overshoots by less
// than one document), nest (a larger size begins with a smaller size's documents, the plain name's
// included), and that plain names still generate exactly the text they generated before sizes.
import Corpora
import Digests
import Testing

/// The requested bytes of a sized name.
private func requestedBytes(_ name: String) throws -> Int {
    guard case let .synthetic(_, byteCount?) = try SourceDescriptor(parsing: name) else {
        throw CorpusError.invalidParameter(name: "test name", reason: "\(name) has no size")
    }
    return byteCount
}

@Test(arguments: ["synthetic:alpha@1k", "synthetic:alpha@20k", "synthetic:alpha@150k", "synthetic:alpha-cyrillic@150k",
                  "synthetic:alpha-sov@333333", "synthetic:gamma@1200k"])
func sizedSourceGeneratesItsBytesWithinOneDocument(name: String) throws {
    let requested = try requestedBytes(name)
    let canonical = try SourceDescriptor(parsing: name).name
    let corpus = try CorpusCatalog(cache: CorpusCache(directory: try temporaryFolder())).load(name)
    let last = try #require(corpus.documents.last)
    #expect(corpus.byteCount >= requested, "\(name): \(corpus.byteCount) bytes")
    #expect(corpus.byteCount - last.byteCount < requested, "\(name): \(corpus.byteCount) bytes")
    #expect(corpus.info.name == canonical)
    #expect(corpus.documents.allSatisfy { $0.source == canonical })
}

@Test func largerSizesBeginWithTheSmallerSizesDocuments() throws {
    let catalog = CorpusCatalog(cache: CorpusCache(directory: try temporaryFolder()))
    let small = try catalog.load("synthetic:alpha@50k")
    let plain = try catalog.load("synthetic:alpha")
    let large = try catalog.load("synthetic:alpha@1M")
    #expect(small.documentCount < plain.documentCount && plain.documentCount < large.documentCount)
    for smaller in [small, plain] {
        let prefix = large.documents.prefix(smaller.documentCount)
        #expect(smaller.documents.map(\.bytes) == prefix.map(\.bytes), "\(smaller.info.name) is not a prefix of alpha@1M")
        #expect(smaller.documents.map(\.id) == prefix.map(\.id))
    }
    #expect(large.documents.first?.id == "synthetic:alpha#0")
    let otherSeed = try SyntheticSource(parameters: SyntheticPreset.alpha.parameters, length: .bytes(50_000), textSeed: 2).load()
    #expect(otherSeed.documents.map(\.bytes) != small.documents.map(\.bytes))
}

/// FNV-1a 64 chained (from seed 0) over every document's bytes of each preset's plain name, with its byte count,
/// as generated before sizes existed: specs and result stores that name `synthetic:alpha` must keep
/// meaning this text.
@Test(arguments: [(SyntheticPreset.alpha, 717_007, 0xBEA6_E6AC_1F69_0F89 as UInt64),
                  (.beta, 746_943, 0x96E2_0A81_A225_2CFD), (.gamma, 1_282_712, 0xA65F_77FF_2A7E_D21A),
                  (.delta, 1_331_820, 0xCC74_7556_578B_60A0)])
func plainNameKeepsTheTextItHadBeforeSizes(preset: SyntheticPreset, bytes: Int, hash: UInt64) throws {
    let corpus = try SourceDescriptor(parsing: "synthetic:\(preset.rawValue)").makeSource().load()
    #expect(corpus.documentCount == SyntheticPreset.defaultDocumentCount)
    #expect(corpus.byteCount == bytes)
    #expect(corpus.documents.reduce(UInt64(0)) { FNV1a64.hash($1.bytes, seed: $0) } == hash)
}
