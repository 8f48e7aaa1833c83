// A model saved as a checkpoint folder loads back with the same shape, parameters and loss.
import Foundation
import Testing
@testable import TinyGPT

@Test func savedModelLoadsWithIdenticalParametersAndLoss() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let config = ModelConfig(numLayers: 2, channels: 16, numHeads: 2, contextLength: 8)
    let model = try GPTModel(config: config, seed: 3)
    var source = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 5)
    let batch = try source.nextBatch()
    try model.allocateActivations(batchSize: 2, sequenceLength: 8)
    let loss = try model.forward(batch)

    let folder = directory.file("checkpoint")
    try CheckpointFolder.save(tensors: model.exportTensors(),
                              config: GPT2Config(contextLength: 8, embeddingWidth: 16, layerCount: 2, headCount: 2),
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
