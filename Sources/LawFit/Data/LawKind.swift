// The laws selectable by name (the `--law` of `tinyscale fit`), the CSV columns each reads, and
// the step from a CSV table to a fitted report.
import CSV


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

    /// The same columns under the names of a TinyScale `data.csv` (final loss in bits per byte on
    /// the default evaluation set), used when a table has none of `defaultColumns`; nil for laws
    /// a study's data.csv does not feed.
    public var dataCSVColumns: [String]? {
        switch self {
        case .chinchilla: return ["parameters", "tokens", "final_bpb_validation"]
        case .powerLaw, .kaplan: return ["parameters", "final_bpb_validation"]
        case .approach2: return ["compute", "parameters", "final_bpb_validation"]
        case .dataEquivalence, .cmrDomain, .cmrGeneral: return nil
        }
    }

    /// The columns a fit of `table` reads: `columns` when given, else `defaultColumns`, else (when
    /// the table lacks a default column but has every `dataCSVColumns` name) the data.csv names.
    public func columns(for table: CSVTable, requested columns: [String]?) -> [String] {
        if let columns { return columns }
        if let alternative = dataCSVColumns, !defaultColumns.allSatisfy(table.header.contains),
           alternative.allSatisfy(table.header.contains) {
            return alternative
        }
        return defaultColumns
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
    /// order; see `columns(for:requested:)`), skipping rows with an empty cell in any of them (a run
    /// without a measurement, e.g. a diverged one), fits, and bootstraps when `bootstrap` is given.
    /// `huberDelta` and `threadCount` apply to Chinchilla only. The report's messages name the
    /// columns read and the skipped lines. Throws `CSVError` for bad cells and `LawFitError` for
    /// unusable data.
    public func fit(table: CSVTable, columns: [String]? = nil, huberDelta: Double = 1e-3,
                    bootstrap: BootstrapSettings? = nil,
                    threadCount: Int = ThreadCount.available) throws -> LawFitReport {
        let names = self.columns(for: table, requested: columns)
        guard names.count == defaultColumns.count else {
            throw LawFitError.invalidSetting(
                name: "columns", value: names.joined(separator: ","),
                expectation: "\(defaultColumns.count) names for the \(rawValue) law, like \(defaultColumns.joined(separator: ","))")
        }
        let (kept, skippedLines) = try table.droppingRows(withEmptyCellsIn: names)
        var notes = ["Columns read: \(names.joined(separator: ", "))."]
        if !skippedLines.isEmpty {
            notes.append("Skipped \(skippedLines.count) row(s) with an empty cell in those columns (line(s) "
                         + skippedLines.map(String.init).joined(separator: ", ") + ").")
        }
        var report = try fit(kept, names: names, huberDelta: huberDelta, bootstrap: bootstrap, threadCount: threadCount)
        report.messages = notes + report.messages
        return report
    }

    private func fit(_ table: CSVTable, names: [String], huberDelta: Double, bootstrap: BootstrapSettings?,
                     threadCount: Int) throws -> LawFitReport {
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
