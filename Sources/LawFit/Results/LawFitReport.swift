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
    public let messages: [String]
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
                interval: bootstrap.intervals[quantity.name])
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
