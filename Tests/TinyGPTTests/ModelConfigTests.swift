// Tests of the model configuration: validation, parameter counts and FLOPs per token.
import Testing
@testable import TinyGPT

@Test func gpt2SmallParameterCountMatchesPublishedValue() {
    let config = ModelConfig(layers: 12, width: 768, heads: 12, contextLength: 1024, vocabSize: 50257)
    #expect(config.parameterCount == 124_439_808)
    #expect(config.nonEmbeddingParameterCount == 124_439_808 - 50257 * 768 - 1024 * 768)
    #expect(ParameterLayout(config: config).count == config.parameterCount)
}

@Test func byteVocabularyParameterCountsAddUp() {
    let config = ModelConfig(layers: 2, width: 64, heads: 4, contextLength: 64)
    // wte 256·64 + wpe 64·64 + 2 layers × (12·64² + 13·64) + ln_f 2·64
    #expect(config.parameterCount == 16_384 + 4_096 + 2 * 49_984 + 128)
    #expect(config.nonEmbeddingParameterCount == 2 * 49_984 + 128)
    #expect(config.trainingFLOPsPerToken(sequenceLength: 64) == 6 * 120_576 + 12 * 2 * 64 * 64)
}

@Test func validationRejectsHeadsThatDoNotDivideWidth() {
    let config = ModelConfig(layers: 1, width: 10, heads: 4, contextLength: 8)
    #expect(throws: ModelConfigError.headsDoNotDivideWidth(width: 10, heads: 4)) { try config.validate() }
    #expect(throws: ModelConfigError.nonPositive(name: "layers", value: 0)) {
        try ModelConfig(layers: 0, width: 8, heads: 2, contextLength: 8).validate()
    }
}

@Test func layoutIsContiguousInHuggingFaceOrder() {
    let layout = ParameterLayout(config: ModelConfig(layers: 2, width: 8, heads: 2, contextLength: 4))
    for (tensor, next) in zip(layout.tensors, layout.tensors.dropFirst()) {
        #expect(next.offset == tensor.offset + tensor.count)
    }
    #expect(layout.tensors.first?.offset == 0)
    #expect(layout.tensors.last.map { $0.offset + $0.count } == layout.count)
    #expect(layout.tensors.prefix(4).map(\.name) == [
        "transformer.wte.weight", "transformer.wpe.weight", "transformer.h.0.ln_1.weight", "transformer.h.0.ln_1.bias",
    ])
    #expect(layout.tensors.last?.name == "transformer.ln_f.bias")
    #expect(layout.tensors.filter(\.appliesWeightDecay).count == 2 + 2 * 4)
}
