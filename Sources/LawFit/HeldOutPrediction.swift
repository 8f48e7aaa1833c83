// Held-out prediction: fit a law on all runs but one group, predict the held-out runs, report the error.

/// One held-out run's prediction.
public struct HeldOutPoint: Sendable, Codable, Equatable {
    /// The run's index in the full data.
    public let index: Int
    public let observed: Double
    public let predicted: Double
    /// |predicted − observed|.
    public let absoluteError: Double
    /// |predicted − observed| / |observed|.
    public let relativeError: Double
}

/// The fit on the kept runs and its predictions for the held-out runs.
public struct HeldOutReport: Sendable, Codable {
    /// The fit without the held-out runs.
    public let estimate: LawEstimate
    /// One entry per held-out run, in data order.
    public let predictions: [HeldOutPoint]
    /// Mean of the absolute errors.
    public let meanAbsoluteError: Double
    /// Largest relative error.
    public let maximumRelativeError: Double
}

/// Fits `law` to the points for which `isHeldOut` is false and predicts the others.
/// Throws `LawFitError.invalidSetting` when the selection holds out nothing or everything.
public func predictHeldOut<Law: FittableLaw>(_ law: Law, points: [Law.Point],
                                             isHeldOut: (Law.Point) -> Bool) throws -> HeldOutReport {
    let heldOut = points.indices.filter { isHeldOut(points[$0]) }
    guard !heldOut.isEmpty, heldOut.count < points.count else {
        throw LawFitError.invalidSetting(name: "held-out group", value: "\(heldOut.count) of \(points.count) points",
                                         expectation: "hold out at least one point and keep the rest")
    }
    let kept = points.indices.filter { !isHeldOut(points[$0]) }.map { points[$0] }
    let prepared = law.prepared(for: kept)
    let estimate = try prepared.fit(kept)
    let predictions = heldOut.map { index in
        let observed = prepared.observedValue(of: points[index])
        let predicted = prepared.predict(estimate, at: points[index])
        let error = abs(predicted - observed)
        return HeldOutPoint(index: index, observed: observed, predicted: predicted, absoluteError: error,
                            relativeError: error / abs(observed))
    }
    return HeldOutReport(estimate: estimate, predictions: predictions,
                         meanAbsoluteError: predictions.reduce(0) { $0 + $1.absoluteError } / Double(predictions.count),
                         maximumRelativeError: predictions.map(\.relativeError).max() ?? 0)
}
