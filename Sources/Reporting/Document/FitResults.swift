// Fitted law parameters with standard errors and confidence intervals, shown as a numbered table.

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

    /// Creates a fitted parameter.
    public init(parameter: String, estimate: Double, standardError: Double? = nil,
                interval: (lower: Double, upper: Double)? = nil, unit: String = "") {
        self.parameter = parameter
        self.estimate = estimate
        self.standardError = standardError
        self.interval = interval
        self.unit = unit
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

    /// The results as a table with columns parameter, estimate, standard error, interval, unit.
    public var table: ReportTable {
        let levelPercent = NumberFormatting.significant(confidenceLevel * 100, digits: 3)
        let rows = results.map { result -> [String] in
            [
                result.parameter,
                NumberFormatting.significant(result.estimate),
                result.standardError.map { NumberFormatting.significant($0, digits: 2) } ?? "–",
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
