// A model saved as a checkpoint folder loads back with the same shape, parameters and loss.
import Foundation
import Testing
@testable import TinyGPT

@Test func savedModelLoadsWithIdenticalParametersAndLoss() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let config = ModelConfig(layers: 2, width: 16, heads: 2, contextLength: 8)
    let model = try GPTModel(config: config, seed: 3)
    var source = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 5)
    let batch = try source.nextBatch()
    try model.allocateActivations(batchSize: 2, sequenceLength: 8)
    let loss = try model.forward(batch)

    let folder = directory.file("checkpoint")
    try CheckpointFolder.save(tensors: model.exportTensors(),
                              config: GPT2Config(model: ModelConfig(layers: 2, width: 16, heads: 2, contextLength: 8)),
                              trainingState: nil, to: folder)
    let loaded = try GPTModel.load(from: folder)
    #expect(loaded.config == config)
    #expect(loaded.parameterValues() == model.parameterValues())
    try loaded.allocateActivations(batchSize: 2, sequenceLength: 8)
    #expect(try loaded.forward(batch) == loss)
}

@Test func loadingAFolderWithoutDoneMarkerFails() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(throws: (any Error).self) {
        try GPTModel.load(from: directory.url)
    }
}

@Test(arguments: [(1, 8, 1, 4, 256, 1, 4), (3, 16, 2, 8, 256, 2, 8), (2, 24, 3, 16, 97, 5, 11)])
func memoryEstimateCountsExactlyTheBuffersTheModelAllocates(layers: Int, width: Int, heads: Int, context: Int,
                                                             vocabulary: Int, batch: Int, sequence: Int) {
    let config = ModelConfig(layers: layers, width: width, heads: heads, contextLength: context, vocabSize: vocabulary)
    #expect(config.parameterCountEstimate == Double(config.parameterCount))
    let layout = ActivationLayout(config: config, batchSize: batch, sequenceLength: sequence)
    #expect(config.activationCountEstimate(batchSize: batch, sequenceLength: sequence) == Double(layout.count))
    let estimate = config.memoryEstimate(batchSize: batch, sequenceLength: sequence, training: true)
    #expect(estimate.totalBytes == 4 * (5 * Double(config.parameterCount) + Double(layout.count)))
}

@Test func loadingRefusesAModelLargerThanTheAvailableMemoryBeforeAllocating() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 1)
    let folder = directory.file("checkpoint")
    try CheckpointFolder.save(tensors: model.exportTensors(),
                              config: GPT2Config(model: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)),
                              trainingState: nil, to: folder)
    #expect(throws: GPTModelError.self) { try GPTModel.load(from: folder, availableBytes: 1000) }
    #expect {
        try GPTModel.load(from: folder, availableBytes: 110_000)
    } throws: { error in
        guard case ModelConfigError.doesNotFitInMemory(_, let estimate, 110_000) = error else { return false }
        return estimate.totalBytes > 110_000
    }
    _ = try GPTModel.load(from: folder, availableBytes: 10_000_000)
}

@Test func configThatContradictsTheWeightsNamesTheKeyAndBothNumbers() throws {
    let config = GPT2Config(model: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8))
    let tensors = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 1)
        .exportTensors().map { ($0.name, $0.shape) }
    try config.checkMatches(tensors: tensors, path: "c.json")
    var wide = config
    wide.layers = 1 << 40
    #expect(throws: GPT2ConfigError.doesNotMatchWeights(path: "c.json", key: "n_layer", value: 1 << 40, weightsValue: 1,
                                                        tensor: "transformer.h.*")) {
        try wide.checkMatches(tensors: tensors, path: "c.json")
    }
    var overflowing = config
    overflowing.width = Int.max
    overflowing.heads = 1
    #expect(throws: GPT2ConfigError.self) { try overflowing.validate(path: "c.json") }
}
