// The common shape of every law LawFit fits, so one bootstrap and one held-out evaluation serve all.

/// A law y = f(point; θ) that can be fitted to points, refitted from a known optimum, and used to predict.
public protocol FittableLaw: Sendable {
    /// One observation (e.g. a training run's parameters, tokens and loss).
    associatedtype Point: Sendable

    /// The law's name in reports.
    var name: String { get }

    /// Fixes any data-dependent choices (e.g. the compute budget at which allocations are
    /// reported) from the full data, so that bootstrap refits report the same quantities.
    func prepared(for points: [Point]) -> Self

    /// The full fit, including any search over starting points. Throws for unusable data.
    func fit(_ points: [Point]) throws -> LawEstimate

    /// A fit started at `solverParameters` (an earlier optimum) with the same tight tolerances and
    /// no start search: what a bootstrap resample gets.
    func refit(_ points: [Point], from solverParameters: [Double]) throws -> LawEstimate

    /// Groups of point indices that a bootstrap resamples separately (default: one group of all).
    func resamplingStrata(_ points: [Point]) -> [[Int]]

    /// The law's prediction for `point` under `estimate`.
    func predict(_ estimate: LawEstimate, at point: Point) -> Double

    /// The measured value of `point` that the law predicts (e.g. its loss).
    func observedValue(of point: Point) -> Double
}

extension FittableLaw {
    public func prepared(for points: [Point]) -> Self { self }

    public func resamplingStrata(_ points: [Point]) -> [[Int]] { [Array(points.indices)] }
}
