// One run of an IsoFLOP profile: compute budget, parameters and final loss.

/// One run of an IsoFLOP profile: compute budget C (FLOPs), N parameters, final loss L.
public struct IsoFLOPObservation: Sendable, Codable, Equatable {
    public let compute: Double
    public let parameters: Double
    public let loss: Double

    public init(compute: Double, parameters: Double, loss: Double) {
        self.compute = compute
        self.parameters = parameters
        self.loss = loss
    }
}
