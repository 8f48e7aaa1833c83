// A named, shaped Float32 tensor: the unit exchanged between the model's parameter buffer and
// checkpoint files (safetensors), so file formats need not know the model's layout.

/// One tensor of a checkpoint: a name in the file's convention (e.g. Hugging Face GPT-2's
/// `transformer.h.0.attn.c_attn.weight`), its shape (row-major, outermost first) and its values.
public struct NamedTensor: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    public var values: [Float]

    /// Creates a tensor; `values.count` must equal the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *), "tensor \(name): \(values.count) values for shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}
