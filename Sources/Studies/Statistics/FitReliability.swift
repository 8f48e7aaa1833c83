// The shared rule for verdicts that rest on a fit (issue 16, "Honest numbers"): a fit that did not
// converge, has a quantity at a bound of its law's domain, or lost more than 5 % of its bootstrap
// resamples cannot decide a claim, so the verdict is inconclusive and says why. Also the fit's
// table cell and its report.json record, so every kind shows failed resamples and bounds alike.
import Foundation
import LawFit
import Reporting

extension NamedFit {
    /// The fit as report.json records it.
    var record: FitRecord {
        let problems = report.problems
        let status: FitRecord.Status = !report.status.isConverged ? .notConverged : (problems.isEmpty ? .ok : .unreliable)
        func quantity(_ quantity: FittedQuantity) -> QuantityRecord {
            QuantityRecord(
                name: quantity.name, estimate: quantity.estimate, standardError: quantity.standardError,
                standardErrorMethod: quantity.standardErrorMethod?.rawValue,
                interval: quantity.interval.map {
                    StatisticInterval(lower: $0.lower, upper: $0.upper, level: $0.level, method: "bootstrap percentile")
                },
                atBound: quantity.atBound.map { BoundRecord(side: $0.side.rawValue, limit: $0.limit, reason: $0.reason) })
        }
        let bootstrap = report.bootstrap.map { result in
            BootstrapRecord(
                requested: result.resamples, converged: result.convergedResamples, failed: result.failedResamples,
                level: result.level, seed: result.seed,
                failureReasons: result.failureReasons.sorted { $0.key < $1.key }.map { CountRecord(name: $0.key, count: $0.value) },
                boundHits: result.boundHits.sorted { $0.key < $1.key }.map { CountRecord(name: $0.key, count: $0.value) })
        }
        return FitRecord(name: name, law: report.law, status: status, convergence: report.status.description,
                         pointsUsed: report.pointsUsed, objective: report.objectiveName,
                         objectiveValue: report.objectiveValue, parameters: report.parameters.map(quantity),
                         derivedQuantities: report.derivedQuantities.map(quantity), bootstrap: bootstrap,
                         problems: problems.map(\.reportText))
    }
}

extension LawFitReport {
    /// One sentence on the bootstrap for a fit table's caption: resamples requested, converged and
    /// failed (flagged when over the limit), and how often each quantity landed at a bound.
    /// `subject` names the fit when a caption covers several, e.g. "non-embedding fit".
    func bootstrapSentence(of subject: String? = nil) -> String {
        let name = subject.map { "Bootstrap of the \($0)" } ?? "Bootstrap"
        guard let bootstrap else { return "\(name): none, so no intervals." }
        var sentence = "\(name): \(bootstrap.resamples) resamples, \(bootstrap.convergedResamples) converged, "
            + "\(bootstrap.failedResamples) failed (\(Self.percent(bootstrap.failedShare)))"
        if bootstrap.failedShare > Self.maximumFailedResampleShare {
            sentence += ", more than the \(Self.percent(Self.maximumFailedResampleShare)) a verdict may rest on; "
                + "the intervals come from the \(bootstrap.convergedResamples) that converged"
        }
        let hits = bootstrap.boundHits.sorted { $0.key < $1.key }
        if !hits.isEmpty {
            sentence += "; at a bound in converged resamples: "
                + markdownEscaped(hits.map { "\($0.key) \($0.value) of \(bootstrap.convergedResamples)" }.joined(separator: ", "))
        }
        return sentence + "."
    }

    /// The fit as a numbered table: every quantity not in `hidden`, quantities at a bound shown as
    /// such, and a caption that ends with the points used, the convergence status and the bootstrap.
    func fitResults(caption: String, level: Double, hidden: Set<String> = [], units: [String: String] = [:]) -> FitResults {
        let shown = (parameters + derivedQuantities).filter { !hidden.contains($0.name) }
        return FitResults(
            caption: caption + " \(pointsUsed) points; \(status). \(bootstrapSentence())",
            results: shown.map { quantity in
                FitResult(parameter: quantity.name, estimate: quantity.estimate, standardError: quantity.standardError,
                          interval: quantity.interval.map { ($0.lower, $0.upper) }, unit: units[quantity.name] ?? "",
                          atBound: quantity.atBound.map { FitResultBound(side: $0.side.rawValue, limit: $0.limit) })
            },
            confidenceLevel: level)
    }

    static func percent(_ share: Double) -> String {
        NumberFormatting.significant(100 * share, digits: 3) + " %"
    }
}

extension Verdict {
    /// This verdict, judged on `fits`: when any of them cannot decide a claim (`LawFitReport.problems`),
    /// the outcome becomes inconclusive, the explanation starts with why, and each problem is listed
    /// in `inconclusiveBecause` and in the evidence. Every fit is named in `fits`, and its failed
    /// resamples appear in the evidence whether or not they are too many.
    func restingOn(_ fits: [NamedFit]) -> Verdict {
        var verdict = self
        var reasons: [String] = []
        for fit in fits {
            verdict.fits.append(fit.name)
            let label = fit.label
            if let bootstrap = fit.report.bootstrap {
                verdict.evidence.append(VerdictEvidence(
                    quantity: "\(label): failed resamples",
                    measured: "\(bootstrap.failedResamples) of \(bootstrap.resamples) (\(LawFitReport.percent(bootstrap.failedShare)))",
                    criterion: "at most \(LawFitReport.percent(LawFitReport.maximumFailedResampleShare))"))
            }
            let atBound = fit.report.quantitiesAtBound
            if !atBound.isEmpty {
                verdict.evidence.append(VerdictEvidence(
                    quantity: "\(label): at a bound",
                    measured: atBound.map { "\($0.name) at \($0.atBound!.side.rawValue) bound \(NumberFormatting.significant($0.atBound!.limit))" }
                        .joined(separator: "; "),
                    criterion: "none: such a fit cannot decide"))
            }
            reasons += fit.report.problems.map { "\(label): \($0.reportText)" }
        }
        guard !reasons.isEmpty else { return verdict }
        verdict.outcome = .inconclusive
        verdict.inconclusiveBecause += reasons
        let because = "Inconclusive whatever the intervals say: the fit it rests on cannot decide. "
            + markdownEscaped(reasons.joined(separator: "; ")) + "."
        verdict.explanation = verdict.explanation.isEmpty ? because : because + " " + verdict.explanation
        return verdict
    }
}

extension FitProblem {
    /// The problem as reports and report.json state it, numbers typeset as in the tables.
    var reportText: String {
        switch self {
        case let .didNotConverge(reason):
            return "the fit did not converge (\(reason))"
        case let .atBound(quantity, estimate, bound):
            return "\(quantity) is at its \(bound.side.rawValue) bound \(NumberFormatting.significant(bound.limit)) "
                + "(the fit stopped at \(NumberFormatting.significant(estimate, digits: 3))): \(bound.reason)"
        case let .failedResamples(failed, requested):
            return "\(failed) of \(requested) bootstrap resamples failed "
                + "(\(LawFitReport.percent(Double(failed) / Double(max(requested, 1)))), more than the "
                + "\(LawFitReport.percent(LawFitReport.maximumFailedResampleShare)) allowed); the intervals come from the "
                + "\(requested - failed) that converged"
        }
    }
}

extension VerdictStatistic {
    /// A fitted quantity as a verdict statistic, judged against `threshold`.
    init(_ quantity: FittedQuantity, fit: String, threshold: StatisticThreshold?, unit: String = "") {
        self.init(name: quantity.name, value: quantity.estimate, unit: unit,
                  interval: quantity.interval.map {
                      StatisticInterval(lower: $0.lower, upper: $0.upper, level: $0.level, method: "bootstrap percentile")
                  },
                  threshold: threshold, fit: fit)
    }
}

/// `text` with the delimiters of the reports' inline Markdown escaped, so names such as
/// `allocation_exponent_a` print literally.
func markdownEscaped(_ text: String) -> String {
    var result = ""
    for character in text {
        if "\\`*_[]$#".contains(character) { result.append("\\") }
        result.append(character)
    }
    return result
}
