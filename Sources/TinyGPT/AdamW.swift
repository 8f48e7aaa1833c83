// The AdamW optimizer with bias correction, decoupled weight decay on ≥2-dimensional tensors,
// and global-norm gradient clipping, as one fused loop over the parameter layout.
import Foundation


/// AdamW hyperparameters other than the learning rate (which comes from the schedule).
public struct AdamWSettings: Sendable, Hashable, Codable {
    /// Decay rate of the first-moment average.
    public var beta1: Float
    /// Decay rate of the second-moment average.
    public var beta2: Float
    /// Added to √v̂ in the denominator.
    public var epsilon: Float
    /// Decoupled weight decay coefficient (multiplied by the learning rate), applied only to
    /// tensors with `appliesWeightDecay`.
    public var weightDecay: Float
    /// Largest global L2 norm of the gradient; larger gradients are scaled down to it. `nil`
    /// disables clipping.
    public var gradientClipNorm: Float?

    /// nanoGPT's defaults: β = (0.9, 0.95), ε = 1e-8, weight decay 0.1, clip at 1.0.
    public init(beta1: Float = 0.9, beta2: Float = 0.95, epsilon: Float = 1e-8,
                weightDecay: Float = 0.1, gradientClipNorm: Float? = 1.0) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.gradientClipNorm = gradientClipNorm
    }
}

/// The optimizer's state: the number of updates taken and the two moment buffers (layout order).
public struct AdamWState: Sendable, Equatable {
    /// Updates taken so far; the next update uses bias-correction step `stepCount + 1`.
    public var stepCount: Int
    /// First moments m, one per parameter.
    public var firstMoments: [Float]
    /// Second moments v, one per parameter.
    public var secondMoments: [Float]

    public init(stepCount: Int, firstMoments: [Float], secondMoments: [Float]) {
        self.stepCount = stepCount
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
    }
}

/// Why an optimizer operation was refused.
public enum AdamWError: Error, Equatable, CustomStringConvertible {
    case stateSizeMismatch(expected: Int, firstMoments: Int, secondMoments: Int)
    case negativeStepCount(Int)

    public var description: String {
        switch self {
        case let .stateSizeMismatch(expected, first, second):
            return "optimizer state has \(first) first and \(second) second moments; this model needs \(expected) "
                + "of each (was the state saved for another model config?)"
        case let .negativeStepCount(count):
            return "optimizer step count \(count) is negative"
        }
    }
}

/// AdamW over a model's parameter buffer. The moments share the model's layout.
public final class AdamW {
    public let settings: AdamWSettings
    /// Updates taken so far.
    public private(set) var stepCount = 0
    private let firstMoments: FloatBuffer
    private let secondMoments: FloatBuffer
    private let layout: ParameterLayout

    /// An optimizer with zero moments for a model of `layout`.
    public init(layout: ParameterLayout, settings: AdamWSettings = AdamWSettings()) {
        self.layout = layout
        self.settings = settings
        firstMoments = FloatBuffer(count: layout.count)
        secondMoments = FloatBuffer(count: layout.count)
    }

    /// The global L2 norm of the model's gradient, summed in Double over fixed-size chunks in
    /// order (so the value does not depend on the thread count).
    public func gradientNorm(of model: GPTModel) -> Float {
        let g = model.gradients.pointer
        let count = layout.count
        let chunkSize = 1 << 16
        let chunks = (count + chunkSize - 1) / chunkSize
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks)
        defer { partials.deallocate() }
        parallelFor(chunks, threads: model.threadCount) { range in
            for chunk in range {
                var sum: Float = 0
                for i in (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize) { sum += g[i] * g[i] }
                partials[chunk] = Double(sum)
            }
        }
        var total = 0.0
        for chunk in 0..<chunks { total += partials[chunk] }
        return Float(total.squareRoot())
    }

    /// Clips the gradient to `settings.gradientClipNorm`, then takes one AdamW step at
    /// `learningRate`. Returns the gradient norm before clipping.
    @discardableResult
    public func update(_ model: GPTModel, learningRate: Float) -> Float {
        precondition(model.layout.count == layout.count, "optimizer and model have different layouts")
        let norm = gradientNorm(of: model)
        var gradientScale: Float = 1
        if let limit = settings.gradientClipNorm, norm > limit {
            gradientScale = limit / (norm + 1e-6)
        }
        stepCount += 1
        let s = settings
        let t = Float(stepCount)
        let firstCorrection = 1 / (1 - pow(s.beta1, t))
        let secondCorrection = 1 / (1 - pow(s.beta2, t))
        let p = model.parameters.pointer
        let g = model.gradients.pointer
        let m = firstMoments.pointer
        let v = secondMoments.pointer
        for tensor in layout.tensors {
            let decayFactor = 1 - learningRate * (tensor.appliesWeightDecay ? s.weightDecay : 0)
            let offset = tensor.offset
            parallelFor(tensor.count, threads: tensor.count < 16_384 ? 1 : model.threadCount) { range in
                for i in (offset + range.lowerBound)..<(offset + range.upperBound) {
                    let grad = g[i] * gradientScale
                    let mi = s.beta1 * m[i] + (1 - s.beta1) * grad
                    let vi = s.beta2 * v[i] + (1 - s.beta2) * grad * grad
                    m[i] = mi
                    v[i] = vi
                    let step = (mi * firstCorrection) / ((vi * secondCorrection).squareRoot() + s.epsilon)
                    p[i] = p[i] * decayFactor - learningRate * step
                }
            }
        }
        return norm
    }

    /// A copy of the step count and moments, for a training-state file.
    public func exportState() -> AdamWState {
        AdamWState(stepCount: stepCount, firstMoments: firstMoments.toArray(), secondMoments: secondMoments.toArray())
    }

    /// Restores a state produced by `exportState()` of an optimizer for the same layout.
    public func importState(_ state: AdamWState) throws(AdamWError) {
        guard state.firstMoments.count == layout.count, state.secondMoments.count == layout.count else {
            throw .stateSizeMismatch(expected: layout.count, firstMoments: state.firstMoments.count,
                                     secondMoments: state.secondMoments.count)
        }
        guard state.stepCount >= 0 else { throw .negativeStepCount(state.stepCount) }
        stepCount = state.stepCount
        firstMoments.assign(from: state.firstMoments)
        secondMoments.assign(from: state.secondMoments)
    }
}
