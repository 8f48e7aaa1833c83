// A fitted law ready for a report: estimates, standard errors, bootstrap intervals, status.

/// A fitted law ready for a report: estimates, standard errors, bootstrap intervals, status.
public struct LawFitReport: Sendable, Codable {
    /// The law's name.
    public let law: String
    /// Fitted parameters, with bootstrap intervals when a bootstrap was run.
    public let parameters: [FittedQuantity]
    /// Derived quantities, with bootstrap intervals when a bootstrap was run.
    public let derivedQuantities: [FittedQuantity]
    /// Points the fit used.
    public let pointsUsed: Int
    /// What was minimised and its value at the optimum.
    public let objectiveName: String
    public let objectiveValue: Double
    /// n − p for least-squares fits.
    public let degreesOfFreedom: Int?
    /// Iterations of the final solver run.
    public let iterations: Int
    /// Convergence of the full-data fit.
    public let status: ConvergenceStatus
    /// Notes on the fit.
    public internal(set) var messages: [String]
    /// The bootstrap summary (nil when none was run).
    public let bootstrap: BootstrapResult?

    /// Combines a full-data estimate with its bootstrap. A quantity without an analytic standard
    /// error gets the bootstrap standard deviation, marked `.bootstrap`.
    public init(estimate: LawEstimate, bootstrap: BootstrapResult?) {
        func attach(_ quantity: FittedQuantity) -> FittedQuantity {
            guard let bootstrap else { return quantity }
            let hasAnalytic = quantity.standardError != nil
            return FittedQuantity(
                name: quantity.name, estimate: quantity.estimate,
                standardError: hasAnalytic ? quantity.standardError : bootstrap.standardDeviations[quantity.name],
                standardErrorMethod: hasAnalytic ? quantity.standardErrorMethod : .bootstrap,
                interval: bootstrap.intervals[quantity.name], atBound: quantity.atBound)
        }
        law = estimate.law
        parameters = estimate.parameters.map(attach)
        derivedQuantities = estimate.derivedQuantities.map(attach)
        pointsUsed = estimate.pointsUsed
        objectiveName = estimate.objectiveName
        objectiveValue = estimate.objectiveValue
        degreesOfFreedom = estimate.degreesOfFreedom
        iterations = estimate.iterations
        status = estimate.status
        messages = estimate.messages
        self.bootstrap = bootstrap
    }
}

/// A reason not to base a verdict on a fit.
public enum FitProblem: Sendable, Equatable, CustomStringConvertible {
    /// The full-data fit did not pass its stopping test.
    case didNotConverge(reason: String)
    /// A parameter or derived quantity sits at a bound of the law's domain.
    case atBound(quantity: String, estimate: Double, bound: ParameterBound)
    /// More than `LawFitReport.maximumFailedResampleShare` of the bootstrap resamples failed, so the
    /// intervals come from a selected subset of resamples.
    case failedResamples(failed: Int, requested: Int)

    public var description: String {
        switch self {
        case let .didNotConverge(reason):
            return "the fit did not converge (\(reason))"
        case let .atBound(quantity, estimate, bound):
            return "\(quantity) is at its \(bound.side.rawValue) bound \(String(format: "%g", bound.limit)) "
                + "(the fit stopped at \(String(format: "%.3g", estimate))): \(bound.reason)"
        case let .failedResamples(failed, requested):
            let percent = String(format: "%.0f", 100 * Double(failed) / Double(max(requested, 1)))
            let limit = String(format: "%g", 100 * LawFitReport.maximumFailedResampleShare)
            return "\(failed) of \(requested) bootstrap resamples failed (\(percent) %, more than \(limit) %), "
                + "so the intervals come from the \(requested - failed) that converged"
        }
    }
}

extension LawFitReport {
    /// The largest share of failed bootstrap resamples a fit may have and still decide a verdict.
    public static let maximumFailedResampleShare = 0.05

    /// Every parameter and derived quantity at a bound of the law's domain, in report order.
    public var quantitiesAtBound: [FittedQuantity] {
        (parameters + derivedQuantities).filter { $0.atBound != nil }
    }

    /// Why a verdict should not rest on this fit: non-convergence, quantities at a bound, and more
    /// than `maximumFailedResampleShare` failed resamples. Empty when the fit can decide a verdict.
    public var problems: [FitProblem] {
        var problems: [FitProblem] = []
        if case let .didNotConverge(reason) = status { problems.append(.didNotConverge(reason: reason)) }
        for quantity in quantitiesAtBound {
            problems.append(.atBound(quantity: quantity.name, estimate: quantity.estimate, bound: quantity.atBound!))
        }
        if let bootstrap, bootstrap.failedShare > Self.maximumFailedResampleShare {
            problems.append(.failedResamples(failed: bootstrap.failedResamples, requested: bootstrap.resamples))
        }
        return problems
    }
}
