// Errors of building, running and loading a GPT model, with messages that say what to change.

/// Why a model operation was refused.
public enum GPTModelError: Error, Equatable, CustomStringConvertible {
    case invalidConfig(ModelConfigError)
    case invalidThreadCount(Int)
    case invalidBatchShape(batchSize: Int, sequenceLength: Int, contextLength: Int)
    case emptyBatch(batchSize: Int, sequenceLength: Int)
    case windowByteCountMismatch(expected: Int, found: Int)
    case tokenCountMismatch(expected: Int, inputs: Int, targets: Int?)
    case tokenOutOfRange(token: Int32, vocabSize: Int)
    case batchShapeChanged(allocated: [Int], requested: [Int])
    case backwardWithoutForward
    case unknownTensor(name: String)
    case missingTensor(name: String)
    case tensorShapeMismatch(name: String, expected: [Int], found: [Int])
    /// `model.safetensors` is too large to load into memory (3 × its size: file, tensors, model).
    case weightsTooLarge(path: String, byteCount: Double, availableBytes: Double)
    /// A checkpoint weight is NaN or infinite, so every result computed from it would be too.
    case nonFiniteWeight(name: String, index: Int, value: Float)

    public var description: String {
        switch self {
        case let .invalidConfig(error):
            return error.description
        case let .invalidThreadCount(count):
            return "thread count \(count) must be at least 1"
        case let .invalidBatchShape(batchSize, sequenceLength, contextLength):
            return "batch of \(batchSize)×\(sequenceLength) tokens is not allowed: batch size must be ≥ 1 and "
                + "sequence length between 1 and the model's context length \(contextLength)"
        case let .emptyBatch(batchSize, sequenceLength):
            return "batch of \(batchSize)×\(sequenceLength) tokens is empty; batch size and sequence length must be ≥ 1"
        case let .windowByteCountMismatch(expected, found):
            return "batch windows hold \(found) bytes, expected \(expected) (batch size × (sequence length + 1))"
        case let .tokenCountMismatch(expected, inputs, targets):
            return "batch needs \(expected) inputs and targets, got \(inputs) inputs"
                + (targets.map { " and \($0) targets" } ?? "")
        case let .tokenOutOfRange(token, vocabSize):
            return "token id \(token) is outside the vocabulary 0..<\(vocabSize)"
        case let .batchShapeChanged(allocated, requested):
            return "activations are allocated for batch×sequence \(allocated), got \(requested); "
                + "call allocateActivations(batchSize:sequenceLength:) to change the batch shape"
        case .backwardWithoutForward:
            return "backward() needs a preceding forward pass with targets on the same batch"
        case let .unknownTensor(name):
            return "tensor \(name) is not a parameter of this model (wrong config or not a GPT-2 checkpoint?)"
        case let .missingTensor(name):
            return "tensor \(name) is missing; the checkpoint does not match this model's config"
        case let .tensorShapeMismatch(name, expected, found):
            return "tensor \(name) has shape \(found), this model needs \(expected); check the checkpoint's config"
        case let .weightsTooLarge(path, byteCount, availableBytes):
            return "\(path) holds \(MemoryEstimate.format(byteCount)) of weights; loading needs about "
                + "\(MemoryEstimate.format(3 * byteCount)), more than the \(MemoryEstimate.format(availableBytes)) this machine has"
        case let .nonFiniteWeight(name, index, value):
            return "weight \(index) of \(name) is \(value); the checkpoint is damaged or its training diverged, "
                + "so it cannot be evaluated or sampled"
        }
    }
}
