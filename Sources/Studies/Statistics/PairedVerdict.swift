// The shared verdict rule for comparative claims (STUDIES.md "Shared statistics"): per-seed paired
// differences judged against a threshold δ, or an equivalence margin ±δ, give reproduced, not
// reproduced or inconclusive, with the mean, the intervals and every seed's value as evidence.
import Foundation
import LawFit
import Reporting

/// Where a directional claim counts as contradicted ("wholly on the other side of δ, or of 0 for a
/// sign claim").
public enum ContradictionBoundary: Sendable, Equatable {
    /// Not reproduced when the whole interval lies below δ: the effect, if any, is smaller than
    /// claimed. For claims of a size ("ascending order gains at least 0.01 bits per byte").
    case threshold
    /// Not reproduced only when the whole interval lies below 0: the sign is reversed. For sign
    /// claims ("A beats B"), where an interval inside [0, δ] is inconclusive rather than a refutation.
    case zero
}

/// What a paired claim asserts about μ, the mean per-seed difference, oriented so that the claimed
/// direction is positive (e.g. d_s = L_uniform − L_ascending in bits per byte for "ascending helps").
public enum PairedClaimRule: Sendable, Equatable {
    /// μ > δ. δ = 0 is a pure sign claim; a negative δ is a non-inferiority claim ("no worse than
    /// |δ|"), which must use `.threshold`. Judged on the two-sided t-interval at `settings.level`:
    /// reproduced if its lower end > δ, not reproduced if its upper end < δ (`.threshold`) or < 0
    /// (`.zero`), inconclusive otherwise.
    case exceeds(threshold: Double, contradictedBelow: ContradictionBoundary = .threshold)
    /// |μ| < δ with δ > 0 ("barely matters"), by two one-sided t-tests at `settings.alpha`: reproduced
    /// if the (1 − 2α) t-interval lies inside (−δ, δ), not reproduced if it lies wholly outside
    /// [−δ, δ] (then one one-sided test shows |μ| > δ at level α), inconclusive otherwise.
    case equivalent(margin: Double)
}

/// How a paired verdict is computed and printed.
public struct PairedVerdictSettings: Sendable, Equatable {
    /// The fewest completed seeds for which any call other than inconclusive is made (STUDIES.md: 3).
    /// Values below 2 act as 2: an interval needs two seeds.
    public var minimumSeeds: Int
    /// Coverage of the reported t-interval and bootstrap interval; the directional rule uses this
    /// t-interval. Default 0.95.
    public var level: Double
    /// α of each one-sided test in the equivalence form (0.05 ⇒ a 90 % interval). Default 0.05.
    public var alpha: Double
    /// Bootstrap resamples (reported only, and only for n ≥ 5). Default 10 000.
    public var bootstrapResamples: Int
    /// Seed of the bootstrap, so reports are reproducible. Default 0.
    public var bootstrapSeed: UInt64
    /// Unit of the differences as printed, e.g. "bpb" (bits per byte).
    public var unit: String
    /// Decimal places of printed differences, e.g. 4 ⇒ "+0.0123".
    public var decimals: Int

    /// Creates settings; the defaults follow STUDIES.md.
    public init(minimumSeeds: Int = 3, level: Double = 0.95, alpha: Double = 0.05,
                bootstrapResamples: Int = 10_000, bootstrapSeed: UInt64 = 0, unit: String = "bpb",
                decimals: Int = 4) {
        self.minimumSeeds = minimumSeeds
        self.level = level
        self.alpha = alpha
        self.bootstrapResamples = bootstrapResamples
        self.bootstrapSeed = bootstrapSeed
        self.unit = unit
        self.decimals = decimals
    }
}

/// A comparative claim of a paper, judged from per-seed paired differences.
///
/// The call always uses the Student-t interval, whatever the number of seeds: with the 3–10 seeds a
/// study affords, a percentile bootstrap of the mean is too narrow (it ignores the n − 1 correction
/// and the t tails), so it is reported beside the t-interval for n ≥ 5 but never decides.
public struct PairedClaim: Sendable, Equatable {
    /// The claim under test, in the inline Markdown subset of reports.
    public var text: String
    /// What the claim asserts about the mean difference.
    public var rule: PairedClaimRule
    /// What each seed's value is, as the evidence rows name it: a paired difference between two arms
    /// by default, or e.g. one run's change of equivalent data against the monolingual curve.
    public var perSeedValue: String

    /// Creates a claim.
    public init(_ text: String, rule: PairedClaimRule, perSeedValue: String = PairedClaim.pairedDifference) {
        self.text = text
        self.rule = rule
        self.perSeedValue = perSeedValue
    }

    /// The default per-seed value: the difference between two arms trained with the same seed.
    public static let pairedDifference = "paired difference"

    /// Judges the claim. Inconclusive, whatever the numbers, if any of `failedSanityChecks` (names
    /// of protocol checks that failed, e.g. "arms saw the same documents") is given or fewer than
    /// `settings.minimumSeeds` seeds completed; the explanation names every such reason. Otherwise
    /// the rule decides (see `PairedClaimRule`). Each of `otherBlockers` (full sentences, e.g. why
    /// some completed seeds have no value) also makes it inconclusive and is said as written.
    /// The explanation states n, the mean, the t-interval,
    /// the bootstrap interval when n ≥ 5, and the threshold; the evidence lists the same numbers and
    /// then one row per seed ("seed 0", "+0.0123 bpb").
    /// Throws if a setting or the threshold is out of range (never because of the data).
    public func verdict(_ differences: PairedDifferences, failedSanityChecks: [String] = [], otherBlockers: [String] = [],
                        settings: PairedVerdictSettings = PairedVerdictSettings()) throws(PairedDifferencesError) -> Verdict {
        try validate(settings)
        let text = PairedText(settings: settings)
        let minimumSeeds = max(settings.minimumSeeds, 2)
        let interval = try differences.tInterval(level: settings.level)
        let bootstrap = try differences.bootstrapInterval(level: settings.level, resamples: settings.bootstrapResamples,
                                                          seed: settings.bootstrapSeed)
        var equivalence: EquivalenceTest?
        if case let .equivalent(margin) = rule {
            equivalence = try differences.equivalence(margin: margin, alpha: settings.alpha)
        }

        var sentences = [summary(differences, interval: interval, bootstrap: bootstrap, text: text)]
        var blockers: [String] = []
        if !failedSanityChecks.isEmpty {
            let names = failedSanityChecks.map(PairedText.escaped).joined(separator: "; ")
            blockers.append((failedSanityChecks.count == 1 ? "Sanity check failed: " : "Sanity checks failed: ")
                + names + ", so the comparison is not trusted.")
        }
        if differences.count < minimumSeeds, otherBlockers.isEmpty {
            blockers.append("Only \(differences.count) of the required \(minimumSeeds) seeds completed, "
                + "too few for a call whatever the effect.")
        }
        blockers += otherBlockers

        let outcome: VerdictOutcome
        let ruleSentence: String
        switch rule {
        case let .exceeds(threshold, boundary):
            (outcome, ruleSentence) = judgeDirectional(interval, threshold: threshold, boundary: boundary, text: text)
        case let .equivalent(margin):
            (outcome, ruleSentence) = judgeEquivalence(equivalence, margin: margin, text: text)
        }
        if blockers.isEmpty {
            sentences.append(ruleSentence)
        } else {
            sentences += blockers
        }

        var evidence = [
            VerdictEvidence(quantity: perSeedValue == Self.pairedDifference ? "mean difference" : "mean",
                            measured: text.value(differences.mean),
                            criterion: "n = \(differences.count) seeds (at least \(minimumSeeds) for a call)"),
            VerdictEvidence(quantity: "\(text.percent(settings.level)) t-interval", measured: text.interval(interval),
                            criterion: criterion(text: text)),
        ]
        if let bootstrap {
            evidence.append(VerdictEvidence(quantity: "\(text.percent(settings.level)) bootstrap interval",
                                            measured: text.interval(bootstrap),
                                            criterion: "reported only; the call uses the t-interval"))
        }
        if case let .equivalent(margin) = rule {
            let measured = equivalence.map {
                text.interval($0.interval) + "; p = " + NumberFormatting.significant($0.pValue, digits: 2)
            } ?? "none (needs 2 seeds)"
            evidence.append(VerdictEvidence(
                quantity: "\(text.percent(1 - 2 * settings.alpha)) t-interval (TOST)", measured: measured,
                criterion: "reproduced if inside ±\(text.magnitude(margin)); not reproduced if wholly outside"))
        }
        if !failedSanityChecks.isEmpty {
            evidence.append(VerdictEvidence(quantity: "failed sanity checks",
                                            measured: failedSanityChecks.joined(separator: "; "),
                                            criterion: "none may fail"))
        }
        evidence += differences.differences.map {
            VerdictEvidence(quantity: "seed \($0.seed)", measured: text.value($0.difference),
                            criterion: "\(perSeedValue), claimed direction positive")
        }
        return Verdict(claim: self.text, outcome: blockers.isEmpty ? outcome : .inconclusive,
                       explanation: sentences.joined(separator: " "), evidence: evidence,
                       statistics: [statistic(differences, interval: interval, bootstrap: bootstrap,
                                              equivalence: equivalence, settings: settings, text: text)],
                       inconclusiveBecause: blockers)
    }

    /// The mean difference as report.json records it: the interval that decides, the others, the
    /// threshold and every seed's difference.
    private func statistic(_ differences: PairedDifferences, interval: ConfidenceInterval?, bootstrap: ConfidenceInterval?,
                           equivalence: EquivalenceTest?, settings: PairedVerdictSettings, text: PairedText) -> VerdictStatistic {
        func record(_ interval: ConfidenceInterval?, method: String) -> StatisticInterval? {
            interval.map { StatisticInterval(lower: $0.lower, upper: $0.upper, level: $0.level, method: method) }
        }
        let deciding: StatisticInterval?
        var reported: [StatisticInterval] = []
        let threshold: StatisticThreshold
        switch rule {
        case let .exceeds(delta, _):
            deciding = record(interval, method: "t")
            threshold = StatisticThreshold(lower: delta, rule: criterion(text: text))
        case let .equivalent(margin):
            deciding = record(equivalence?.interval, method: "TOST t")
            reported.append(contentsOf: record(interval, method: "t").map { [$0] } ?? [])
            threshold = StatisticThreshold(lower: -margin, upper: margin,
                                           rule: "reproduced if the TOST interval lies inside ±δ; not reproduced if wholly outside")
        }
        reported.append(contentsOf: record(bootstrap, method: "bootstrap percentile").map { [$0] } ?? [])
        return VerdictStatistic(name: "mean paired difference", value: differences.mean, unit: settings.unit,
                                interval: deciding, reportedIntervals: reported, threshold: threshold,
                                perSeed: differences.differences.map { SeedValue(seed: $0.seed, value: $0.difference) })
    }

    // MARK: Rules

    private func judgeDirectional(_ interval: ConfidenceInterval?, threshold: Double, boundary: ContradictionBoundary,
                                  text: PairedText) -> (VerdictOutcome, String) {
        let delta = "δ = \(text.value(threshold))"
        guard let interval else { return (.inconclusive, "No interval, so no call.") }
        if interval.lower > threshold {
            return (.reproduced, "The whole t-interval lies above \(delta).")
        }
        switch boundary {
        case .threshold:
            if interval.upper < threshold {
                return (.notReproduced, "The whole t-interval lies below \(delta): the effect is smaller than claimed.")
            }
            return (.inconclusive, "The t-interval contains \(delta); more seeds would decide.")
        case .zero:
            if interval.upper < 0 {
                return (.notReproduced, "The whole t-interval lies below 0: the difference has the opposite sign.")
            }
            return (.inconclusive,
                    "The t-interval is neither wholly above \(delta) nor wholly below 0; more seeds would decide.")
        }
    }

    private func judgeEquivalence(_ test: EquivalenceTest?, margin: Double, text: PairedText) -> (VerdictOutcome, String) {
        guard let test else { return (.inconclusive, "No interval, so no call.") }
        let band = "±δ = ±\(text.magnitude(margin))"
        let level = text.percent(1 - 2 * test.alpha)
        let pValue = "TOST p = \(NumberFormatting.significant(test.pValue, digits: 2))"
        if test.isEquivalent {
            return (.reproduced, "The \(level) t-interval \(text.interval(test.interval)) lies inside \(band) "
                + "(\(pValue) < α = \(NumberFormatting.significant(test.alpha, digits: 2))).")
        }
        if test.isWhollyOutsideMargin {
            return (.notReproduced, "The \(level) t-interval \(text.interval(test.interval)) lies wholly outside \(band): "
                + "the difference exceeds the margin.")
        }
        return (.inconclusive, "The \(level) t-interval \(text.interval(test.interval)) overlaps the edge of \(band) "
            + "(\(pValue)), so neither equivalence nor a larger difference is shown.")
    }

    // MARK: Text

    private func summary(_ differences: PairedDifferences, interval: ConfidenceInterval?,
                         bootstrap: ConfidenceInterval?, text: PairedText) -> String {
        let target: String
        switch rule {
        case let .exceeds(threshold, _): target = "δ = \(text.value(threshold))"
        case let .equivalent(margin): target = "±δ = ±\(text.magnitude(margin))"
        }
        guard let mean = differences.mean else { return "No seed completed (threshold \(target))." }
        let seeds = differences.count == 1 ? "1 seed" : "\(differences.count) seeds"
        let quantity = perSeedValue == Self.pairedDifference ? "Mean difference" : "Mean"
        var sentence = "\(quantity) \(text.value(mean)) over \(seeds) against \(target)"
        if let interval {
            sentence += "; \(text.percent(interval.level)) t-interval \(text.interval(interval))"
        } else {
            sentence += "; no interval (it needs 2 seeds)"
        }
        if let bootstrap {
            sentence += "; \(text.percent(bootstrap.level)) bootstrap interval \(text.interval(bootstrap)) (reported only)"
        }
        return sentence + "."
    }

    private func criterion(text: PairedText) -> String {
        switch rule {
        case let .exceeds(threshold, boundary):
            let other = boundary == .threshold ? text.plain(threshold) : "0"
            return "reproduced if lower > \(text.plain(threshold)); not reproduced if upper < \(other)"
        case .equivalent:
            return "reported; the call uses the TOST interval"
        }
    }

    private func validate(_ settings: PairedVerdictSettings) throws(PairedDifferencesError) {
        switch rule {
        case let .exceeds(threshold, boundary):
            guard threshold.isFinite else {
                throw .invalidMargin(name: "threshold δ", value: threshold,
                                     expectation: "a finite difference in the claimed direction, e.g. 0.01 bits per byte")
            }
            guard boundary == .threshold || threshold >= 0 else {
                throw .invalidMargin(name: "threshold δ", value: threshold,
                                     expectation: "zero or positive for a sign claim; a negative δ "
                                         + "(non-inferiority) needs the `.threshold` boundary")
            }
        case let .equivalent(margin):
            guard margin > 0, margin.isFinite else {
                throw .invalidMargin(name: "equivalence margin δ", value: margin,
                                     expectation: "a positive finite difference such as 0.01 bits per byte")
            }
        }
        guard settings.alpha > 0, settings.alpha < 0.5 else {
            throw .invalidProbability(name: "alpha", value: settings.alpha,
                                      expectation: "a one-sided test level strictly between 0 and 0.5, e.g. 0.05")
        }
    }
}

/// Number formatting for paired verdicts: signed fixed decimals with a typographic minus and the unit.
private struct PairedText {
    let settings: PairedVerdictSettings

    /// "+0.0123 bpb", or "none" for nil.
    func value(_ number: Double?) -> String {
        guard let number else { return "none" }
        return plain(number) + unitSuffix
    }

    /// "+0.0123" (no unit).
    func plain(_ number: Double) -> String {
        String(format: "%+.*f", max(settings.decimals, 0), number).replacingOccurrences(of: "-", with: "−")
    }

    /// "0.0100 bpb" (no sign), for a margin printed after "±".
    func magnitude(_ number: Double) -> String {
        String(format: "%.*f", max(settings.decimals, 0), abs(number)) + unitSuffix
    }

    /// "[+0.0080, +0.0166] bpb", or "none (needs 2 seeds)" for nil.
    func interval(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "none (needs 2 seeds)" }
        return "[\(plain(interval.lower)), \(plain(interval.upper))]" + unitSuffix
    }

    /// 0.95 ⇒ "95 %".
    func percent(_ level: Double) -> String {
        NumberFormatting.significant(level * 100, digits: 3) + " %"
    }

    private var unitSuffix: String { settings.unit.isEmpty ? "" : " " + settings.unit }

    /// `text` with the inline-Markdown delimiters of report prose escaped, so names print literally.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if "\\`*_[]()$#".contains(character) { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
