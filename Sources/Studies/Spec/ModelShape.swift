// One model size of a study's grid (spec key `models[i]`), and the one place it becomes TinyGPT's
// `ModelConfig` (same names: layers, width, heads).
import TinyGPT

/// A GPT shape: layers, width (channels C) and heads. Vocabulary is always 256 bytes and the
/// context comes from `training.context`.
public struct ModelShape: Sendable, Equatable, Codable {
    /// A short label used in reports and run names, e.g. `xs`.
    public var name: String
    public var layers: Int
    public var width: Int
    public var heads: Int

    public init(name: String, layers: Int, width: Int, heads: Int) {
        self.name = name
        self.layers = layers
        self.width = width
        self.heads = heads
    }

    static func read(_ reader: MappingReader, index: Int) -> ModelShape {
        let shape = ModelShape(
            name: reader.string("name", default: "m\(index)"),
            layers: reader.int("layers", default: nil, bound: .within(1, 64)),
            width: reader.int("width", default: nil, bound: .within(8, 4096)),
            heads: reader.int("heads", default: nil, bound: .within(1, 64)))
        if shape.width > 0, shape.heads > 0, shape.width % shape.heads != 0 {
            reader.diagnostics.report(
                "found \(shape.heads) heads for width \(shape.width); heads must divide the width (e.g. \(ModelShape.divisorHint(shape.width)))",
                at: reader.childPath("heads"))
        }
        reader.finish()
        return shape
    }

    /// The TinyGPT model of this shape for contexts of `contextLength` tokens (byte vocabulary).
    public func modelConfig(contextLength: Int) -> ModelConfig {
        ModelConfig(layers: layers, width: width, heads: heads, contextLength: contextLength)
    }

    private static func divisorHint(_ width: Int) -> String {
        let divisors = (1...min(width, 16)).filter { width % $0 == 0 && $0 > 1 }
        return divisors.suffix(3).map(String.init).joined(separator: ", ")
    }
}
