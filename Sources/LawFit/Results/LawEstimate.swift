// What one fit of one data set produces, before any bootstrap: named parameters with their
// standard errors, derived quantities, the objective, and the convergence status.

/// The result of fitting one law to one data set.
public struct LawEstimate: Sendable, Codable {
    /// The law's name (e.g. "chinchilla").
    public let law: String
    /// The solver's coordinates at the optimum; a bootstrap refit starts from them.
    public let solverParameters: [Double]
    /// The fitted parameters.
    public let parameters: [FittedQuantity]
    /// Quantities computed from the parameters (e.g. compute-optimal exponents).
    public let derivedQuantities: [FittedQuantity]
    /// What was minimised, e.g. "χ²" or "Σ Huber(δ=0.001) of log residuals".
    public let objectiveName: String
    /// Its value at the optimum.
    public let objectiveValue: Double
    /// n − p for least-squares fits, nil otherwise.
    public let degreesOfFreedom: Int?
    /// The number of data points the fit used.
    public let pointsUsed: Int
    /// Iterations of the final solver run.
    public let iterations: Int
    /// Whether the final solver run converged.
    public let status: ConvergenceStatus
    /// Notes a reader needs (e.g. skipped groups, starts evaluated, confirmation results).
    public let messages: [String]

    public init(law: String, solverParameters: [Double], parameters: [FittedQuantity],
                derivedQuantities: [FittedQuantity], objectiveName: String, objectiveValue: Double,
                degreesOfFreedom: Int?, pointsUsed: Int, iterations: Int, status: ConvergenceStatus,
                messages: [String]) {
        self.law = law
        self.solverParameters = solverParameters
        self.parameters = parameters
        self.derivedQuantities = derivedQuantities
        self.objectiveName = objectiveName
        self.objectiveValue = objectiveValue
        self.degreesOfFreedom = degreesOfFreedom
        self.pointsUsed = pointsUsed
        self.iterations = iterations
        self.status = status
        self.messages = messages
    }

    /// The estimate of the parameter or derived quantity called `name`.
    public func value(_ name: String) -> Double? {
        (parameters + derivedQuantities).first { $0.name == name }?.estimate
    }
}
