// Fitted law parameters with standard errors and confidence intervals, shown as a numbered table.

/// The edge of its domain a fitted parameter sits at (e.g. E at its lower bound 0).
public struct FitResultBound: Sendable, Equatable {
    /// "lower" or "upper".
    public var side: String
    /// The bound's value.
    public var limit: Double

    public init(side: String, limit: Double) {
        self.side = side
        self.limit = limit
    }
}

/// One fitted parameter.
public struct FitResult: Sendable {
    /// Parameter name as printed, e.g. "α" or "E".
    public var parameter: String
    /// Point estimate.
    public var estimate: Double
    /// Standard error of the estimate, if known.
    public var standardError: Double?
    /// Confidence interval (lower, upper), if known.
    public var interval: (lower: Double, upper: Double)?
    /// Unit of the parameter, e.g. "nats/byte" (empty for dimensionless).
    public var unit: String
    /// Set when the fit left the parameter at a bound of its domain: the table then shows the bound
    /// (with the solver's stopping value in parentheses) and no standard error.
    public var atBound: FitResultBound?

    /// Creates a fitted parameter.
    public init(parameter: String, estimate: Double, standardError: Double? = nil,
                interval: (lower: Double, upper: Double)? = nil, unit: String = "", atBound: FitResultBound? = nil) {
        self.parameter = parameter
        self.estimate = estimate
        self.standardError = standardError
        self.interval = interval
        self.unit = unit
        self.atBound = atBound
    }
}

/// The parameters of one fit, rendered as a numbered table.
public struct FitResults: Sendable {
    /// Caption in the inline Markdown subset, e.g. "Chinchilla fit $L = E + A/N^α + B/D^β$".
    public var caption: String
    /// The parameters in display order.
    public var results: [FitResult]
    /// Confidence level of the intervals, e.g. 0.95.
    public var confidenceLevel: Double

    /// Creates a fit-results cell.
    public init(caption: String, results: [FitResult], confidenceLevel: Double = 0.95) {
        self.caption = caption
        self.results = results
        self.confidenceLevel = confidenceLevel
    }

    /// The results as a table with columns parameter, estimate, standard error, interval, unit. A
    /// parameter at a bound reads "at lower bound 0 (fit 1.11 × 10⁻⁸³)" with no standard error.
    public var table: ReportTable {
        let levelPercent = NumberFormatting.significant(confidenceLevel * 100, digits: 3)
        let rows = results.map { result -> [String] in
            let estimate = result.atBound.map {
                "at \($0.side) bound \(NumberFormatting.significant($0.limit)) (fit \(NumberFormatting.significant(result.estimate, digits: 3)))"
            } ?? NumberFormatting.significant(result.estimate)
            let standardError = result.atBound == nil ? result.standardError : nil
            return [
                result.parameter,
                estimate,
                standardError.map { NumberFormatting.significant($0, digits: 2) } ?? "–",
                result.interval.map {
                    "[" + NumberFormatting.significant($0.lower) + ", "
                        + NumberFormatting.significant($0.upper) + "]"
                } ?? "–",
                result.unit,
            ]
        }
        return ReportTable(header: ["Parameter", "Estimate", "Std. error", "\(levelPercent) % interval", "Unit"],
                           rows: rows, alignments: [.left, .right, .right, .right, .left],
                           caption: caption)
    }
}
