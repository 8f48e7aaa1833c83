// A verdict box: a paper's claim, whether it reproduced, and the measured numbers behind the call.

/// The outcome of checking a claim.
public enum VerdictOutcome: String, Sendable, Codable, CaseIterable {
    case reproduced
    case notReproduced = "not-reproduced"
    case inconclusive

    /// The label printed in the box (verdicts never rely on colour alone).
    public var label: String {
        switch self {
        case .reproduced: "Reproduced"
        case .notReproduced: "Not reproduced"
        case .inconclusive: "Inconclusive"
        }
    }

    /// A symbol printed before the label.
    public var symbol: String {
        switch self {
        case .reproduced: "✓"
        case .notReproduced: "✗"
        case .inconclusive: "?"
        }
    }
}

/// One number behind a verdict: what was measured and the criterion it was judged against.
public struct VerdictEvidence: Sendable {
    /// The quantity, e.g. "fitted α".
    public var quantity: String
    /// The measured value as display text, e.g. "0.34 [0.31, 0.37]".
    public var measured: String
    /// The criterion or paper value, e.g. "paper: 0.34; pass if interval contains it".
    public var criterion: String

    /// Creates an evidence row.
    public init(quantity: String, measured: String, criterion: String) {
        self.quantity = quantity
        self.measured = measured
        self.criterion = criterion
    }
}

/// A claim and its verdict.
public struct Verdict: Sendable {
    /// The claim under test, in the inline Markdown subset.
    public var claim: String
    /// The outcome.
    public var outcome: VerdictOutcome
    /// One or two sentences explaining the call, in the inline Markdown subset (may be empty).
    public var explanation: String
    /// The numbers behind the verdict, as display rows.
    public var evidence: [VerdictEvidence]
    /// The same numbers as values (statistic, interval, threshold, per-seed values), for report.json.
    public var statistics: [VerdictStatistic]
    /// Names of the fits the verdict rests on.
    public var fits: [String]
    /// Why the verdict is inconclusive whatever the numbers (a failed sanity check, too few seeds,
    /// a fit with a parameter at a bound or too many failed resamples); empty otherwise.
    public var inconclusiveBecause: [String]

    /// Creates a verdict.
    public init(claim: String, outcome: VerdictOutcome, explanation: String = "",
                evidence: [VerdictEvidence] = [], statistics: [VerdictStatistic] = [], fits: [String] = [],
                inconclusiveBecause: [String] = []) {
        self.claim = claim
        self.outcome = outcome
        self.explanation = explanation
        self.evidence = evidence
        self.statistics = statistics
        self.fits = fits
        self.inconclusiveBecause = inconclusiveBecause
    }
}
