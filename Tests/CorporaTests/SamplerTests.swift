// Proves the batch sampler is deterministic, resumes exactly from a saved position, keeps document
// order in sequential mode, and that evaluation windows never overlap.
import Corpora
import Foundation
import Testing

private let stream = TokenStream(documents: documents((0..<200).map { "document \($0): " + String(repeating: "ab", count: $0 % 20) }))

@Test(arguments: [SamplingMode.sequential, .randomWindows(seed: 42)])
func sameSeedAndStreamGiveTheSameBatches(mode: SamplingMode) throws {
    var first = try BatchSampler(stream: stream, batchSize: 4, contextLength: 16, mode: mode)
    var second = try BatchSampler(stream: stream, batchSize: 4, contextLength: 16, mode: mode)
    for _ in 0..<50 { #expect(first.next() == second.next()) }
}

@Test(arguments: [SamplingMode.sequential, .randomWindows(seed: 42)])
func restoredPositionContinuesIdentically(mode: SamplingMode) throws {
    var original = try BatchSampler(stream: stream, batchSize: 3, contextLength: 32, mode: mode)
    for _ in 0..<37 { _ = original.next() }
    let saved = try JSONDecoder().decode(SamplerPosition.self, from: JSONEncoder().encode(original.position))
    var resumed = try BatchSampler(stream: stream, batchSize: 3, contextLength: 32, mode: mode)
    try resumed.restore(saved)
    for _ in 0..<60 { #expect(original.next() == resumed.next()) }
}

@Test func sequentialModeReadsTheStreamInOrderAndCountsPasses() throws {
    var sampler = try BatchSampler(stream: stream, batchSize: 2, contextLength: 8, mode: .sequential)
    let first = sampler.next()
    #expect(Array(first.row(0)) == Array(stream.bytes[0..<9]))
    #expect(Array(first.row(1)) == Array(stream.bytes[8..<17]))
    #expect(Array(first.targets(0)) == Array(stream.bytes[1..<9]))
    #expect(Array(sampler.next().row(0)) == Array(stream.bytes[16..<25]))
    let batchesPerPass = (stream.count - 1) / 16
    for _ in 0..<batchesPerPass { _ = sampler.next() }
    #expect(sampler.position.passes == 1)
}

@Test func randomWindowsAreDifferentAcrossSeeds() throws {
    var first = try BatchSampler(stream: stream, batchSize: 4, contextLength: 16, mode: .randomWindows(seed: 1))
    var second = try BatchSampler(stream: stream, batchSize: 4, contextLength: 16, mode: .randomWindows(seed: 2))
    #expect(first.next() != second.next())
}

@Test func streamSeparatesDocumentsWithRecordSeparator() {
    let small = TokenStream(documents: documents(["ab", "c"]))
    #expect(small.bytes == [0x61, 0x62, 0x1E, 0x63, 0x1E])
    #expect(small.documentOffsets == [0, 3])
}

@Test func evaluationWindowsAreDisjointAndCoverTheStreamStart() throws {
    let batches = try EvaluationBatches.make(stream: stream, batchSize: 4, contextLength: 15, maximumBatches: 3)
    #expect(batches.count == 3)
    let rows = batches.flatMap { batch in (0..<batch.batchSize).map { Array(batch.row($0)) } }
    #expect(rows.joined().elementsEqual(stream.bytes.prefix(12 * 16)))
    #expect(try EvaluationBatches.make(stream: stream, batchSize: 4, contextLength: 15) .count == (stream.count / 16 + 3) / 4)
}

@Test func streamTooShortForOneBatchIsRejected() {
    #expect(throws: CorpusError.self) {
        try BatchSampler(stream: TokenStream(documents: documents(["tiny"])), batchSize: 2, contextLength: 8, mode: .sequential)
    }
}
