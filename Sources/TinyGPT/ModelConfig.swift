// The shape of a GPT model (layers, width, heads, context, vocabulary), its validation, and the
// size and cost figures derived from it: parameter counts and training FLOPs per token.

/// The architecture hyperparameters of a GPT-2-style model, named as in a study spec (`layers`,
/// `width`, `heads`); `GPT2Config` maps them to Hugging Face's `config.json` keys.
///
/// The model is byte-level by default (`vocabSize` 256); other vocabularies are allowed so that
/// parameter counts can be checked against published models.
public struct ModelConfig: Sendable, Hashable, Codable {
    /// Number of transformer blocks (L).
    public var layers: Int
    /// Width of the residual stream, in channels (C); must be divisible by `heads`.
    public var width: Int
    /// Number of attention heads (NH); each head has `width / heads` channels.
    public var heads: Int
    /// Longest sequence the model accepts, in tokens (the number of learned positions).
    public var contextLength: Int
    /// Number of distinct tokens (V); 256 for raw bytes.
    public var vocabSize: Int

    public init(layers: Int, width: Int, heads: Int, contextLength: Int, vocabSize: Int = 256) {
        self.layers = layers
        self.width = width
        self.heads = heads
        self.contextLength = contextLength
        self.vocabSize = vocabSize
    }

    /// Channels per attention head.
    public var headSize: Int { width / heads }

    /// Throws if any size is non-positive or the heads do not divide the width.
    public func validate() throws(ModelConfigError) {
        for (name, value) in [("layers", layers), ("width", width), ("heads", heads),
                              ("contextLength", contextLength), ("vocabSize", vocabSize)] where value < 1 {
            throw .nonPositive(name: name, value: value)
        }
        if width % heads != 0 {
            throw .headsDoNotDivideWidth(width: width, heads: heads)
        }
    }

    /// Parameters in one transformer block: two LayerNorms, the fused qkv and output projections
    /// of attention, and the 4C-wide MLP, all with biases.
    public var parametersPerLayer: Int {
        let c = width
        return 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + 2 * c + (c * 4 * c + 4 * c) + (4 * c * c + c)
    }

    /// All trainable parameters (the LM head is tied to the token embedding and counted once).
    public var parameterCount: Int {
        vocabSize * width + contextLength * width + layers * parametersPerLayer + 2 * width
    }

    /// Parameters excluding the token and position embeddings (Kaplan et al.'s N).
    public var nonEmbeddingParameterCount: Int {
        parameterCount - vocabSize * width - contextLength * width
    }

    /// Training FLOPs per token, nanoGPT's estimate 6·N + 12·L·T·C, with N = all parameters and
    /// T = `sequenceLength` (forward + backward; the attention term counts the full T×T scores).
    public func trainingFLOPsPerToken(sequenceLength: Int) -> Double {
        6 * Double(parameterCount) + 12 * Double(layers) * Double(sequenceLength) * Double(width)
    }
}

/// Why a `ModelConfig` cannot describe a model.
public enum ModelConfigError: Error, Equatable, CustomStringConvertible {
    case nonPositive(name: String, value: Int)
    case headsDoNotDivideWidth(width: Int, heads: Int)
    /// The model would need more memory than the machine has; nothing was allocated.
    case doesNotFitInMemory(config: ModelConfig, estimate: MemoryEstimate, availableBytes: Double)

    public var description: String {
        switch self {
        case let .nonPositive(name, value):
            return "model \(name) is \(value); it must be at least 1"
        case let .headsDoNotDivideWidth(width, heads):
            return "model width \(width) is not divisible by heads \(heads); "
                + "choose a width that is a multiple of the head count"
        case let .doesNotFitInMemory(config, estimate, availableBytes):
            return "a model of \(config.layers) layers × width \(config.width) (context \(config.contextLength), vocabulary \(config.vocabSize)) "
                + "needs \(estimate), more than the \(MemoryEstimate.format(availableBytes)) this machine has; "
                + "use a smaller model, batch or context"
        }
    }
}
