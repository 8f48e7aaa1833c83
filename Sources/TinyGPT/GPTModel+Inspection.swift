// Inspection of one batch for cross-checks against an independent implementation (llm.c's
// test_gpt2.c, benchmarks/torch_reference.py): the raw logits and every parameter gradient of the
// batch's mean loss, as named tensors. Not used by training.
// Shape letters: B batch, T time (sequence length), C channels, V vocabulary size, N = B·T rows.
import CBLAS

/// What the model computes on one batch, in the Hugging Face GPT-2 naming, for comparing it
/// tensor by tensor with another implementation.
public struct BatchInspection: Sendable, Equatable {
    /// Mean cross-entropy over the batch's B·T targets in nats per token, exactly what
    /// `GPTModel.forward(_:)` returns for the batch.
    public let loss: Float
    /// The LM head's output before the softmax, named `logits`, shape [B, T, V]: the final
    /// LayerNorm's output times the transposed token embedding (lnf · wteᵀ).
    public let logits: NamedTensor
    /// ∂loss/∂θ for every parameter tensor, in layout order (`layout.tensors`), under the
    /// tensor's Hugging Face name and shape. `transformer.wte.weight` holds the whole gradient of
    /// the tied tensor: the token-embedding part plus the LM-head part.
    public let gradients: [NamedTensor]
}

extension GPTModel {
    /// Runs the forward and backward pass of `batch` and returns the loss, the logits and the
    /// gradient of the batch's mean loss for every parameter tensor.
    ///
    /// Side effects: the gradient buffer is zeroed first and afterwards holds exactly the
    /// returned gradients (anything accumulated before is lost); activations are reallocated
    /// for the batch's shape if another shape is allocated. Parameters are unchanged.
    ///
    /// - Throws: `GPTModelError` for a batch the model cannot run (sequence longer than the
    ///   context, token ids outside the vocabulary).
    public func inspect(_ batch: TokenBatch) throws(GPTModelError) -> BatchInspection {
        let (B, T, C, V) = (batch.batchSize, batch.sequenceLength, config.width, config.vocabSize)
        if allocatedBatchShape.map({ $0.batchSize != B || $0.sequenceLength != T }) ?? true {
            try allocateActivations(batchSize: B, sequenceLength: T)
        }
        zeroGradients()
        let loss = try forward(batch)

        // logits = lnf · wteᵀ: (N, C) · (C, V) → (N, V), read before backward reuses any scratch.
        let N = B * T
        let lnf = activations!.pointer + activationLayout!.lnf
        var logits = [Float](repeating: 0, count: N * V)
        ensureSingleThreadedBLAS()
        logits.withUnsafeMutableBufferPointer { out in
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(N), Int32(V), Int32(C), 1,
                        lnf, Int32(C), parameters.pointer + layout.tokenEmbedding, Int32(C),
                        0, out.baseAddress!, Int32(V))
        }

        try backward()
        let gradients = layout.tensors.map { tensor in
            NamedTensor(name: tensor.name, shape: tensor.shape,
                        values: Array(UnsafeBufferPointer(start: self.gradients.pointer + tensor.offset, count: tensor.count)))
        }
        return BatchInspection(loss: loss, logits: NamedTensor(name: "logits", shape: [B, T, V], values: logits),
                               gradients: gradients)
    }
}
