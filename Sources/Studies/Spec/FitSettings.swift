// Fit and report settings shared by every study kind (spec keys `fit` and `report`).

/// How laws are fitted and how uncertain they are (spec key `fit`).
public struct FitSettings: Sendable, Equatable, Codable {
    /// Huber δ on log-space residuals (Epoch AI: 1e-3).
    public var huberDelta: Double
    /// Bootstrap resamples for confidence intervals.
    public var bootstrapResamples: Int
    /// Seed of the bootstrap resampling.
    public var bootstrapSeed: Int
    /// Confidence level of every reported interval, e.g. 0.95.
    public var confidenceLevel: Double

    static func read(_ reader: MappingReader) -> FitSettings {
        defer { reader.finish() }
        return FitSettings(
            huberDelta: reader.double("huber_delta", default: 1e-3, bound: .positive),
            bootstrapResamples: reader.int("bootstrap", default: 200, bound: .within(0, 100_000)),
            bootstrapSeed: reader.int("seed", default: 0, bound: .nonNegative),
            confidenceLevel: reader.double("confidence", default: 0.95, bound: .openUnitInterval))
    }
}

/// Report output formats.
public enum ReportFormat: String, CaseIterable, Sendable, Codable {
    case html
    case pdf
}

/// What the archive gets (spec key `report`): report.html always (the archive index and
/// `tinyscale list` link it), report.pdf when `formats` names `pdf`.
public struct ReportSettings: Sendable, Equatable, Codable {
    public var formats: [ReportFormat]

    static func read(_ reader: MappingReader) -> ReportSettings {
        defer { reader.finish() }
        let formats: [ReportFormat] = reader.choices("formats", default: [.html, .pdf])
        if !formats.isEmpty, !formats.contains(.html) {
            reader.diagnostics.report("every report is archived as report.html, which the archive index links; write [html] or [html, pdf]",
                                      at: reader.childPath("formats"))
        }
        return ReportSettings(formats: formats)
    }
}
