// Whole-model tests: initial loss, finite-difference gradients of every tensor, batch-shape
// discipline, and the Hugging Face tensor exchange.
import Foundation
import Testing
@testable import TinyGPT

private let tinyConfig = ModelConfig(numLayers: 2, channels: 16, numHeads: 2, contextLength: 8)

private func tinyBatch(seed: UInt64, batchSize: Int = 2, sequenceLength: Int = 6) throws -> TokenBatch {
    try TokenBatch(batchSize: batchSize, sequenceLength: sequenceLength,
                   inputs: randomTokens(batchSize * sequenceLength, vocabSize: 256, seed: seed),
                   targets: randomTokens(batchSize * sequenceLength, vocabSize: 256, seed: seed + 1))
}

@Test func initialLossIsCloseToUniformOverBytes() throws {
    let model = try GPTModel(config: tinyConfig, seed: 1, threadCount: testThreadCount)
    let loss = try model.forward(tinyBatch(seed: 5))
    #expect(abs(Double(loss) - log(256.0)) < 0.1, "initial loss \(loss), ln 256 = \(log(256.0))")
}

@Test func initialisationFollowsGPT2() throws {
    let model = try GPTModel(config: ModelConfig(numLayers: 2, channels: 64, numHeads: 4, contextLength: 64), seed: 3, threadCount: testThreadCount)
    let tensors = Dictionary(uniqueKeysWithValues: model.exportTensors().map { ($0.name, $0.values) })
    func std(_ values: [Float]) -> Double {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        return (values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)).squareRoot()
    }
    #expect(abs(std(tensors["transformer.wte.weight"]!) - 0.02) < 0.001)
    #expect(abs(std(tensors["transformer.h.0.mlp.c_fc.weight"]!) - 0.02) < 0.001)
    #expect(abs(std(tensors["transformer.h.1.mlp.c_proj.weight"]!) - 0.01) < 0.0005)  // 0.02/√(2·2)
    #expect(tensors["transformer.h.0.ln_1.weight"]!.allSatisfy { $0 == 1 })
    #expect(tensors["transformer.h.0.attn.c_attn.bias"]!.allSatisfy { $0 == 0 })
    #expect(tensors["transformer.ln_f.bias"]!.allSatisfy { $0 == 0 })
}

@Test func wholeModelGradientMatchesFiniteDifferences() throws {
    let model = try GPTModel(config: tinyConfig, seed: 11, threadCount: testThreadCount)
    // Larger-than-GPT-2 weights make every gradient well above the Float rounding of the loss.
    var values = randomValues(model.layout.count, seed: 12, std: 0.3)
    try model.setParameterValues(values)
    let batch = try tinyBatch(seed: 13)
    _ = try model.forward(batch)
    model.zeroGradients()
    try model.backward()
    let analytic = model.gradientValues()
    func loss(_ candidate: [Float]) -> Double {
        try! model.setParameterValues(candidate)
        return Double(try! model.forward(batch))
    }
    var report: [String] = []
    for tensor in model.layout.tensors {
        let indices = sampleIndices(tensor.count, limit: 6).map { $0 + tensor.offset }
        let scale = indices.reduce(0.0) { max($0, abs(Double(analytic[$1]))) }
        let comparison = compareWithFiniteDifferences(
            name: tensor.name, values: &values, analytic: analytic, indices: indices, epsilon: 1e-2,
            absoluteTolerance: 2e-4 + 2e-2 * scale, relativeTolerance: 2e-2, objective: loss)
        report.append(comparison.description)
        #expect(comparison.passed, "\(comparison)")
    }
    #expect(report.count == model.layout.tensors.count)
}

@Test func batchShapeChangeIsAnExplicitError() throws {
    let model = try GPTModel(config: tinyConfig, seed: 1, threadCount: testThreadCount)
    _ = try model.forward(tinyBatch(seed: 1))
    #expect(throws: GPTModelError.batchShapeChanged(allocated: [2, 6], requested: [1, 6])) {
        _ = try model.forward(tinyBatch(seed: 1, batchSize: 1))
    }
    try model.allocateActivations(batchSize: 1, sequenceLength: 6)
    _ = try model.forward(tinyBatch(seed: 1, batchSize: 1))
    #expect(throws: GPTModelError.invalidBatchShape(batchSize: 1, sequenceLength: 9, contextLength: 8)) {
        try model.allocateActivations(batchSize: 1, sequenceLength: 9)
    }
    let fresh = try GPTModel(config: tinyConfig, seed: 1, threadCount: testThreadCount)
    #expect(throws: GPTModelError.backwardWithoutForward) { try fresh.backward() }
    #expect(throws: GPTModelError.tokenOutOfRange(token: 300, vocabSize: 256)) {
        _ = try fresh.forward(TokenBatch(batchSize: 1, sequenceLength: 1, inputs: [300], targets: [0]))
    }
}

@Test func exportedTensorsUseHuggingFaceNamesAndRoundTrip() throws {
    let model = try GPTModel(config: tinyConfig, seed: 21, threadCount: testThreadCount)
    let tensors = model.exportTensors()
    let shapes = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.shape) })
    #expect(shapes["transformer.wte.weight"] == [256, 16])
    #expect(shapes["transformer.wpe.weight"] == [8, 16])
    #expect(shapes["transformer.h.1.attn.c_attn.weight"] == [16, 48])
    #expect(shapes["transformer.h.1.attn.c_attn.bias"] == [48])
    #expect(shapes["transformer.h.0.attn.c_proj.weight"] == [16, 16])
    #expect(shapes["transformer.h.0.mlp.c_fc.weight"] == [16, 64])
    #expect(shapes["transformer.h.0.mlp.c_proj.weight"] == [64, 16])
    #expect(shapes["transformer.ln_f.bias"] == [16])
    #expect(tensors.count == 2 + 2 * 12 + 2)

    let other = try GPTModel(config: tinyConfig, seed: 22, threadCount: testThreadCount)
    #expect(other.exportTensors() != tensors)
    try other.importTensors(tensors.reversed())
    #expect(other.exportTensors() == tensors)
    let batch = try tinyBatch(seed: 23)
    #expect(try other.forward(batch) == model.forward(batch))

    #expect(throws: GPTModelError.missingTensor(name: "transformer.ln_f.bias")) {
        try other.importTensors(tensors.filter { $0.name != "transformer.ln_f.bias" })
    }
    var wrongShape = tensors
    wrongShape[0] = NamedTensor(name: "transformer.wte.weight", shape: [16, 256], values: tensors[0].values)
    #expect(throws: GPTModelError.tensorShapeMismatch(name: "transformer.wte.weight", expected: [256, 16],
                                                      found: [16, 256])) {
        try other.importTensors(wrongShape)
    }
    #expect(throws: GPTModelError.unknownTensor(name: "transformer.h.2.ln_1.weight")) {
        try other.importTensors(tensors + [NamedTensor(name: "transformer.h.2.ln_1.weight", shape: [16],
                                                       values: [Float](repeating: 1, count: 16))])
    }
}

@Test func predictedProbabilitiesAreDistributions() throws {
    let model = try GPTModel(config: tinyConfig, seed: 31, threadCount: testThreadCount)
    let probabilities = try model.predictProbabilities(inputs: [72, 105, 33], batchSize: 1, sequenceLength: 3)
    #expect(probabilities.count == 3 * 256)
    for row in 0..<3 {
        let sum = probabilities[(row * 256)..<((row + 1) * 256)].reduce(0, +)
        #expect(abs(sum - 1) < 1e-5)
    }
}
