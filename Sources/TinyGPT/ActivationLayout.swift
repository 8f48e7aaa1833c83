// The map of the single activation buffer for one batch shape (B, T): what the forward pass
// keeps for the backward pass, plus the backward pass's scratch, reused by every layer.

/// Offsets of one transformer block's saved activations.
struct LayerActivationOffsets {
    var ln1 = 0, ln1Mean = 0, ln1Rstd = 0  // (B,T,C), (B,T), (B,T)
    var qkv = 0                             // (B,T,3C)
    var attention = 0                       // (B,NH,T,T) probabilities
    var attentionOutput = 0                 // (B,T,C) heads concatenated, before c_proj
    var residual2 = 0                       // (B,T,C) stream after attention
    var ln2 = 0, ln2Mean = 0, ln2Rstd = 0   // (B,T,C), (B,T), (B,T)
    var geluSlope = 0                       // (B,T,4C) GELU's derivative at the c_fc output
    var fcGelu = 0                          // (B,T,4C) after GELU
    var residual3 = 0                       // (B,T,C) stream after the MLP (the block's output)
}

/// Offsets of every activation for a (B, T) batch in one flat buffer.
struct ActivationLayout {
    let batchSize: Int
    let sequenceLength: Int
    let encoded: Int                         // (B,T,C)
    let layers: [LayerActivationOffsets]
    let lnf: Int, lnfMean: Int, lnfRstd: Int // (B,T,C), (B,T), (B,T)
    let probabilities: Int                   // (B,T,V), the logits' gradient after backward
    let losses: Int                          // (B,T)
    let fcScratch: Int                       // (B,T,4C) c_fc output of the current layer (forward only)
    let dResidual: Int                       // (B,T,C) gradient of the residual stream
    let dNormalized: Int                     // (B,T,C) gradient of a LayerNorm output
    let dQkv: Int                            // (B,T,3C)
    let dAttentionOutput: Int                // (B,T,C)
    let dFc: Int                             // (B,T,4C) gradient of the c_fc output
    let dFcGelu: Int                         // (B,T,4C) gradient of the GELU output
    let count: Int

    init(config: ModelConfig, batchSize: Int, sequenceLength: Int) {
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
        let n = batchSize * sequenceLength
        let c = config.width
        var next = 0
        func take(_ size: Int) -> Int {
            defer { next += size }
            return next
        }
        encoded = take(n * c)
        var layers: [LayerActivationOffsets] = []
        for _ in 0..<config.layers {
            var layer = LayerActivationOffsets()
            layer.ln1 = take(n * c)
            layer.ln1Mean = take(n)
            layer.ln1Rstd = take(n)
            layer.qkv = take(n * 3 * c)
            layer.attention = take(batchSize * config.heads * sequenceLength * sequenceLength)
            layer.attentionOutput = take(n * c)
            layer.residual2 = take(n * c)
            layer.ln2 = take(n * c)
            layer.ln2Mean = take(n)
            layer.ln2Rstd = take(n)
            layer.geluSlope = take(n * 4 * c)
            layer.fcGelu = take(n * 4 * c)
            layer.residual3 = take(n * c)
            layers.append(layer)
        }
        self.layers = layers
        lnf = take(n * c)
        lnfMean = take(n)
        lnfRstd = take(n)
        probabilities = take(n * config.vocabSize)
        losses = take(n)
        fcScratch = take(n * 4 * c)
        dResidual = take(n * c)
        dNormalized = take(n * c)
        dQkv = take(n * 3 * c)
        dAttentionOutput = take(n * c)
        dFc = take(n * 4 * c)
        dFcGelu = take(n * 4 * c)
        count = next
    }
}
