// Builds a model from a checkpoint folder (config.json + model.safetensors), for evaluating and
// sampling saved models.
import Foundation

extension GPTModel {
    /// The model saved in `folder`, with the shape its `config.json` gives.
    /// - Throws: `CheckpointFolderError` (missing or incomplete folder), the file formats' errors,
    ///   `ModelConfigError` for a shape TinyGPT cannot build, `GPTModelError` for mismatched tensors.
    public static func load(from folder: URL, threadCount: Int = 1) throws -> GPTModel {
        let checkpoint = try CheckpointFolder.load(from: folder, loadingTrainingState: false)
        let config = ModelConfig(numLayers: checkpoint.config.layerCount, channels: checkpoint.config.embeddingWidth,
                                 numHeads: checkpoint.config.headCount, contextLength: checkpoint.config.contextLength,
                                 vocabSize: checkpoint.config.vocabularySize)
        try config.validate()
        let model = try GPTModel(config: config, seed: 0, threadCount: threadCount)
        try model.importTensors(checkpoint.tensors)
        return model
    }
}
