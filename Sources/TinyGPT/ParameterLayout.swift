// The map of the single parameter buffer: every tensor's Hugging Face GPT-2 name, shape, offset
// and weight-decay group. Gradients and AdamW moments use the same layout.

/// One parameter tensor inside the flat buffer.
public struct ParameterTensor: Sendable, Hashable {
    /// The Hugging Face GPT-2 name, e.g. `transformer.h.0.attn.c_attn.weight`.
    public let name: String
    /// Row-major shape in the Hugging Face layout (linear weights are Conv1D `[in, out]`).
    public let shape: [Int]
    /// Index of the first value in the flat buffer.
    public let offset: Int
    /// Number of values.
    public var count: Int { shape.reduce(1, *) }
    /// Whether AdamW applies weight decay: tensors of two or more dimensions (linear weights and
    /// embeddings), not biases or LayerNorm parameters (nanoGPT's grouping).
    public var appliesWeightDecay: Bool { shape.count >= 2 }
}

/// Offsets of one transformer block's tensors in the flat buffer.
struct LayerOffsets {
    var ln1Weight = 0, ln1Bias = 0
    var qkvWeight = 0, qkvBias = 0
    var attentionProjectionWeight = 0, attentionProjectionBias = 0
    var ln2Weight = 0, ln2Bias = 0
    var fcWeight = 0, fcBias = 0
    var fcProjectionWeight = 0, fcProjectionBias = 0
}

/// All parameter tensors of a model, in buffer order: `wte`, `wpe`, then each block
/// (ln_1, attn.c_attn, attn.c_proj, ln_2, mlp.c_fc, mlp.c_proj; weight before bias), then ln_f.
public struct ParameterLayout: Sendable {
    /// The tensors in buffer order; offsets are increasing and contiguous.
    public let tensors: [ParameterTensor]
    /// Total number of Float values (= `ModelConfig.parameterCount`).
    public let count: Int

    let tokenEmbedding: Int
    let positionEmbedding: Int
    let layers: [LayerOffsets]
    let finalNormWeight: Int
    let finalNormBias: Int

    public init(config: ModelConfig) {
        let c = config.width
        var tensors: [ParameterTensor] = []
        var next = 0
        func add(_ name: String, _ shape: [Int]) -> Int {
            let tensor = ParameterTensor(name: name, shape: shape, offset: next)
            tensors.append(tensor)
            next += tensor.count
            return tensor.offset
        }
        tokenEmbedding = add("transformer.wte.weight", [config.vocabSize, c])
        positionEmbedding = add("transformer.wpe.weight", [config.contextLength, c])
        var layers: [LayerOffsets] = []
        for index in 0..<config.layers {
            let prefix = "transformer.h.\(index)."
            var layer = LayerOffsets()
            layer.ln1Weight = add(prefix + "ln_1.weight", [c])
            layer.ln1Bias = add(prefix + "ln_1.bias", [c])
            layer.qkvWeight = add(prefix + "attn.c_attn.weight", [c, 3 * c])
            layer.qkvBias = add(prefix + "attn.c_attn.bias", [3 * c])
            layer.attentionProjectionWeight = add(prefix + "attn.c_proj.weight", [c, c])
            layer.attentionProjectionBias = add(prefix + "attn.c_proj.bias", [c])
            layer.ln2Weight = add(prefix + "ln_2.weight", [c])
            layer.ln2Bias = add(prefix + "ln_2.bias", [c])
            layer.fcWeight = add(prefix + "mlp.c_fc.weight", [c, 4 * c])
            layer.fcBias = add(prefix + "mlp.c_fc.bias", [4 * c])
            layer.fcProjectionWeight = add(prefix + "mlp.c_proj.weight", [4 * c, c])
            layer.fcProjectionBias = add(prefix + "mlp.c_proj.bias", [c])
            layers.append(layer)
        }
        self.layers = layers
        finalNormWeight = add("transformer.ln_f.weight", [c])
        finalNormBias = add("transformer.ln_f.bias", [c])
        self.tensors = tensors
        count = next
    }

    /// The tensor called `name`, if the layout has one.
    public func tensor(named name: String) -> ParameterTensor? {
        tensors.first { $0.name == name }
    }
}
