// The least-squares straight line with its covariance (gsl_fit_linear).
@preconcurrency import CGSL

/// The straight line y = intercept + slope·x fitted by least squares (gsl_fit_linear), with the
/// covariance estimated from the scatter about the line (needs n ≥ 3 for standard errors).
public struct StraightLineFit: Sendable, Equatable {
    public let intercept: Double
    public let slope: Double
    /// Var(intercept), Cov(intercept, slope), Var(slope); infinite or NaN when n = 2.
    public let interceptVariance: Double
    public let covariance: Double
    public let slopeVariance: Double
    /// Σ (y_i − intercept − slope·x_i)².
    public let sumOfSquaredResiduals: Double

    /// Fits the line through (x_i, y_i); needs at least two distinct x.
    public init(x: [Double], y: [Double]) throws {
        guard x.count == y.count, x.count >= 2, Set(x).count >= 2 else {
            throw LawFitError.tooFewPoints(law: "straight-line", required: 2, available: Set(x).count)
        }
        GSLRuntime.prepare()
        var intercept = 0.0, slope = 0.0, variance00 = 0.0, covariance01 = 0.0, variance11 = 0.0, squares = 0.0
        let status = gsl_fit_linear(x, 1, y, 1, x.count, &intercept, &slope,
                                    &variance00, &covariance01, &variance11, &squares)
        guard status == Int32(GSL_SUCCESS) else {
            throw LawFitError.gslFailure(operation: "gsl_fit_linear", status: status,
                                         reason: GSLRuntime.reason(for: status))
        }
        self.intercept = intercept
        self.slope = slope
        interceptVariance = variance00
        covariance = covariance01
        slopeVariance = variance11
        sumOfSquaredResiduals = squares
    }
}
