// Generation and byte-file evaluation: determinism, greedy and top-k edge cases, windowing.
import Testing
@testable import TinyGPT

private let config = ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)

@Test func generationIsReproducibleAndRespectsGreedyAndTopK() throws {
    let model = try GPTModel(config: config, seed: 1, threadCount: testThreadCount)
    let prompt = Array("hello".utf8)
    let first = try model.generate(prompt: prompt, byteCount: 12, temperature: 1, seed: 7)
    let second = try model.generate(prompt: prompt, byteCount: 12, temperature: 1, seed: 7)
    #expect(first.count == 12 && first == second)
    let greedy = try model.generate(prompt: prompt, byteCount: 12, temperature: 0, seed: 1)
    #expect(try model.generate(prompt: prompt, byteCount: 12, temperature: 0.7, topK: 1, seed: 99) == greedy)
    #expect(throws: SamplingError.emptyPrompt) { try model.generate(prompt: [], byteCount: 1, seed: 1) }
    #expect(throws: SamplingError.invalidTopK(0)) { try model.generate(prompt: prompt, byteCount: 1, topK: 0, seed: 1) }
}

@Test func drawRespectsTopKAndTies() {
    var random = DeterministicRandom(seed: 3)
    var probabilities = [Float](repeating: 0, count: 256)
    probabilities[65] = 0.5
    probabilities[66] = 0.3
    probabilities[67] = 0.2
    let draws = (0..<200).map { _ in
        GPTModel.drawByte(from: probabilities, temperature: 1, topK: 2, random: &random)
    }
    #expect(Set(draws) == [65, 66])
    let uniform = [Float](repeating: 1.0 / 256, count: 256)
    #expect(GPTModel.drawByte(from: uniform, temperature: 0, topK: nil, random: &random) == 0)
}

@Test func byteFileEvaluationUsesNonOverlappingWindows() throws {
    let model = try GPTModel(config: config, seed: 2, threadCount: testThreadCount)
    let bytes = Array("the quick brown fox jumps over the lazy dog".utf8)  // 43 bytes → 5 windows of 8
    let result = try model.evaluate(bytes: bytes, sequenceLength: 8, batchSize: 2)
    #expect(result.tokenCount == 40)
    var total = 0.0
    for window in 0..<5 {
        let slice = Array(bytes[(window * 8)...(window * 8 + 8)])
        try model.allocateActivations(batchSize: 1, sequenceLength: 8)
        total += Double(try model.forward(TokenBatch(windows: slice, batchSize: 1, sequenceLength: 8)))
    }
    #expect(abs(result.lossNats - total / 5) < 1e-6)
    #expect(throws: EvaluationError.tooFewBytes(byteCount: 8, sequenceLength: 8)) {
        try model.evaluate(bytes: Array(bytes.prefix(8)), sequenceLength: 8, batchSize: 2)
    }
}
