// Builds a model from a checkpoint folder (config.json + model.safetensors), for evaluating and
// sampling saved models. Every size is checked against the weights file and the machine's memory
// before the model is allocated, so a hostile config.json is refused instead of crashing.
import Foundation

extension GPTModel {
    /// The model saved in `folder`, with the shape its `config.json` gives.
    ///
    /// Before allocating, checks that `model.safetensors` fits in memory, that `config.json`'s
    /// sizes match the tensors' shapes, and that the model with activations for batches of
    /// `batchSize` × `sequenceLength` tokens (default: the model's context) fits in `availableBytes`.
    ///
    /// - Throws: `CheckpointFolderError` (missing or incomplete folder), the file formats' errors,
    ///   `GPT2ConfigError.doesNotMatchWeights` when the config contradicts the tensors,
    ///   `ModelConfigError` for a shape TinyGPT cannot build or that does not fit in memory,
    ///   `GPTModelError` for mismatched tensors or non-finite weights.
    public static func load(from folder: URL, threadCount: Int = 1, batchSize: Int = 1, sequenceLength: Int? = nil,
                            availableBytes: Double = MachineMemory.availableBytes) throws -> GPTModel {
        let weightsURL = folder.appendingPathComponent(CheckpointFolder.modelFileName)
        if let byteCount = (try? FileManager.default.attributesOfItem(atPath: weightsURL.path)[.size] as? NSNumber)?.doubleValue,
           3 * byteCount > availableBytes {
            throw GPTModelError.weightsTooLarge(path: weightsURL.path, byteCount: byteCount, availableBytes: availableBytes)
        }
        let checkpoint = try CheckpointFolder.load(from: folder, loadingTrainingState: false)
        try checkpoint.config.checkMatches(tensors: checkpoint.tensors.map { ($0.name, $0.shape) },
                                           path: folder.appendingPathComponent(CheckpointFolder.configFileName).path)
        let config = checkpoint.config.model
        try config.validate()
        try config.checkFitsInMemory(batchSize: batchSize, sequenceLength: min(sequenceLength ?? config.contextLength, config.contextLength),
                                     training: false, availableBytes: availableBytes)
        for tensor in checkpoint.tensors {
            if let index = tensor.values.firstIndex(where: { !$0.isFinite }) {
                throw GPTModelError.nonFiniteWeight(name: tensor.name, index: index, value: tensor.values[index])
            }
        }
        let model = try GPTModel(config: config, seed: 0, threadCount: threadCount)
        try model.importTensors(checkpoint.tensors)
        return model
    }
}
