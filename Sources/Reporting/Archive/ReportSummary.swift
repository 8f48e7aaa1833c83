// The report.json stored in every archived report folder: what the archive index needs to list the
// report, plus the numbers of every verdict and fit and the files of every figure, so a reader can
// reuse them without parsing HTML or PDF. Its schema is documented in docs/report-json.md and docs/report.schema.json.

import Foundation

/// A verdict as report.json records it.
public struct VerdictSummary: Codable, Sendable, Equatable {
    /// The claim as plain text: the report's inline Markdown without formatting, formulas written
    /// on one line (`A/N^α`).
    public var claim: String
    /// The outcome.
    public var outcome: VerdictOutcome
    /// The explanation printed in the verdict box, as plain text like `claim`.
    public var explanation: String
    /// The numbers the call rests on.
    public var statistics: [VerdictStatistic]
    /// Names of the fits (in `ReportSummary.fits`) the verdict rests on.
    public var fits: [String]
    /// Why the verdict is inconclusive whatever the numbers; empty otherwise.
    public var inconclusiveBecause: [String]

    /// Creates a verdict summary.
    public init(claim: String, outcome: VerdictOutcome, explanation: String = "", statistics: [VerdictStatistic] = [],
                fits: [String] = [], inconclusiveBecause: [String] = []) {
        self.claim = claim
        self.outcome = outcome
        self.explanation = explanation
        self.statistics = statistics
        self.fits = fits
        self.inconclusiveBecause = inconclusiveBecause
    }

    /// The summary of a report's verdict, its claim and explanation as plain text.
    public init(_ verdict: Verdict) {
        self.init(claim: MarkdownParser.plainText(verdict.claim), outcome: verdict.outcome,
                  explanation: MarkdownParser.plainText(verdict.explanation),
                  statistics: verdict.statistics, fits: verdict.fits, inconclusiveBecause: verdict.inconclusiveBecause)
    }

    enum CodingKeys: String, CodingKey {
        case claim, outcome, explanation, statistics, fits
        case inconclusiveBecause = "inconclusive_because"
    }

    /// Decodes a verdict; report.json files written before schema version 2 hold only the claim and
    /// the outcome.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        claim = try container.decode(String.self, forKey: .claim)
        outcome = try container.decode(VerdictOutcome.self, forKey: .outcome)
        explanation = try container.decodeIfPresent(String.self, forKey: .explanation) ?? ""
        statistics = try container.decodeIfPresent([VerdictStatistic].self, forKey: .statistics) ?? []
        fits = try container.decodeIfPresent([String].self, forKey: .fits) ?? []
        inconclusiveBecause = try container.decodeIfPresent([String].self, forKey: .inconclusiveBecause) ?? []
    }
}

/// The summary of one archived report (report.json).
public struct ReportSummary: Codable, Sendable, Equatable {
    /// The version of this format written now; 1 (no `schema_version` key) had only the fields the
    /// index needs, 2 had no `figures`.
    public static let currentSchemaVersion = 3

    /// The format version of this summary.
    public var schemaVersion: Int
    /// Study name (the folder under the archive root).
    public var study: String
    /// Report title.
    public var title: String
    /// The spec profile the report was made with (nil in summaries written before it was recorded).
    public var profile: String?
    /// The UTC stamp naming the report folder, e.g. "20261125T140512Z".
    public var stamp: String
    /// When the report was written.
    public var date: Date
    /// The report's verdicts in document order.
    public var verdicts: [VerdictSummary]
    /// The report's fits.
    public var fits: [FitRecord]
    /// The report's figures and their files (empty in summaries written before schema version 3).
    public var figures: [FigureSummary]
    /// Pages of report.pdf; 0 when the spec's `report.formats` asked for no PDF.
    public var pageCount: Int

    /// Creates a summary.
    public init(study: String, title: String, profile: String? = nil, stamp: String, date: Date,
                verdicts: [VerdictSummary], fits: [FitRecord] = [], figures: [FigureSummary] = [], pageCount: Int) {
        self.schemaVersion = Self.currentSchemaVersion
        self.study = study
        self.title = title
        self.profile = profile
        self.stamp = stamp
        self.date = date
        self.verdicts = verdicts
        self.fits = fits
        self.figures = figures
        self.pageCount = pageCount
    }

    enum CodingKeys: String, CodingKey {
        case study, title, profile, stamp, date, verdicts, fits, figures
        case schemaVersion = "schema_version"
        case pageCount = "page_count"
        case legacyPageCount = "pageCount"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(study, forKey: .study)
        try container.encode(title, forKey: .title)
        try container.encode(profile, forKey: .profile)
        try container.encode(stamp, forKey: .stamp)
        try container.encode(date, forKey: .date)
        try container.encode(verdicts, forKey: .verdicts)
        try container.encode(fits, forKey: .fits)
        try container.encode(figures, forKey: .figures)
        try container.encode(pageCount, forKey: .pageCount)
    }

    /// Decodes a summary of any schema version (version 1 wrote `pageCount` and had no profile or fits;
    /// versions 1 and 2 had no figures).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
        study = try container.decode(String.self, forKey: .study)
        title = try container.decode(String.self, forKey: .title)
        profile = try container.decodeIfPresent(String.self, forKey: .profile)
        stamp = try container.decode(String.self, forKey: .stamp)
        date = try container.decode(Date.self, forKey: .date)
        verdicts = try container.decode([VerdictSummary].self, forKey: .verdicts)
        fits = try container.decodeIfPresent([FitRecord].self, forKey: .fits) ?? []
        figures = try container.decodeIfPresent([FigureSummary].self, forKey: .figures) ?? []
        pageCount = try container.decodeIfPresent(Int.self, forKey: .pageCount)
            ?? container.decode(Int.self, forKey: .legacyPageCount)
    }

    /// The report folder relative to the archive root, "study/stamp".
    public var relativePath: String { study + "/" + stamp }

    /// Number of verdicts with `outcome`.
    public func count(of outcome: VerdictOutcome) -> Int {
        verdicts.filter { $0.outcome == outcome }.count
    }
}
