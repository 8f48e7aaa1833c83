// Kaplan et al.'s pure power law L(N) = (N_c / N)^(α_N), fitted as a straight line in log space.
import Foundation

/// L(N) = (N_c / N)^(α_N), N > 0 parameters (Kaplan count non-embedding parameters), L > 0.
/// In log space ln L = α_N ln N_c − α_N ln N is a straight line, fitted by ordinary least squares
/// (gsl_fit_linear) on (ln N, ln L): slope m = −α_N, intercept k = α_N ln N_c.
/// Parameters: "alpha_N" (SE of the slope) and "N_c" = exp(−k/m) (SE by the delta method);
/// derived: "ln_N_c".
public struct KaplanLaw: FittableLaw {
    public let name = "kaplan"

    public init() {}

    public func fit(_ points: [CurvePoint]) throws -> LawEstimate {
        try validateCurvePoints(points, law: name, minimum: 3, xName: "parameters", yName: "loss", positiveY: true)
        let line = try StraightLineFit(x: points.map { log($0.x) }, y: points.map { log($0.y) })
        let alpha = -line.slope
        let logCritical = line.intercept / alpha
        // ln N_c = −k/m: ∂/∂k = −1/m, ∂/∂m = k/m².
        let gradientIntercept = -1 / line.slope
        let gradientSlope = line.intercept / (line.slope * line.slope)
        let logCriticalVariance = gradientIntercept * gradientIntercept * line.interceptVariance
            + gradientSlope * gradientSlope * line.slopeVariance
            + 2 * gradientIntercept * gradientSlope * line.covariance
        return LawEstimate(
            law: name, solverParameters: [alpha, logCritical],
            parameters: [
                FittedQuantity(name: "alpha_N", estimate: alpha,
                               standardError: line.slopeVariance.squareRoot(),
                               standardErrorMethod: .covariance),
                FittedQuantity(name: "N_c", estimate: exp(logCritical),
                               standardError: exp(logCritical) * logCriticalVariance.squareRoot(),
                               standardErrorMethod: .deltaMethod),
            ],
            derivedQuantities: [
                FittedQuantity(name: "ln_N_c", estimate: logCritical,
                               standardError: logCriticalVariance.squareRoot(),
                               standardErrorMethod: .deltaMethod),
            ],
            objectiveName: "χ² of ln L", objectiveValue: line.sumOfSquaredResiduals,
            degreesOfFreedom: points.count - 2, pointsUsed: points.count, iterations: 0,
            status: .converged(criterion: "closed-form linear least squares in log space"),
            messages: ["Ordinary least squares of ln L on ln N (gsl_fit_linear)."])
    }

    /// The fit is closed-form, so a refit is a fit.
    public func refit(_ points: [CurvePoint], from solverParameters: [Double]) throws -> LawEstimate {
        try fit(points)
    }

    public func predict(_ estimate: LawEstimate, at point: CurvePoint) -> Double {
        exp(estimate.solverParameters[0] * (estimate.solverParameters[1] - log(point.x)))
    }

    public func observedValue(of point: CurvePoint) -> Double { point.y }
}
