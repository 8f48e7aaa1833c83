// `GPTModel.inspect(_:)`: its gradients are the model's own after forward/backward, its logits are
// the pre-softmax values behind `predictProbabilities` and match the Double reference, and
// `TokenBatch.firstEvaluationBatch` is the batch `evaluate(bytes:…)` runs first.
import Foundation
import Testing
@testable import TinyGPT

private let config = ModelConfig(layers: 2, width: 16, heads: 2, contextLength: 8)

private func batch(seed: UInt64, batchSize: Int = 2, sequenceLength: Int = 6) throws -> TokenBatch {
    try TokenBatch(batchSize: batchSize, sequenceLength: sequenceLength,
                   inputs: randomTokens(batchSize * sequenceLength, vocabSize: 256, seed: seed),
                   targets: randomTokens(batchSize * sequenceLength, vocabSize: 256, seed: seed + 1))
}

/// A model whose parameters are spread wider than GPT-2's initialisation (standard deviation
/// 0.5), so that logits span several nats and a wrong offset or scale cannot hide in tiny values.
private func spreadModel(seed: UInt64) throws -> GPTModel {
    let model = try GPTModel(config: config, seed: seed, threadCount: testThreadCount)
    try model.setParameterValues(randomValues(model.layout.count, seed: seed + 100, std: 0.5))
    return model
}

@Test func inspectionGradientsAreThoseOfForwardAndBackward() throws {
    let inspected = try spreadModel(seed: 3)
    let plain = try spreadModel(seed: 3)
    let target = try batch(seed: 7)

    // Gradients accumulated beforehand (another batch, another shape) must not leak in.
    _ = try inspected.forward(batch(seed: 9, batchSize: 1, sequenceLength: 8))
    try inspected.backward()
    let inspection = try inspected.inspect(target)

    try plain.allocateActivations(batchSize: 2, sequenceLength: 6)
    plain.zeroGradients()
    let loss = try plain.forward(target)
    try plain.backward()
    let expected = plain.gradientValues()

    #expect(inspection.loss == loss)
    #expect(inspection.gradients.map(\.name) == plain.layout.tensors.map(\.name))
    #expect(inspection.gradients.map(\.shape) == plain.layout.tensors.map(\.shape))
    let flattened = inspection.gradients.flatMap(\.values)
    #expect(flattened.count == expected.count)
    #expect(largestDifference(flattened, expected) == 0)  // the same arithmetic, so bit-identical
    #expect(largestDifference(inspected.gradientValues(), expected) == 0)
    #expect(expected.contains { $0 != 0 })
}

/// log-softmax of the logits against log of the probabilities the forward pass itself computes:
/// both come from the same Float logits, and the probabilities' `fastExp` is accurate to ~3 ulp,
/// so they agree to ~1e-6 nats (measured 5.9e-7 on logits spanning 8 nats); 1e-5 leaves room
/// without letting a shifted or scaled logit pass.
@Test func logitsLogSoftmaxEqualsLogOfPredictedProbabilities() throws {
    let model = try spreadModel(seed: 5)
    let target = try batch(seed: 11)
    let logits = try model.inspect(target).logits
    #expect(logits.name == "logits")
    #expect(logits.shape == [2, 6, 256])
    let probabilities = try model.predictProbabilities(inputs: target.inputs, batchSize: 2, sequenceLength: 6)

    var largest = 0.0
    var spread = 0.0
    for row in 0..<12 {
        let values = logits.values[(row * 256)..<((row + 1) * 256)].map(Double.init)
        let maximum = values.max()!
        let logSum = log(values.reduce(0.0) { $0 + exp($1 - maximum) }) + maximum
        spread = max(spread, maximum - values.min()!)
        for v in 0..<256 {
            largest = max(largest, abs((values[v] - logSum) - log(Double(probabilities[row * 256 + v]))))
        }
    }
    #expect(spread > 3, "logits span only \(spread) nats; the test needs wider logits")
    #expect(largest < 1e-5, "largest |log-softmax(logits) − log p| = \(largest)")
}

/// Absolute logits (no softmax offset to hide behind) against the Double reference. Float rounding
/// through two layers gives a few 1e-6 on logits of a few units (measured 2.3e-6); 2e-5 keeps a
/// ten-fold margin. A constant offset, which the log-softmax test cannot see, fails here.
@Test func logitsMatchTheDoubleReference() throws {
    let model = try spreadModel(seed: 15)
    let target = try batch(seed: 17)
    let logits = try model.inspect(target).logits.values
    let reference = ReferenceGPT2(config: config, tensors: model.exportTensors()).logits(target).flatMap { $0 }
    let largest = zip(logits, reference).reduce(0.0) { max($0, abs(Double($1.0) - $1.1)) }
    #expect(largest < 2e-5, "largest |logit − reference| = \(largest)")
}

/// The tied `wte` gradient (embedding rows of the input tokens plus the LM head) through the
/// inspection API, against central differences of the Double reference (step 1e-4), for entries
/// in rows that are both inputs and targets and one row that is neither. Measured differences are
/// ≤ 2.2e-7, the Float model's rounding; the tolerance is 1e-6 + 1e-4·|gradient|.
@Test func tiedEmbeddingGradientMatchesFiniteDifferences() throws {
    let model = try GPTModel(config: config, seed: 19, threadCount: testThreadCount)
    let target = try TokenBatch(batchSize: 1, sequenceLength: 4, inputs: [65, 66, 67, 65], targets: [66, 67, 65, 66])
    let inspection = try model.inspect(target)
    let gradient = try #require(inspection.gradients.first { $0.name == "transformer.wte.weight" })
    var reference = ReferenceGPT2(config: config, tensors: model.exportTensors())
    let step = 1e-4
    for (row, channel) in [(65, 0), (66, 7), (67, 15), (200, 3)] {
        let index = row * config.width + channel
        let original = reference.tensors["transformer.wte.weight"]![index]
        reference.tensors["transformer.wte.weight"]![index] = original + step
        let plus = reference.loss(target)
        reference.tensors["transformer.wte.weight"]![index] = original - step
        let minus = reference.loss(target)
        reference.tensors["transformer.wte.weight"]![index] = original
        let numeric = (plus - minus) / (2 * step)
        let analytic = Double(gradient.values[index])
        #expect(abs(numeric - analytic) <= 1e-6 + 1e-4 * abs(numeric),
                "wte[\(row), \(channel)]: finite difference \(numeric), inspection \(analytic)")
    }
}

@Test func firstEvaluationBatchIsTheOneEvaluateRunsFirst() throws {
    let model = try GPTModel(config: config, seed: 23, threadCount: testThreadCount)
    let bytes = Array("the quick brown fox jumps over the lazy dog".utf8)  // 43 bytes → 5 windows of 8

    let full = try TokenBatch.firstEvaluationBatch(of: bytes, sequenceLength: 8, batchSize: 2)
    #expect(full.batchSize == 2 && full.sequenceLength == 8)
    #expect(full.inputs == (Array(bytes[0..<8]) + Array(bytes[8..<16])).map(Int32.init))
    #expect(full.targets == (Array(bytes[1...8]) + Array(bytes[9...16])).map(Int32.init))

    // Fewer windows than the batch size: one smaller batch, whose loss is the whole evaluation.
    let short = try TokenBatch.firstEvaluationBatch(of: bytes, sequenceLength: 8, batchSize: 8)
    #expect(short.batchSize == 5)
    let inspection = try model.inspect(short)
    let evaluation = try model.evaluate(bytes: bytes, sequenceLength: 8, batchSize: 8)
    #expect(evaluation.tokenCount == 40)
    #expect(evaluation.lossNats == Double(inspection.loss))

    #expect(throws: EvaluationError.tooFewBytes(byteCount: 8, sequenceLength: 8)) {
        try TokenBatch.firstEvaluationBatch(of: Array(bytes[0..<8]), sequenceLength: 8, batchSize: 2)
    }
    #expect(throws: GPTModelError.emptyBatch(batchSize: 0, sequenceLength: 8)) {
        try TokenBatch.firstEvaluationBatch(of: bytes, sequenceLength: 8, batchSize: 0)
    }
}
