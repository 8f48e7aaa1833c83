// One named number of a fit (parameter or derived quantity) with its uncertainty.

/// How a standard error was obtained.
public enum StandardErrorMethod: String, Sendable, Codable, Equatable {
    /// √diag of the least-squares covariance (JᵀWJ)⁻¹ χ²/dof.
    case covariance
    /// First-order propagation of the covariance through a transformation (delta method).
    case deltaMethod = "delta-method"
    /// The standard deviation of the bootstrap estimates.
    case bootstrap
}

/// One named number of a fit: a fitted parameter or a quantity derived from the parameters.
public struct FittedQuantity: Sendable, Codable, Equatable {
    /// The name used in reports and JSON (e.g. "alpha", "N_opt(C=1e+18)").
    public let name: String
    /// The point estimate.
    public let estimate: Double
    /// The standard error, when one is available.
    public let standardError: Double?
    /// How `standardError` was obtained.
    public let standardErrorMethod: StandardErrorMethod?
    /// The bootstrap percentile interval, when a bootstrap was run.
    public let interval: ConfidenceInterval?
    /// Set when the estimate sits at the edge of the law's domain (e.g. E → 0): the data do not
    /// determine it, so reports show the bound rather than the number. Absent in fits stored
    /// before bounds were recorded.
    public let atBound: ParameterBound?

    public init(name: String, estimate: Double, standardError: Double? = nil,
                standardErrorMethod: StandardErrorMethod? = nil, interval: ConfidenceInterval? = nil,
                atBound: ParameterBound? = nil) {
        self.name = name
        self.estimate = estimate
        let usable = standardError.flatMap { $0.isFinite ? $0 : nil }
        self.standardError = usable
        self.standardErrorMethod = usable == nil ? nil : standardErrorMethod
        self.interval = interval
        self.atBound = atBound
    }
}
