// The `config.json` of a checkpoint folder, in the schema of Hugging Face `transformers.GPT2Config`,
// so `GPT2LMHeadModel.from_pretrained(folder)` can build the model TinyGPT trained.

import Foundation

/// A Hugging Face GPT-2 configuration restricted to what TinyGPT's model is: byte vocabulary,
/// tanh-approximated GELU, MLP width 4C, LM head tied to the token embedding, no dropout.
///
/// Swift names are TinyScale's (`layers`, `width`, `heads`, as in `ModelConfig` and a study spec);
/// the JSON keys are `transformers`' snake_case names, and only here. Reading accepts
/// any configuration `transformers` would write for such a model (keys TinyGPT does not use are
/// ignored) and rejects one TinyGPT cannot reproduce.
public struct GPT2Config: Codable, Sendable, Equatable {
    /// `vocab_size`: token count; 256 for raw bytes.
    public var vocabularySize: Int
    /// `n_positions`: the longest context in tokens (rows of the position embedding).
    public var contextLength: Int
    /// `n_embd`: the width C in channels.
    public var width: Int
    /// `n_layer`: the number of transformer blocks L.
    public var layers: Int
    /// `n_head`: attention heads per block; divides `width`.
    public var heads: Int
    /// `n_inner`: the MLP width; nil (JSON null) means 4C, the only width TinyGPT builds.
    public var innerWidth: Int?
    /// `activation_function`: `gelu_new`, the tanh approximation of GELU.
    public var activationFunction: String
    /// `resid_pdrop`, `embd_pdrop`, `attn_pdrop`: dropout probabilities; TinyGPT trains without.
    public var residualDropout: Double
    public var embeddingDropout: Double
    public var attentionDropout: Double
    /// `layer_norm_epsilon`: the ε added to the variance in every LayerNorm.
    public var layerNormEpsilon: Double
    /// `initializer_range`: the standard deviation of the normal initialisation.
    public var initializerRange: Double
    /// `model_type`: always `gpt2`.
    public var modelType: String
    /// `architectures`: `["GPT2LMHeadModel"]`.
    public var architectures: [String]
    /// `tie_word_embeddings`: the LM head reuses the token embedding; must be true.
    public var tieWordEmbeddings: Bool
    /// `bos_token_id`, `eos_token_id`: nil (JSON null), since a byte vocabulary has no special
    /// tokens; when set, a byte value below `vocabularySize`.
    public var beginningOfSequenceTokenID: Int?
    public var endOfSequenceTokenID: Int?

    /// The configuration of `model` with `transformers`' defaults for everything else, except
    /// dropout (zero) and the special tokens (none).
    public init(model: ModelConfig) {
        vocabularySize = model.vocabSize
        contextLength = model.contextLength
        width = model.width
        layers = model.layers
        heads = model.heads
        innerWidth = nil
        activationFunction = "gelu_new"
        residualDropout = 0
        embeddingDropout = 0
        attentionDropout = 0
        layerNormEpsilon = 1e-5
        initializerRange = 0.02
        modelType = "gpt2"
        architectures = ["GPT2LMHeadModel"]
        tieWordEmbeddings = true
        beginningOfSequenceTokenID = nil
        endOfSequenceTokenID = nil
    }

    /// The TinyGPT model this configuration describes (the inverse of ``init(model:)``).
    public var model: ModelConfig {
        ModelConfig(layers: layers, width: width, heads: heads, contextLength: contextLength, vocabSize: vocabularySize)
    }

    enum CodingKeys: String, CodingKey {
        case vocabularySize = "vocab_size"
        case contextLength = "n_positions"
        case width = "n_embd"
        case layers = "n_layer"
        case heads = "n_head"
        case innerWidth = "n_inner"
        case activationFunction = "activation_function"
        case residualDropout = "resid_pdrop"
        case embeddingDropout = "embd_pdrop"
        case attentionDropout = "attn_pdrop"
        case layerNormEpsilon = "layer_norm_epsilon"
        case initializerRange = "initializer_range"
        case modelType = "model_type"
        case architectures
        case tieWordEmbeddings = "tie_word_embeddings"
        case beginningOfSequenceTokenID = "bos_token_id"
        case endOfSequenceTokenID = "eos_token_id"
    }

    /// Decodes a configuration; the five sizes are required, every other key falls back to
    /// `transformers`' default when absent (so a missing dropout reads as 0.1 and is then rejected
    /// by ``validate(path:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        vocabularySize = try container.decode(Int.self, forKey: .vocabularySize)
        contextLength = try container.decode(Int.self, forKey: .contextLength)
        width = try container.decode(Int.self, forKey: .width)
        layers = try container.decode(Int.self, forKey: .layers)
        heads = try container.decode(Int.self, forKey: .heads)
        innerWidth = try container.decodeIfPresent(Int.self, forKey: .innerWidth)
        activationFunction = try container.decodeIfPresent(String.self, forKey: .activationFunction) ?? "gelu_new"
        residualDropout = try container.decodeIfPresent(Double.self, forKey: .residualDropout) ?? 0.1
        embeddingDropout = try container.decodeIfPresent(Double.self, forKey: .embeddingDropout) ?? 0.1
        attentionDropout = try container.decodeIfPresent(Double.self, forKey: .attentionDropout) ?? 0.1
        layerNormEpsilon = try container.decodeIfPresent(Double.self, forKey: .layerNormEpsilon) ?? 1e-5
        initializerRange = try container.decodeIfPresent(Double.self, forKey: .initializerRange) ?? 0.02
        modelType = try container.decodeIfPresent(String.self, forKey: .modelType) ?? "gpt2"
        architectures = try container.decodeIfPresent([String].self, forKey: .architectures) ?? ["GPT2LMHeadModel"]
        tieWordEmbeddings = try container.decodeIfPresent(Bool.self, forKey: .tieWordEmbeddings) ?? true
        beginningOfSequenceTokenID = try container.decodeIfPresent(Int.self, forKey: .beginningOfSequenceTokenID)
        endOfSequenceTokenID = try container.decodeIfPresent(Int.self, forKey: .endOfSequenceTokenID)
    }

    /// Encodes every key, writing `n_inner`, `bos_token_id` and `eos_token_id` as JSON null when nil.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(vocabularySize, forKey: .vocabularySize)
        try container.encode(contextLength, forKey: .contextLength)
        try container.encode(width, forKey: .width)
        try container.encode(layers, forKey: .layers)
        try container.encode(heads, forKey: .heads)
        try container.encode(innerWidth, forKey: .innerWidth)
        try container.encode(activationFunction, forKey: .activationFunction)
        try container.encode(residualDropout, forKey: .residualDropout)
        try container.encode(embeddingDropout, forKey: .embeddingDropout)
        try container.encode(attentionDropout, forKey: .attentionDropout)
        try container.encode(layerNormEpsilon, forKey: .layerNormEpsilon)
        try container.encode(initializerRange, forKey: .initializerRange)
        try container.encode(modelType, forKey: .modelType)
        try container.encode(architectures, forKey: .architectures)
        try container.encode(tieWordEmbeddings, forKey: .tieWordEmbeddings)
        try container.encode(beginningOfSequenceTokenID, forKey: .beginningOfSequenceTokenID)
        try container.encode(endOfSequenceTokenID, forKey: .endOfSequenceTokenID)
    }

    /// Checks that the configuration describes a model TinyGPT can build and `transformers` accepts.
    ///
    /// - Parameter path: the file named in errors.
    /// - Throws: ``GPT2ConfigError/invalidValue(path:key:value:expected:)`` for the first offending key.
    public func validate(path: String) throws(GPT2ConfigError) {
        func require(_ condition: Bool, _ key: CodingKeys, _ value: Any?, _ expected: String) throws(GPT2ConfigError) {
            guard condition else {
                throw .invalidValue(path: path, key: key.rawValue, value: value.map { "\($0)" } ?? "null", expected: expected)
            }
        }
        try require(vocabularySize > 0, .vocabularySize, vocabularySize, "a positive token count (256 for bytes)")
        try require(contextLength > 0, .contextLength, contextLength, "a positive context length in tokens")
        try require(width > 0, .width, width, "a positive channel count")
        try require(layers > 0, .layers, layers, "a positive layer count")
        try require(heads > 0 && width % heads == 0, .heads, heads, "a positive divisor of n_embd (\(width))")
        let (mlpWidth, mlpWidthOverflows) = width.multipliedReportingOverflow(by: 4)
        try require(!mlpWidthOverflows, .width, width, "a channel count whose MLP width 4 × n_embd fits in 64 bits")
        try require(innerWidth == nil || innerWidth == mlpWidth, .innerWidth, innerWidth, "null or \(mlpWidth) (4 × n_embd), the only MLP width TinyGPT builds")
        try require(activationFunction == "gelu_new", .activationFunction, activationFunction, "\"gelu_new\", the only activation TinyGPT implements")
        try require(residualDropout == 0, .residualDropout, residualDropout, "0.0; TinyGPT has no dropout")
        try require(embeddingDropout == 0, .embeddingDropout, embeddingDropout, "0.0; TinyGPT has no dropout")
        try require(attentionDropout == 0, .attentionDropout, attentionDropout, "0.0; TinyGPT has no dropout")
        try require(layerNormEpsilon > 0 && layerNormEpsilon.isFinite, .layerNormEpsilon, layerNormEpsilon, "a small positive number such as 1e-5")
        try require(initializerRange >= 0 && initializerRange.isFinite, .initializerRange, initializerRange, "a non-negative standard deviation such as 0.02")
        try require(modelType == "gpt2", .modelType, modelType, "\"gpt2\"")
        try require(tieWordEmbeddings, .tieWordEmbeddings, tieWordEmbeddings, "true; TinyGPT ties the LM head to the token embedding")
        for (key, tokenID) in [(CodingKeys.beginningOfSequenceTokenID, beginningOfSequenceTokenID), (.endOfSequenceTokenID, endOfSequenceTokenID)] {
            try require(tokenID.map { (0 ..< vocabularySize).contains($0) } ?? true, key, tokenID, "null or a token below vocab_size (\(vocabularySize))")
        }
    }

    /// The configuration as pretty-printed JSON with sorted keys, as `config.json` holds it. Only
    /// for validated configurations: JSON cannot encode the NaN or infinite numbers validation rejects.
    func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try! encoder.encode(self) + Data("\n".utf8)
    }

    /// Writes `config.json` atomically (temporary file in the same directory, then rename).
    ///
    /// - Throws: ``GPT2ConfigError/invalidValue(path:key:value:expected:)`` when the configuration
    ///   does not validate, or ``GPT2ConfigError/cannotWrite(_:)``.
    public func write(to url: URL) throws(GPT2ConfigError) {
        try validate(path: url.path)
        do throws(FileWriteError) {
            try AtomicFileWriter.write(encoded(), to: url)
        } catch {
            throw .cannotWrite(error)
        }
    }

    /// Decodes and validates `config.json` bytes; `path` only names the file in errors.
    ///
    /// - Throws: ``GPT2ConfigError/malformed(path:reason:)`` or
    ///   ``GPT2ConfigError/invalidValue(path:key:value:expected:)``.
    public init(decoding data: Data, path: String) throws(GPT2ConfigError) {
        do {
            self = try JSONDecoder().decode(GPT2Config.self, from: data)
        } catch {
            throw .malformed(path: path, reason: configDecodingReason(error))
        }
        try validate(path: path)
    }

    /// The largest `config.json` read, in bytes; a real one has about 700.
    public static let maximumByteCount = 1_000_000

    /// Checks the sizes against the tensors of `model.safetensors` before anything is allocated:
    /// `vocab_size` and `n_embd` against `transformer.wte.weight` [V, C], `n_positions` against
    /// `transformer.wpe.weight` [T, C], `n_layer` against the blocks `transformer.h.<i>.`.
    ///
    /// - Parameters:
    ///   - tensors: the names and shapes of the checkpoint's tensors.
    ///   - path: the `config.json` named in errors.
    /// - Throws: ``GPT2ConfigError/doesNotMatchWeights(path:key:value:weightsValue:tensor:)`` for
    ///   the first key the tensors contradict.
    public func checkMatches(tensors: [(name: String, shape: [Int])], path: String) throws(GPT2ConfigError) {
        func shape(_ name: String) throws(GPT2ConfigError) -> [Int] {
            guard let found = tensors.first(where: { $0.name == name }), found.shape.count == 2 else {
                throw .doesNotMatchWeights(path: path, key: CodingKeys.width.rawValue, value: width,
                                           weightsValue: nil, tensor: name)
            }
            return found.shape
        }
        let tokenEmbedding = try shape("transformer.wte.weight")
        let positionEmbedding = try shape("transformer.wpe.weight")
        var layerIndices = Set<Int>()
        for tensor in tensors where tensor.name.hasPrefix("transformer.h.") {
            if let index = tensor.name.dropFirst("transformer.h.".count).split(separator: ".").first.flatMap({ Int($0) }) {
                layerIndices.insert(index)
            }
        }
        let checks: [(CodingKeys, Int, Int, String)] = [
            (.width, width, tokenEmbedding[1], "transformer.wte.weight"),
            (.vocabularySize, vocabularySize, tokenEmbedding[0], "transformer.wte.weight"),
            (.contextLength, contextLength, positionEmbedding[0], "transformer.wpe.weight"),
            (.width, width, positionEmbedding[1], "transformer.wpe.weight"),
            (.layers, layers, layerIndices.count, "transformer.h.*"),
        ]
        for (key, value, weightsValue, tensor) in checks where value != weightsValue {
            throw .doesNotMatchWeights(path: path, key: key.rawValue, value: value, weightsValue: weightsValue, tensor: tensor)
        }
    }

    /// Reads and validates `config.json`.
    ///
    /// - Throws: ``GPT2ConfigError/cannotRead(path:reason:)`` or any error of
    ///   ``init(decoding:path:)``.
    public init(contentsOf url: URL) throws(GPT2ConfigError) {
        let data: Data
        do {
            let byteCount = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
            guard byteCount <= Self.maximumByteCount else {
                throw GPT2ConfigError.malformed(path: url.path, reason: "it has \(byteCount) bytes, more than the \(Self.maximumByteCount) a GPT-2 config.json can need")
            }
            data = try Data(contentsOf: url)
        } catch let error as GPT2ConfigError {
            throw error
        } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
        try self.init(decoding: data, path: url.path)
    }
}

/// A one-line reason for a `config.json` decoding failure, naming the key.
private func configDecodingReason(_ error: any Error) -> String {
    guard let decodingError = error as? DecodingError else { return String(describing: error) }
    switch decodingError {
    case .keyNotFound(let key, _):
        return "missing required key \"\(key.stringValue)\""
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        let key = context.codingPath.map(\.stringValue).joined(separator: ".")
        return "key \"\(key)\" should hold a \(type)"
    case .dataCorrupted(let context):
        return context.debugDescription
    @unknown default:
        return String(describing: decodingError)
    }
}

/// Why a `config.json` could not be written or read.
public enum GPT2ConfigError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotWrite(FileWriteError)
    case malformed(path: String, reason: String)
    case invalidValue(path: String, key: String, value: String, expected: String)
    /// The key disagrees with the tensors of `model.safetensors` (`weightsValue` nil: the tensor is
    /// missing or not two-dimensional).
    case doesNotMatchWeights(path: String, key: String, value: Int, weightsValue: Int?, tensor: String)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "config: cannot read \(path): \(reason)"
        case .cannotWrite(let error):
            return "config: \(error)"
        case .malformed(let path, let reason):
            return "config: \(path) is not a GPT-2 config.json: \(reason); re-save the checkpoint or fix the file"
        case .invalidValue(let path, let key, let value, let expected):
            return "config: \(path): \(key) is \(value); expected \(expected)"
        case .doesNotMatchWeights(let path, let key, let value, let weightsValue?, let tensor):
            return "config: \(path): \(key) is \(value) but the weights (\(tensor)) have \(weightsValue); the config does not belong to these weights, restore the checkpoint's own config.json"
        case .doesNotMatchWeights(let path, _, _, nil, let tensor):
            return "config: \(path): the weights have no two-dimensional \(tensor), so they are not a GPT-2 checkpoint TinyGPT can check against the config; re-save the checkpoint"
        }
    }
}
