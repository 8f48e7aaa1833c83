// One training run of a scaling-law grid: parameters, tokens and final loss.

/// One training run: N parameters, D training tokens, final loss L (nats or bits per byte, > 0).
public struct ScalingObservation: Sendable, Codable, Equatable {
    public let parameters: Double
    public let tokens: Double
    public let loss: Double

    public init(parameters: Double, tokens: Double, loss: Double) {
        self.parameters = parameters
        self.tokens = tokens
        self.loss = loss
    }

    /// C ≈ 6·N·D training FLOPs.
    public var compute: Double { 6 * parameters * tokens }
}
