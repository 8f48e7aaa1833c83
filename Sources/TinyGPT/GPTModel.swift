// The byte-level GPT-2 model: one parameter buffer, one gradient buffer and one activation
// buffer, the forward pass to the mean loss, the backward pass, and the Hugging Face GPT-2
// tensor exchange used by checkpoints.
// Shape letters: B batch, T time (sequence length), C channels, V vocabulary size, L layers,
// NH attention heads, N = B·T rows.

/// A GPT-2 architecture language model (pre-LayerNorm blocks, fused-qkv causal attention, GELU
/// MLP ×4, final LayerNorm, LM head tied to the token embedding), Float32, trained on the CPU.
///
/// Not thread-safe: one caller drives forward, backward and updates in turn. The kernels inside
/// use `threadCount` threads; OpenBLAS itself is set to one thread for the whole process and the
/// kernels split products across threads themselves (see `rowParallelSgemm`).
public final class GPTModel {
    public let config: ModelConfig
    /// Where each named tensor lives in `parameterValues()` and the gradient buffer.
    public let layout: ParameterLayout
    /// Threads the kernels use (each OpenBLAS call inside runs single-threaded).
    public let threadCount: Int

    let parameters: FloatBuffer
    let gradients: FloatBuffer
    private(set) var activationLayout: ActivationLayout?
    private(set) var activations: FloatBuffer?
    private var inputs: [Int32] = []
    private var targets: [Int32] = []
    private var hasTargetsForBackward = false

    /// Creates a model with GPT-2 initialisation from `seed`: weights and embeddings normal with
    /// standard deviation 0.02, the two residual output projections (`attn.c_proj`, `mlp.c_proj`)
    /// with 0.02/√(2L), biases 0, LayerNorm weights 1. Drawn in layout order, so the same seed
    /// gives the same model on every machine.
    public init(config: ModelConfig, seed: UInt64, threadCount: Int = 1) throws(GPTModelError) {
        do { try config.validate() } catch { throw .invalidConfig(error) }
        guard threadCount >= 1 else { throw .invalidThreadCount(threadCount) }
        self.config = config
        self.threadCount = threadCount
        layout = ParameterLayout(config: config)
        parameters = FloatBuffer(count: layout.count)
        gradients = FloatBuffer(count: layout.count)

        var random = DeterministicRandom(seed: seed)
        let residualStd = 0.02 / (2 * Double(config.layers)).squareRoot()
        for tensor in layout.tensors {
            let values = parameters.pointer + tensor.offset
            if tensor.shape.count >= 2 {
                let isResidualProjection = tensor.name.hasSuffix("c_proj.weight")
                let std = isResidualProjection ? residualStd : 0.02
                for i in 0..<tensor.count { values[i] = Float(random.nextGaussian() * std) }
            } else if tensor.name.hasSuffix("ln_1.weight") || tensor.name.hasSuffix("ln_2.weight")
                        || tensor.name.hasSuffix("ln_f.weight") {
                values.update(repeating: 1, count: tensor.count)
            }
        }
    }

    /// The batch shape (B, T) the activations are allocated for, if any.
    public var allocatedBatchShape: (batchSize: Int, sequenceLength: Int)? {
        activationLayout.map { ($0.batchSize, $0.sequenceLength) }
    }

    /// Allocates (or reallocates) the activation buffer for batches of `batchSize` sequences of
    /// `sequenceLength` tokens. Forward passes on another shape are refused until this is called.
    public func allocateActivations(batchSize: Int, sequenceLength: Int) throws(GPTModelError) {
        guard batchSize >= 1, sequenceLength >= 1, sequenceLength <= config.contextLength else {
            throw .invalidBatchShape(batchSize: batchSize, sequenceLength: sequenceLength,
                                     contextLength: config.contextLength)
        }
        let layout = ActivationLayout(config: config, batchSize: batchSize, sequenceLength: sequenceLength)
        activationLayout = layout
        activations = FloatBuffer(count: layout.count)
        hasTargetsForBackward = false
    }

    /// Runs the model on `batch` and returns the mean cross-entropy in nats per token (per byte
    /// for the byte vocabulary). The first call allocates activations for the batch's shape; a
    /// different shape later throws `batchShapeChanged`.
    public func forward(_ batch: TokenBatch) throws(GPTModelError) -> Float {
        try runForward(inputs: batch.inputs, targets: batch.targets,
                       batchSize: batch.batchSize, sequenceLength: batch.sequenceLength)
    }

    /// Runs the model without targets and returns the next-token probabilities, (B, T, V)
    /// row-major, for `inputs` of B·T token ids.
    public func predictProbabilities(inputs: [Int32], batchSize: Int, sequenceLength: Int) throws(GPTModelError) -> [Float] {
        _ = try runForward(inputs: inputs, targets: nil, batchSize: batchSize, sequenceLength: sequenceLength)
        let a = activationLayout!
        let start = activations!.pointer + a.probabilities
        return Array(UnsafeBufferPointer(start: start, count: batchSize * sequenceLength * config.vocabSize))
    }

    private func runForward(inputs: [Int32], targets: [Int32]?, batchSize: Int, sequenceLength: Int) throws(GPTModelError) -> Float {
        let expected = batchSize * sequenceLength
        guard inputs.count == expected, targets.map({ $0.count == expected }) ?? true else {
            throw .tokenCountMismatch(expected: expected, inputs: inputs.count, targets: targets?.count)
        }
        for tokens in [inputs, targets ?? []] {
            for token in tokens where token < 0 || Int(token) >= config.vocabSize {
                throw .tokenOutOfRange(token: token, vocabSize: config.vocabSize)
            }
        }
        if let shape = allocatedBatchShape {
            guard shape.batchSize == batchSize, shape.sequenceLength == sequenceLength else {
                throw .batchShapeChanged(allocated: [shape.batchSize, shape.sequenceLength],
                                         requested: [batchSize, sequenceLength])
            }
        } else {
            try allocateActivations(batchSize: batchSize, sequenceLength: sequenceLength)
        }
        self.inputs = inputs
        self.targets = targets ?? []
        hasTargetsForBackward = targets != nil

        let a = activationLayout!
        let act = activations!.pointer
        let p = parameters.pointer
        let (B, T, C, NH, V) = (batchSize, sequenceLength, config.width, config.heads, config.vocabSize)
        let N = B * T
        let threads = threadCount

        self.inputs.withUnsafeBufferPointer { tokens in
            encoderForward(act + a.encoded, tokens.baseAddress!, p + layout.tokenEmbedding,
                           p + layout.positionEmbedding, B: B, T: T, C: C, threads: threads)
        }
        var residual = act + a.encoded
        for (w, x) in zip(layout.layers, a.layers) {
            layerNormForward(act + x.ln1, act + x.ln1Mean, act + x.ln1Rstd, residual,
                             p + w.ln1Weight, p + w.ln1Bias, N: N, C: C, threads: threads)
            matmulForward(act + x.qkv, act + x.ln1, p + w.qkvWeight, p + w.qkvBias,
                          N: N, C: C, OC: 3 * C, threads: threads)
            attentionForward(act + x.attentionOutput, act + x.attention, act + x.qkv,
                             B: B, T: T, C: C, NH: NH, threads: threads)
            matmulForward(act + x.residual2, act + x.attentionOutput, p + w.attentionProjectionWeight,
                          p + w.attentionProjectionBias, residual: residual, N: N, C: C, OC: C, threads: threads)
            layerNormForward(act + x.ln2, act + x.ln2Mean, act + x.ln2Rstd, act + x.residual2,
                             p + w.ln2Weight, p + w.ln2Bias, N: N, C: C, threads: threads)
            matmulForward(act + a.fcScratch, act + x.ln2, p + w.fcWeight, nil, N: N, C: C, OC: 4 * C, threads: threads)
            geluForward(act + x.fcGelu, act + x.geluSlope, act + a.fcScratch, p + w.fcBias,
                        N: N, C: 4 * C, threads: threads)
            matmulForward(act + x.residual3, act + x.fcGelu, p + w.fcProjectionWeight, p + w.fcProjectionBias,
                          residual: act + x.residual2, N: N, C: 4 * C, OC: C, threads: threads)
            residual = act + x.residual3
        }
        layerNormForward(act + a.lnf, act + a.lnfMean, act + a.lnfRstd, residual,
                         p + layout.finalNormWeight, p + layout.finalNormBias, N: N, C: C, threads: threads)
        return self.targets.withUnsafeBufferPointer { targetIDs in
            crossEntropyForward(act + a.probabilities, act + a.losses, act + a.lnf, p + layout.tokenEmbedding,
                                targets == nil ? nil : targetIDs.baseAddress!, N: N, C: C, V: V, threads: threads)
        }
    }

    /// Accumulates into the gradient buffer the gradient of the mean loss of the last `forward`.
    /// Call `zeroGradients()` first unless accumulating over several batches is intended. Uses up
    /// the forward pass (its probabilities become the logits' gradient): a second `backward()`
    /// needs another `forward`.
    public func backward() throws(GPTModelError) {
        guard hasTargetsForBackward, let a = activationLayout, let buffer = activations else {
            throw .backwardWithoutForward
        }
        let act = buffer.pointer
        let p = parameters.pointer
        let g = gradients.pointer
        let (B, T, C, NH, V) = (a.batchSize, a.sequenceLength, config.width, config.heads, config.vocabSize)
        let N = B * T
        let threads = threadCount
        let dResidual = act + a.dResidual
        let dNormalized = act + a.dNormalized

        hasTargetsForBackward = false
        dResidual.update(repeating: 0, count: N * C)
        targets.withUnsafeBufferPointer { targetIDs in
            crossEntropyBackward(dNormalized, g + layout.tokenEmbedding, act + a.probabilities,
                                 act + a.lnf, p + layout.tokenEmbedding, targetIDs.baseAddress!,
                                 N: N, C: C, V: V, threads: threads)
        }
        let lastResidual = a.layers.last.map { act + $0.residual3 } ?? act + a.encoded
        layerNormBackward(dResidual, g + layout.finalNormWeight, g + layout.finalNormBias, dNormalized,
                          lastResidual, p + layout.finalNormWeight, act + a.lnfMean, act + a.lnfRstd,
                          N: N, C: C, threads: threads)
        for index in stride(from: config.layers - 1, through: 0, by: -1) {
            let w = layout.layers[index]
            let dw = layout.layers[index]
            let x = a.layers[index]
            let blockInput = index == 0 ? act + a.encoded : act + a.layers[index - 1].residual3

            matmulBackward(act + a.dFcGelu, g + dw.fcProjectionWeight, g + dw.fcProjectionBias, dResidual,
                           act + x.fcGelu, p + w.fcProjectionWeight, N: N, C: 4 * C, OC: C, threads: threads)
            geluBackward(act + a.dFc, act + x.geluSlope, act + a.dFcGelu, N: N * 4 * C, threads: threads)
            matmulBackward(dNormalized, g + dw.fcWeight, g + dw.fcBias, act + a.dFc, act + x.ln2,
                           p + w.fcWeight, N: N, C: C, OC: 4 * C, threads: threads)
            layerNormBackward(dResidual, g + dw.ln2Weight, g + dw.ln2Bias, dNormalized, act + x.residual2,
                              p + w.ln2Weight, act + x.ln2Mean, act + x.ln2Rstd, N: N, C: C, threads: threads)

            matmulBackward(act + a.dAttentionOutput, g + dw.attentionProjectionWeight,
                           g + dw.attentionProjectionBias, dResidual, act + x.attentionOutput,
                           p + w.attentionProjectionWeight, N: N, C: C, OC: C, threads: threads)
            (act + a.dQkv).update(repeating: 0, count: N * 3 * C)
            attentionBackward(act + a.dQkv, act + a.dAttentionOutput, act + x.qkv, act + x.attention,
                              B: B, T: T, C: C, NH: NH, threads: threads)
            matmulBackward(dNormalized, g + dw.qkvWeight, g + dw.qkvBias, act + a.dQkv, act + x.ln1,
                           p + w.qkvWeight, N: N, C: C, OC: 3 * C, threads: threads)
            layerNormBackward(dResidual, g + dw.ln1Weight, g + dw.ln1Bias, dNormalized, blockInput,
                              p + w.ln1Weight, act + x.ln1Mean, act + x.ln1Rstd, N: N, C: C, threads: threads)
        }
        inputs.withUnsafeBufferPointer { tokens in
            encoderBackward(g + layout.tokenEmbedding, g + layout.positionEmbedding, dResidual,
                            tokens.baseAddress!, B: B, T: T, C: C, threads: threads)
        }
    }

    /// Sets every gradient to zero.
    public func zeroGradients() {
        gradients.zero()
    }

    /// A copy of all parameters in layout order (`layout.tensors`).
    public func parameterValues() -> [Float] {
        parameters.toArray()
    }

    /// Replaces all parameters (layout order, `layout.count` values).
    public func setParameterValues(_ values: [Float]) throws(GPTModelError) {
        guard values.count == layout.count else {
            throw .tensorShapeMismatch(name: "all parameters", expected: [layout.count], found: [values.count])
        }
        parameters.assign(from: values)
    }

    /// A copy of all gradients in layout order.
    public func gradientValues() -> [Float] {
        gradients.toArray()
    }

    /// Every parameter as a tensor with its Hugging Face GPT-2 name and shape (Conv1D `[in, out]`
    /// weights; the tied LM head is not listed, as in Hugging Face checkpoints).
    public func exportTensors() -> [NamedTensor] {
        layout.tensors.map { tensor in
            let start = parameters.pointer + tensor.offset
            return NamedTensor(name: tensor.name, shape: tensor.shape,
                               values: Array(UnsafeBufferPointer(start: start, count: tensor.count)))
        }
    }

    /// Loads parameters from tensors named and shaped as `exportTensors()` produces. Every tensor
    /// of the layout must be present and no unknown one; `lm_head.weight` (the tied head some
    /// files carry) is accepted and ignored. Nothing changes if anything is wrong.
    public func importTensors(_ tensors: [NamedTensor]) throws(GPTModelError) {
        var byName: [String: NamedTensor] = [:]
        for tensor in tensors where tensor.name != "lm_head.weight" {
            guard layout.tensor(named: tensor.name) != nil else { throw .unknownTensor(name: tensor.name) }
            byName[tensor.name] = tensor
        }
        for expected in layout.tensors {
            guard let found = byName[expected.name] else { throw .missingTensor(name: expected.name) }
            guard found.shape == expected.shape else {
                throw .tensorShapeMismatch(name: expected.name, expected: expected.shape, found: found.shape)
            }
        }
        for expected in layout.tensors {
            byName[expected.name]!.values.withUnsafeBufferPointer { source in
                (parameters.pointer + expected.offset).update(from: source.baseAddress!, count: expected.count)
            }
        }
    }
}
