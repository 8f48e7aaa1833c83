// The shape of a GPT model (layers, width, heads, context, vocabulary), its validation, and the
// size and cost figures derived from it: parameter counts and training FLOPs per token.

/// The architecture hyperparameters of a GPT-2-style model.
///
/// The model is byte-level by default (`vocabSize` 256); other vocabularies are allowed so that
/// parameter counts can be checked against published models.
public struct ModelConfig: Sendable, Hashable, Codable {
    /// Number of transformer blocks (L).
    public var numLayers: Int
    /// Width of the residual stream (C); must be divisible by `numHeads`.
    public var channels: Int
    /// Number of attention heads (NH); each head has `channels / numHeads` channels.
    public var numHeads: Int
    /// Longest sequence the model accepts, in tokens (the number of learned positions).
    public var contextLength: Int
    /// Number of distinct tokens (V); 256 for raw bytes.
    public var vocabSize: Int

    public init(numLayers: Int, channels: Int, numHeads: Int, contextLength: Int, vocabSize: Int = 256) {
        self.numLayers = numLayers
        self.channels = channels
        self.numHeads = numHeads
        self.contextLength = contextLength
        self.vocabSize = vocabSize
    }

    /// Channels per attention head.
    public var headSize: Int { channels / numHeads }

    /// Throws if any size is non-positive or the heads do not divide the width.
    public func validate() throws(ModelConfigError) {
        for (name, value) in [("numLayers", numLayers), ("channels", channels), ("numHeads", numHeads),
                              ("contextLength", contextLength), ("vocabSize", vocabSize)] where value < 1 {
            throw .nonPositive(name: name, value: value)
        }
        if channels % numHeads != 0 {
            throw .headsDoNotDivideChannels(channels: channels, numHeads: numHeads)
        }
    }

    /// Parameters in one transformer block: two LayerNorms, the fused qkv and output projections
    /// of attention, and the 4C-wide MLP, all with biases.
    public var parametersPerLayer: Int {
        let c = channels
        return 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + 2 * c + (c * 4 * c + 4 * c) + (4 * c * c + c)
    }

    /// All trainable parameters (the LM head is tied to the token embedding and counted once).
    public var parameterCount: Int {
        vocabSize * channels + contextLength * channels + numLayers * parametersPerLayer + 2 * channels
    }

    /// Parameters excluding the token and position embeddings (Kaplan et al.'s N).
    public var nonEmbeddingParameterCount: Int {
        parameterCount - vocabSize * channels - contextLength * channels
    }

    /// Training FLOPs per token, nanoGPT's estimate 6·N + 12·L·T·C, with N = all parameters and
    /// T = `sequenceLength` (forward + backward; the attention term counts the full T×T scores).
    public func trainingFLOPsPerToken(sequenceLength: Int) -> Double {
        6 * Double(parameterCount) + 12 * Double(numLayers) * Double(sequenceLength) * Double(channels)
    }
}

/// Why a `ModelConfig` cannot describe a model.
public enum ModelConfigError: Error, Equatable, CustomStringConvertible {
    case nonPositive(name: String, value: Int)
    case headsDoNotDivideChannels(channels: Int, numHeads: Int)
    /// The model would need more memory than the machine has; nothing was allocated.
    case doesNotFitInMemory(config: ModelConfig, estimate: MemoryEstimate, availableBytes: Double)

    public var description: String {
        switch self {
        case let .nonPositive(name, value):
            return "model \(name) is \(value); it must be at least 1"
        case let .headsDoNotDivideChannels(channels, numHeads):
            return "model channels \(channels) is not divisible by numHeads \(numHeads); "
                + "choose a width that is a multiple of the head count"
        case let .doesNotFitInMemory(config, estimate, availableBytes):
            return "a model of \(config.numLayers) layers × \(config.channels) channels (context \(config.contextLength), vocabulary \(config.vocabSize)) "
                + "needs \(estimate), more than the \(MemoryEstimate.format(availableBytes)) this machine has; "
                + "use a smaller model, batch or context"
        }
    }
}
