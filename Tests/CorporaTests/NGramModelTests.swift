// Proves the Witten–Bell byte n-gram model is a proper distribution for seen and unseen contexts and
// that its bits per byte separate in-domain from out-of-domain text.
import Corpora
import Testing

private let training = documents(["the cat sat on the mat", "the dog sat on the log", "a cat and a dog"])

@Test(arguments: [1, 2, 3, 5, 8])
func probabilitiesOverAll256NextBytesSumToOne(order: Int) throws {
    let model = try ByteNGramModel(order: order, trainingOn: training)
    let contexts: [[UInt8]] = [[], Array("the ".utf8), Array("the c".utf8), Array("zzqx".utf8), [0xFF, 0x00, 0x1E],
                               Array("on the m".utf8)]
    for context in contexts {
        let total = model.distribution(after: context).reduce(0, +)
        #expect(abs(total - 1) < 1e-9, "order \(order), context \(context): \(total)")
    }
}

@Test func untrainedModelIsUniform() throws {
    let model = try ByteNGramModel(order: 3)
    #expect(model.probability(of: 65, after: []) == 1.0 / 256)
    #expect(abs(model.bitsPerByte(Array("abc".utf8)) - 8) < 1e-12)
}

@Test func seenContinuationIsMoreLikelyThanUnseen() throws {
    let model = try ByteNGramModel(order: 4, trainingOn: training)
    #expect(model.probability(of: UInt8(ascii: "a"), after: Array("the m".utf8))
        > model.probability(of: UInt8(ascii: "q"), after: Array("the m".utf8)))
}

@Test func inDomainTextScoresFewerBitsPerByteThanOtherText() throws {
    let alpha = try SharedCorpora.alpha.get()
    let model = try ByteNGramModel(order: 4, trainingOn: Array(alpha.documents.prefix(1_000)))
    let heldOut = alpha.documents[1_000].bytes
    let gamma = try SyntheticSource(preset: .gamma, documentCount: 5).load()
    #expect(model.bitsPerByte(heldOut) < 3)
    #expect(model.bitsPerByte(heldOut) + 2 < model.bitsPerByte(gamma.documents[0].bytes))
}

@Test func invalidOrderIsRejected() {
    #expect(throws: CorpusError.self) { try ByteNGramModel(order: 0) }
    #expect(throws: CorpusError.self) { try ByteNGramModel(order: 9) }
}
