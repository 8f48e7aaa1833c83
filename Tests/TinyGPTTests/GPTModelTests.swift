// Whole-model tests: initial loss, finite-difference gradients of every tensor, batch-shape
// discipline, and the Hugging Face tensor exchange.
import Foundation
import Testing
@testable import TinyGPT

private let tinyConfig = ModelConfig(layers: 2, width: 16, heads: 2, contextLength: 8)

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
    let model = try GPTModel(config: ModelConfig(layers: 2, width: 64, heads: 4, contextLength: 64), seed: 3, threadCount: testThreadCount)
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

@Test func lossMatchesIndependentDoubleReference() throws {
    let model = try GPTModel(config: tinyConfig, seed: 41, threadCount: testThreadCount)
    let batch = try tinyBatch(seed: 42)
    let reference = ReferenceGPT2(config: tinyConfig, tensors: model.exportTensors())
    let loss = try model.forward(batch)
    #expect(abs(Double(loss) - reference.loss(batch)) < 2e-6, "model \(loss), reference \(reference.loss(batch))")
}

/// Every parameter tensor's gradient against central differences of the Double reference
/// (step 1e-4, truncation error ~1e-9), so what remains is the Float model's own rounding
/// (seen: ≤ 1e-6 of the tensor's largest gradient). Tolerance per tensor: 1e-5 of that largest
/// sampled gradient; four entries per tensor; the largest difference is reported on failure.
@Test func wholeModelGradientMatchesDoubleFiniteDifferences() throws {
    let model = try GPTModel(config: tinyConfig, seed: 11, threadCount: testThreadCount)
    let batch = try tinyBatch(seed: 13)
    _ = try model.forward(batch)
    model.zeroGradients()
    try model.backward()
    let analytic = model.gradientValues()
    var reference = ReferenceGPT2(config: tinyConfig, tensors: model.exportTensors())
    let step = 1e-4
    for tensor in model.layout.tensors {
        var differences: [(numeric: Double, difference: Double)] = []
        for index in sampleIndices(tensor.count, limit: 4) {
            let original = reference.tensors[tensor.name]![index]
            reference.tensors[tensor.name]![index] = original + step
            let plus = reference.loss(batch)
            reference.tensors[tensor.name]![index] = original - step
            let minus = reference.loss(batch)
            reference.tensors[tensor.name]![index] = original
            let numeric = (plus - minus) / (2 * step)
            differences.append((numeric, abs(numeric - Double(analytic[tensor.offset + index]))))
        }
        let scale = differences.map { abs($0.numeric) }.max()!
        let largest = differences.map(\.difference).max()!
        #expect(scale > 0, "\(tensor.name): all sampled gradients are zero")
        #expect(largest <= 1e-5 * scale, "\(tensor.name): largest |fd − analytic| = \(largest), gradient scale \(scale)")
    }
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
    _ = try fresh.forward(tinyBatch(seed: 2))
    try fresh.backward()
    #expect(throws: GPTModelError.backwardWithoutForward, "backward uses up its forward pass") { try fresh.backward() }
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

@Test func byteWindowsBecomeShiftedInputsAndTargets() throws {
    let batch = try TokenBatch(windows: Array("abcdXYZW".utf8), batchSize: 2, sequenceLength: 3)
    #expect(batch.inputs == [97, 98, 99, 88, 89, 90])
    #expect(batch.targets == [98, 99, 100, 89, 90, 87])
    #expect(throws: GPTModelError.windowByteCountMismatch(expected: 8, found: 7)) {
        try TokenBatch(windows: Array("abcdXYZ".utf8), batchSize: 2, sequenceLength: 3)
    }
    #expect(throws: GPTModelError.emptyBatch(batchSize: 0, sequenceLength: 3)) {
        try TokenBatch(batchSize: 0, sequenceLength: 3, inputs: [], targets: [])
    }
}
