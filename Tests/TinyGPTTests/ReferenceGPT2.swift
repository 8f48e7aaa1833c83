// An independent GPT-2 forward pass in Double, written from the Hugging Face definitions and
// reading exported tensors by name (Conv1D weights [in, out]): the oracle for the model's logits
// and loss and, by finite differences in Double, for its gradients.
import Foundation
@testable import TinyGPT

struct ReferenceGPT2 {
    let config: ModelConfig
    var tensors: [String: [Double]]

    init(config: ModelConfig, tensors: [NamedTensor]) {
        self.config = config
        self.tensors = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.values.map(Double.init)) })
    }

    /// Mean next-token cross-entropy in nats over a (B, T) batch.
    func loss(_ batch: TokenBatch) -> Double {
        let logits = logits(batch)
        var total = 0.0
        for (row, target) in batch.targets.enumerated() {
            let maximum = logits[row].max()!
            let logSum = log(logits[row].reduce(0.0) { $0 + exp($1 - maximum) }) + maximum
            total += logSum - logits[row][Int(target)]
        }
        return total / Double(batch.batchSize * batch.sequenceLength)
    }

    /// The LM head's output before the softmax, one row of V logits per input token (B·T rows,
    /// row-major over (B, T)).
    func logits(_ batch: TokenBatch) -> [[Double]] {
        let (T, C) = (batch.sequenceLength, config.width)
        let wte = tensors["transformer.wte.weight"]!
        let wpe = tensors["transformer.wpe.weight"]!
        var rows: [[Double]] = []
        for b in 0..<batch.batchSize {
            let tokens = Array(batch.inputs[(b * T)..<((b + 1) * T)])
            var x = (0..<T).map { t in (0..<C).map { c in wte[Int(tokens[t]) * C + c] + wpe[t * C + c] } }
            for layer in 0..<config.layers {
                let prefix = "transformer.h.\(layer)."
                let qkv = linear(layerNorm(x, prefix + "ln_1"), prefix + "attn.c_attn")
                x = add(x, linear(attention(qkv), prefix + "attn.c_proj"))
                let hidden = linear(layerNorm(x, prefix + "ln_2"), prefix + "mlp.c_fc").map { $0.map(gelu) }
                x = add(x, linear(hidden, prefix + "mlp.c_proj"))
            }
            let final = layerNorm(x, "transformer.ln_f")
            for t in 0..<T {
                rows.append((0..<config.vocabSize).map { v in
                    (0..<C).reduce(0.0) { $0 + final[t][$1] * wte[v * C + $1] }
                })
            }
        }
        return rows
    }

    private func layerNorm(_ x: [[Double]], _ name: String) -> [[Double]] {
        let weight = tensors[name + ".weight"]!
        let bias = tensors[name + ".bias"]!
        return x.map { row in
            let mean = row.reduce(0, +) / Double(row.count)
            let variance = row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(row.count)
            let scale = 1 / (variance + 1e-5).squareRoot()
            return row.indices.map { (row[$0] - mean) * scale * weight[$0] + bias[$0] }
        }
    }

    /// x · W + b with W stored [in, out] (Hugging Face Conv1D).
    private func linear(_ x: [[Double]], _ name: String) -> [[Double]] {
        let weight = tensors[name + ".weight"]!
        let bias = tensors[name + ".bias"]!
        let outputs = bias.count
        return x.map { row in
            (0..<outputs).map { o in row.indices.reduce(bias[o]) { $0 + row[$1] * weight[$1 * outputs + o] } }
        }
    }

    private func attention(_ qkv: [[Double]]) -> [[Double]] {
        let (T, C, heads) = (qkv.count, config.width, config.heads)
        let size = C / heads
        var out = [[Double]](repeating: [Double](repeating: 0, count: C), count: T)
        for h in 0..<heads {
            for t in 0..<T {
                let scores = (0...t).map { t2 in
                    (0..<size).reduce(0.0) { $0 + qkv[t][h * size + $1] * qkv[t2][C + h * size + $1] }
                        / Double(size).squareRoot()
                }
                let maximum = scores.max()!
                let weights = scores.map { exp($0 - maximum) }
                let sum = weights.reduce(0, +)
                for i in 0..<size {
                    out[t][h * size + i] = (0...t).reduce(0.0) { $0 + weights[$1] / sum * qkv[$1][2 * C + h * size + i] }
                }
            }
        }
        return out
    }

    private func gelu(_ x: Double) -> Double {
        0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)))
    }

    private func add(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        zip(a, b).map { zip($0, $1).map(+) }
    }
}
