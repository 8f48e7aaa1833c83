// Training compute of a scaling-law point, C = (6N + 12·L·T·d)·D with N all parameters, T the
// context and d the width (DESIGN.md "Training core"): the one count that IsoFLOP planning, the
// fits' compute axis, data.csv's `flops` and the report use, so a budget means the same everywhere.
import Foundation
import TinyGPT

/// The compute of the spec's model shapes at its context length.
struct ScalingCompute: Sendable {
    /// Bytes per sequence (T) of every run.
    var context: Int

    /// Training FLOPs per token of `shape`: 6N + 12·L·T·d (forward and backward; the attention term
    /// counts the full T×T scores), as `ModelConfig.trainingFLOPsPerToken` defines it.
    func flopsPerToken(_ shape: ModelShape) -> Double {
        modelConfig(shape).trainingFLOPsPerToken(sequenceLength: context)
    }

    /// All parameters of `shape` (Chinchilla's N, the N of every compute count).
    func parameters(_ shape: ModelShape) -> Int {
        modelConfig(shape).parameterCount
    }

    /// C in FLOPs of training `shape` on `tokens` bytes.
    func compute(_ shape: ModelShape, tokens: Double) -> Double {
        flopsPerToken(shape) * tokens
    }

    /// D in bytes that spends `compute` FLOPs on `shape`.
    func tokens(_ shape: ModelShape, compute: Double) -> Double {
        compute / flopsPerToken(shape)
    }

    /// The attention term's share of the FLOPs per token of `shape`: 12·L·T·d / (6N + 12·L·T·d).
    func attentionShare(_ shape: ModelShape) -> Double {
        12 * Double(shape.layers) * Double(context) * Double(shape.width) / flopsPerToken(shape)
    }

    private func modelConfig(_ shape: ModelShape) -> ModelConfig {
        shape.modelConfig(contextLength: context)
    }
}

/// FLOPs per token as a function of N alone, for laws that know N but not the shape (Approach 3's
/// compute-optimal curve, the D of an IsoFLOP vertex): exact at the sampled shapes, linear in
/// (ln N, ln FLOPs per token) between them and along the end segments beyond them.
struct FLOPsPerTokenCurve: Sendable {
    /// (ln N, ln FLOPs per token), increasing in N.
    private let knots: [(logParameters: Double, logFLOPs: Double)]

    /// The curve through `shapes` (at least one) under `compute`.
    init(shapes: [ModelShape], compute: ScalingCompute) {
        var byParameters: [Int: Double] = [:]
        for shape in shapes {
            byParameters[compute.parameters(shape)] = compute.flopsPerToken(shape)
        }
        knots = byParameters.sorted { $0.key < $1.key }.map { (log(Double($0.key)), log($0.value)) }
    }

    /// FLOPs per token of a model with `parameters` N.
    func flopsPerToken(parameters: Double) -> Double {
        guard let first = knots.first else { return 6 * parameters }
        guard knots.count > 1 else { return exp(first.logFLOPs - first.logParameters) * parameters }
        let x = log(parameters)
        let upper = knots.firstIndex { $0.logParameters >= x } ?? knots.count - 1
        let right = knots[max(upper, 1)], left = knots[max(upper, 1) - 1]
        let slope = (right.logFLOPs - left.logFLOPs) / (right.logParameters - left.logParameters)
        return exp(left.logFLOPs + slope * (x - left.logParameters))
    }

    /// C = FLOPs per token × D.
    func compute(parameters: Double, tokens: Double) -> Double {
        flopsPerToken(parameters: parameters) * tokens
    }

    /// D = C / FLOPs per token.
    func tokens(parameters: Double, compute: Double) -> Double {
        compute / flopsPerToken(parameters: parameters)
    }
}
