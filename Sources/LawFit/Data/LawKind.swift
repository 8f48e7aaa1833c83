// The laws selectable by name (the `--law` of `tinyscale fit`), the CSV columns each reads, and
// the step from a CSV table to a fitted report.

/// A law LawFit can fit from a table of numbers.
public enum LawKind: String, CaseIterable, Sendable, Codable {
    case chinchilla
    case powerLaw = "power-law"
    case kaplan
    case approach2
    case dataEquivalence = "data-equivalence"
    case cmrDomain = "cmr-domain"
    case cmrGeneral = "cmr-general"

    /// The default CSV columns, in the order the law reads them.
    public var defaultColumns: [String] {
        switch self {
        case .chinchilla: return ["params", "tokens", "loss"]
        case .powerLaw, .kaplan: return ["params", "loss"]
        case .approach2: return ["compute", "params", "loss"]
        case .dataEquivalence: return ["log10_bytes", "relative_log_likelihood"]
        case .cmrDomain, .cmrGeneral: return ["tokens", "loss_change"]
        }
    }

    /// For each column, whether its values must be positive (they enter a logarithm or a power).
    private var positiveColumns: [Bool] {
        switch self {
        case .chinchilla, .approach2: return [true, true, true]
        case .kaplan: return [true, true]
        case .powerLaw, .dataEquivalence, .cmrDomain, .cmrGeneral: return [true, false]
        }
    }

    /// Reads the law's columns from `table` (`columns` overrides the defaults, same count and
    /// order), fits, and bootstraps when `bootstrap` is given. `huberDelta` and `threadCount` apply
    /// to Chinchilla only. Throws `CSVError` for bad cells and `LawFitError` for unusable data.
    public func fit(table: CSVTable, columns: [String]? = nil, huberDelta: Double = 1e-3,
                    bootstrap: BootstrapSettings? = nil,
                    threadCount: Int = ThreadCount.available) throws -> LawFitReport {
        let names = columns ?? defaultColumns
        guard names.count == defaultColumns.count else {
            throw LawFitError.invalidSetting(
                name: "columns", value: names.joined(separator: ","),
                expectation: "\(defaultColumns.count) names for the \(rawValue) law, like \(defaultColumns.joined(separator: ","))")
        }
        let values = try zip(names, positiveColumns).map { try table.numbers(inColumn: $0, positive: $1) }
        func curve() -> [CurvePoint] { zip(values[0], values[1]).map { CurvePoint(x: $0, y: $1) } }
        switch self {
        case .chinchilla:
            let points = values[0].indices.map {
                ScalingObservation(parameters: values[0][$0], tokens: values[1][$0], loss: values[2][$0])
            }
            let settings = ChinchillaSettings(huber: try HuberLoss(delta: huberDelta), threadCount: threadCount)
            return try fitLaw(ChinchillaLaw(settings: settings), to: points, bootstrap: bootstrap)
        case .approach2:
            let points = values[0].indices.map {
                IsoFLOPObservation(compute: values[0][$0], parameters: values[1][$0], loss: values[2][$0])
            }
            return try fitLaw(IsoFLOPLaw(), to: points, bootstrap: bootstrap)
        case .powerLaw: return try fitLaw(PowerLawWithOffset(), to: curve(), bootstrap: bootstrap)
        case .kaplan: return try fitLaw(KaplanLaw(), to: curve(), bootstrap: bootstrap)
        case .dataEquivalence: return try fitLaw(DataEquivalenceLaw(), to: curve(), bootstrap: bootstrap)
        case .cmrDomain: return try fitLaw(CMRDomainLaw(), to: curve(), bootstrap: bootstrap)
        case .cmrGeneral: return try fitLaw(CMRGeneralLaw(), to: curve(), bootstrap: bootstrap)
        }
    }
}
