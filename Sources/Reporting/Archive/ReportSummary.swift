// The report.json stored in every archived report folder: what the archive index needs to list the
// report without parsing HTML or PDF.

import Foundation

/// A verdict as listed in the archive index.
public struct VerdictSummary: Codable, Sendable, Equatable {
    /// The claim text (inline Markdown as written in the report).
    public var claim: String
    /// The outcome.
    public var outcome: VerdictOutcome

    /// Creates a verdict summary.
    public init(claim: String, outcome: VerdictOutcome) {
        self.claim = claim
        self.outcome = outcome
    }
}

/// The summary of one archived report.
public struct ReportSummary: Codable, Sendable, Equatable {
    /// Study name (the folder under the archive root).
    public var study: String
    /// Report title.
    public var title: String
    /// The UTC stamp naming the report folder, e.g. "20261125T140512Z".
    public var stamp: String
    /// When the report was written.
    public var date: Date
    /// The report's verdicts in document order.
    public var verdicts: [VerdictSummary]
    /// Pages of report.pdf.
    public var pageCount: Int

    /// Creates a summary.
    public init(study: String, title: String, stamp: String, date: Date, verdicts: [VerdictSummary], pageCount: Int) {
        self.study = study
        self.title = title
        self.stamp = stamp
        self.date = date
        self.verdicts = verdicts
        self.pageCount = pageCount
    }

    /// The report folder relative to the archive root, "study/stamp".
    public var relativePath: String { study + "/" + stamp }

    /// Number of verdicts with `outcome`.
    public func count(of outcome: VerdictOutcome) -> Int {
        verdicts.filter { $0.outcome == outcome }.count
    }
}
