// Turns a scaling-law study's finished runs into fits and verdicts (STUDIES.md §1): Chinchilla
// Approach 3 with bootstrap intervals, Approach 2 IsoFLOP parabolas, Kaplan's L(N) in both
// parameter-counting conventions, and a held-out prediction of the largest model.
import Foundation
import LawFit
import Reporting

/// One trained (model, budget) point: losses of every seed in bits per byte.
struct ScalingPoint: Sendable {
    var model: String
    /// All parameters (Chinchilla's N).
    var parameters: Double
    /// Non-embedding parameters (Kaplan's N).
    var nonEmbeddingParameters: Double
    var tokens: Double
    var method: ScalingLawRole.Method
    /// IsoFLOP budget, for `isoflop` points.
    var compute: Double?
    var seedLosses: [Double]
    /// Validation curve of the first seed: (tokens, bits per byte).
    var curve: [(tokens: Double, bitsPerByte: Double)]

    var meanLoss: Double { seedLosses.reduce(0, +) / Double(seedLosses.count) }
}

/// Everything the scaling-law report shows.
struct ScalingLawAnalysis: StudyAnalysis {
    var grid: [ScalingPoint] = []
    var wsd: [ScalingPoint] = []
    var isoFLOP: [ScalingPoint] = []
    var approach3: LawFitReport?
    var approach3WSD: LawFitReport?
    var approach2: LawFitReport?
    var parabolas: [IsoFLOPParabola] = []
    var kaplanNonEmbedding: LawFitReport?
    var kaplanAll: LawFitReport?
    var heldOut: HeldOutReport?
    var heldOutModel: String?
    var verdicts: [Verdict] = []
    /// Fits or checks that could not be made, and why.
    var notes: [String] = []

    /// Every fit the report shows, kept in the store and in report.json.
    var fits: [NamedFit] {
        [approach3Fit,
         approach3WSD.map { NamedFit(name: "approach3_wsd", report: $0, label: "Approach 3 (WSD branches)") },
         approach2Fit,
         kaplanNonEmbedding.map { NamedFit(name: "kaplan_non_embedding", report: $0, label: "Kaplan L(N), non-embedding N") },
         kaplanAll.map { NamedFit(name: "kaplan_all_parameters", report: $0, label: "Kaplan L(N), all parameters") }]
            .compactMap { $0 }
    }

    var approach3Fit: NamedFit? { approach3.map { NamedFit(name: "approach3", report: $0, label: "Approach 3 (cosine runs)") } }
    var approach2Fit: NamedFit? { approach2.map { NamedFit(name: "approach2", report: $0, label: "Approach 2 (IsoFLOP)") } }
}

extension ScalingLawSettings {
    /// Fits laws to the complete runs of `runs` and judges the claims.
    func analyse(_ spec: StudySpec, runs: [StudyRun<ScalingLawRole>], context: AnalysisContext) -> ScalingLawAnalysis {
        var analysis = ScalingLawAnalysis()
        analysis.grid = Self.points(runs, method: .cosine)
        analysis.wsd = Self.points(runs, method: .wsdBranch)
        analysis.isoFLOP = Self.points(runs, method: .isoFLOP)
        let bootstrap = spec.fit.bootstrapResamples > 0
            ? BootstrapSettings(resamples: spec.fit.bootstrapResamples, seed: UInt64(spec.fit.bootstrapSeed),
                                level: spec.fit.confidenceLevel)
            : nil
        let law: ChinchillaLaw
        do {
            law = ChinchillaLaw(settings: ChinchillaSettings(huber: try HuberLoss(delta: spec.fit.huberDelta)),
                                allocationBudgets: isoFLOPBudgets)
        } catch {
            analysis.notes.append("The Approach 3 fit could not be set up: \(error).")
            return analysis
        }

        let observations = Self.observations(analysis.grid)
        analysis.approach3 = attempt("Approach 3 (cosine runs)", notes: &analysis.notes) {
            try fitLaw(law, to: observations, bootstrap: bootstrap)
        }
        if !analysis.wsd.isEmpty {
            analysis.approach3WSD = attempt("Approach 3 (WSD branches)", notes: &analysis.notes) {
                try fitLaw(law, to: Self.observations(analysis.wsd), bootstrap: bootstrap)
            }
        }
        let isoObservations = analysis.isoFLOP.flatMap { point in
            point.seedLosses.map { IsoFLOPObservation(compute: point.compute ?? 0, parameters: point.parameters, loss: $0) }
        }
        if isoFLOPBudgets.isEmpty {
            analysis.notes.append("No IsoFLOP budgets in this profile, so Approach 2 was not run.")
        } else {
            analysis.approach2 = attempt("Approach 2 (IsoFLOP)", notes: &analysis.notes) {
                try fitLaw(IsoFLOPLaw(), to: isoObservations, bootstrap: bootstrap)
            }
            for compute in Set(analysis.isoFLOP.compactMap(\.compute)).sorted() {
                let slice = analysis.isoFLOP.filter { $0.compute == compute }
                if let parabola = try? IsoFLOPParabola(compute: compute, parameters: slice.map(\.parameters),
                                                       losses: slice.map(\.meanLoss)) {
                    analysis.parabolas.append(parabola)
                }
            }
        }
        if let largest = analysis.grid.map(\.tokens).max() {
            let atLargest = analysis.grid.filter { $0.tokens == largest }
            analysis.kaplanNonEmbedding = attempt("Kaplan L(N), non-embedding N", notes: &analysis.notes) {
                try fitLaw(KaplanLaw(), to: atLargest.map { CurvePoint(x: $0.nonEmbeddingParameters, y: $0.meanLoss) },
                           bootstrap: bootstrap)
            }
            analysis.kaplanAll = attempt("Kaplan L(N), all parameters", notes: &analysis.notes) {
                try fitLaw(KaplanLaw(), to: atLargest.map { CurvePoint(x: $0.parameters, y: $0.meanLoss) },
                           bootstrap: bootstrap)
            }
        }
        if holdOutLargestModel, let largest = analysis.grid.map(\.parameters).max() {
            analysis.heldOutModel = analysis.grid.first { $0.parameters == largest }?.model
            analysis.heldOut = attempt("held-out prediction", notes: &analysis.notes) {
                try predictHeldOut(law, points: observations) { $0.parameters == largest }
            }
        }
        analysis.verdicts = verdicts(analysis)
        return analysis
    }

    /// Complete runs of one method grouped by (model, tokens) across seeds, in (N, D) order.
    static func points(_ runs: [StudyRun<ScalingLawRole>], method: ScalingLawRole.Method) -> [ScalingPoint] {
        struct Key: Hashable {
            var model: String
            var tokens: Int
            var compute: Double?
        }
        var byKey: [Key: ScalingPoint] = [:]
        for run in runs where run.isComplete && run.role.method == method {
            guard let summary = run.summary else { continue }
            let key = Key(model: run.role.model, tokens: run.role.tokens, compute: run.role.compute)
            let loss = summary.finalLossNats / log(2)
            if byKey[key] == nil {
                let curve = run.curve(DataPlan.defaultEvaluationSet).map { (tokens: Double($0.tokens), bitsPerByte: $0.bitsPerByte) }
                byKey[key] = ScalingPoint(
                    model: run.role.model, parameters: Double(summary.parameters),
                    nonEmbeddingParameters: Double(summary.nonEmbeddingParameters),
                    tokens: Double(summary.tokens), method: method, compute: run.role.compute,
                    seedLosses: [loss], curve: curve)
            } else {
                byKey[key]?.seedLosses.append(loss)
            }
        }
        return byKey.values.sorted { ($0.compute ?? 0, $0.parameters, $0.tokens) < ($1.compute ?? 0, $1.parameters, $1.tokens) }
    }

    /// One observation per seed, losses in bits per byte.
    static func observations(_ points: [ScalingPoint]) -> [ScalingObservation] {
        points.flatMap { point in
            point.seedLosses.map { ScalingObservation(parameters: point.parameters, tokens: point.tokens, loss: $0) }
        }
    }

    private func attempt<Value>(_ what: String, notes: inout [String], _ body: () throws -> Value) -> Value? {
        do {
            return try body()
        } catch {
            notes.append("\(what) was not fitted: \(error)")
            return nil
        }
    }

    // MARK: Verdicts

    private func verdicts(_ analysis: ScalingLawAnalysis) -> [Verdict] {
        var verdicts = [monotonicity(analysis.grid)]
        if let fit = analysis.approach3Fit {
            verdicts.append(exponentsAndOffset(fit))
            if let allocation = fit.report.quantity("allocation_exponent_a") {
                verdicts.append(allocationVerdict(allocation, fit: fit, method: "Approach 3"))
            }
        } else {
            verdicts.append(Verdict(claim: "L(N, D) = E + A/N^α + B/D^β fits with 0 < α, β < 1 and E > 0",
                                    outcome: .inconclusive,
                                    explanation: "The Approach 3 fit could not be made; see the notes."))
        }
        if !analysis.parabolas.isEmpty {
            verdicts.append(isoFLOPVerdict(analysis))
            if let fit = analysis.approach2Fit, let allocation = fit.report.quantity("allocation_exponent_a") {
                verdicts.append(allocationVerdict(allocation, fit: fit, method: "Approach 2"))
            }
        }
        return verdicts
    }

    func monotonicity(_ grid: [ScalingPoint]) -> Verdict {
        var violations: [String] = []
        var checked = 0
        func check(_ series: [ScalingPoint], along: String) {
            for (previous, next) in zip(series, series.dropFirst()) {
                checked += 1
                if next.meanLoss > previous.meanLoss + monotonicToleranceBitsPerByte {
                    violations.append("\(next.model) at \(Quantity.bytes(Int(next.tokens))) tokens: \(format(next.meanLoss)) > \(format(previous.meanLoss)) bpb (larger \(along))")
                }
            }
        }
        for tokens in Set(grid.map(\.tokens)) {
            check(grid.filter { $0.tokens == tokens }.sorted { $0.parameters < $1.parameters }, along: "N")
        }
        for model in Set(grid.map(\.model)) {
            check(grid.filter { $0.model == model }.sorted { $0.tokens < $1.tokens }, along: "D")
        }
        let outcome: VerdictOutcome = checked == 0 ? .inconclusive : (violations.isEmpty ? .reproduced : .notReproduced)
        return Verdict(
            claim: "Loss falls monotonically in N at fixed D and in D at fixed N",
            outcome: outcome,
            explanation: violations.isEmpty
                ? "All \(checked) neighbouring pairs of the grid improve (tolerance \(format(monotonicToleranceBitsPerByte)) bpb, means over seeds)."
                : "\(violations.count) of \(checked) neighbouring pairs get worse: " + violations.prefix(3).joined(separator: "; ") + ".",
            evidence: [VerdictEvidence(quantity: "pairs checked", measured: "\(checked)", criterion: "none worse by more than \(format(monotonicToleranceBitsPerByte)) bpb"),
                       VerdictEvidence(quantity: "violations", measured: "\(violations.count)", criterion: "0")],
            statistics: [
                VerdictStatistic(name: "neighbouring pairs checked", value: Double(checked)),
                VerdictStatistic(name: "pairs worse by more than the tolerance", value: Double(violations.count),
                                 threshold: StatisticThreshold(upper: 0, rule: "reproduced if no neighbouring pair of the grid (means over seeds) gets worse by more than \(format(monotonicToleranceBitsPerByte)) bpb")),
            ])
    }

    private func exponentsAndOffset(_ fit: NamedFit) -> Verdict {
        let checks: [(String, String, ClosedRange<Double>, StatisticThreshold, String)] = [
            ("α", "alpha", 1e-9...(1 - 1e-9), StatisticThreshold(lower: 0, upper: 1, rule: "reproduced if the interval lies inside (0, 1)"), "0 < α < 1 (Chinchilla 0.34, Epoch 0.35)"),
            ("β", "beta", 1e-9...(1 - 1e-9), StatisticThreshold(lower: 0, upper: 1, rule: "reproduced if the interval lies inside (0, 1)"), "0 < β < 1 (Chinchilla 0.28, Epoch 0.37)"),
            ("E", "E", 1e-12...Double.greatestFiniteMagnitude, StatisticThreshold(lower: 0, rule: "reproduced if the interval lies above 0"), "E > 0 bits/byte"),
        ]
        var outcomes: [VerdictOutcome] = []
        var evidence: [VerdictEvidence] = []
        var statistics: [VerdictStatistic] = []
        for (symbol, name, range, threshold, criterion) in checks {
            guard let quantity = fit.report.quantity(name) else { continue }
            outcomes.append(judge(quantity, within: range))
            evidence.append(VerdictEvidence(quantity: symbol, measured: describe(quantity), criterion: criterion))
            statistics.append(VerdictStatistic(quantity, fit: fit.name, threshold: threshold, unit: name == "E" ? "bpb" : ""))
        }
        let outcome = combine(outcomes)
        return Verdict(claim: "L(N, D) = E + A/N^α + B/D^β fits with 0 < α, β < 1 and E > 0",
                       outcome: outcome,
                       explanation: outcome == .inconclusive
                           ? "At least one interval crosses its bound; more runs or seeds would decide."
                           : "",
                       evidence: evidence, statistics: statistics).restingOn([fit])
    }

    private func allocationVerdict(_ allocation: FittedQuantity, fit: NamedFit, method: String) -> Verdict {
        let outcome = judge(allocation, within: allocationExponentRange)
        let range = "[\(format(allocationExponentRange.lowerBound)), \(format(allocationExponentRange.upperBound))]"
        return Verdict(
            claim: "Compute-optimal size grows as `N_opt ∝ C^a` with the allocation exponent a in \(range) (\(method))",
            outcome: outcome,
            explanation: "Published: 0.46–0.51 (Hoffmann et al. 2022; Epoch AI 2024: 0.513); Kaplan et al.'s 0.73 is an artefact of non-embedding counting.",
            evidence: [VerdictEvidence(quantity: "allocation exponent a", measured: describe(allocation),
                                       criterion: "interval inside \(range)")],
            statistics: [VerdictStatistic(allocation, fit: fit.name, threshold: StatisticThreshold(
                lower: allocationExponentRange.lowerBound, upper: allocationExponentRange.upperBound,
                rule: "reproduced if the interval lies inside \(range); not reproduced if wholly outside"))]).restingOn([fit])
    }

    private func isoFLOPVerdict(_ analysis: ScalingLawAnalysis) -> Verdict {
        let parabolas = analysis.parabolas.sorted { $0.compute < $1.compute }
        let uShaped = parabolas.filter { parabola in
            let sizes = analysis.isoFLOP.filter { $0.compute == parabola.compute }.map(\.parameters)
            return parabola.isUShaped && sizes.min()! <= parabola.optimalParameters && parabola.optimalParameters <= sizes.max()!
        }
        let vertices = parabolas.map(\.optimalParameters)
        let increasing = zip(vertices, vertices.dropFirst()).allSatisfy { $0 < $1 }
        let outcome: VerdictOutcome
        if parabolas.count < 2 {
            outcome = .inconclusive
        } else if uShaped.count == parabolas.count && increasing {
            outcome = .reproduced
        } else {
            outcome = .notReproduced
        }
        return Verdict(
            claim: "IsoFLOP curves are U-shaped and their minima move to larger N as C grows",
            outcome: outcome,
            explanation: "\(uShaped.count) of \(parabolas.count) budgets have a minimum inside the sampled sizes; the minima \(increasing ? "increase" : "do not increase") with C.",
            evidence: parabolas.map { VerdictEvidence(quantity: "N* at C = \(Quantity.flops($0.compute))",
                                                      measured: NumberFormatting.significant($0.optimalParameters, digits: 3),
                                                      criterion: "inside the sampled sizes, growing with C") },
            statistics: parabolas.map { VerdictStatistic(name: "N* at C = \(NumberFormatting.significant($0.compute, digits: 3)) FLOPs",
                                                         value: $0.optimalParameters,
                                                         threshold: StatisticThreshold(rule: "inside the sampled sizes and larger than at the next smaller C")) })
    }

    /// Reproduced when the interval (or, without one, the estimate) lies inside `range`; not
    /// reproduced when it lies wholly outside; inconclusive when it straddles a bound.
    func judge(_ quantity: FittedQuantity, within range: ClosedRange<Double>) -> VerdictOutcome {
        guard let interval = quantity.interval else {
            return range.contains(quantity.estimate) ? .reproduced : .notReproduced
        }
        if range.contains(interval.lower) && range.contains(interval.upper) { return .reproduced }
        if interval.upper < range.lowerBound || interval.lower > range.upperBound { return .notReproduced }
        return .inconclusive
    }

    func combine(_ outcomes: [VerdictOutcome]) -> VerdictOutcome {
        if outcomes.contains(.notReproduced) { return .notReproduced }
        if outcomes.contains(.inconclusive) || outcomes.isEmpty { return .inconclusive }
        return .reproduced
    }

    /// "0.34 [0.31, 0.37]"; a quantity at a bound reads "at lower bound 0 (fit 1.11 × 10⁻⁸³) [0, 0.0193]".
    func describe(_ quantity: FittedQuantity) -> String {
        var text = NumberFormatting.significant(quantity.estimate, digits: 3)
        if let bound = quantity.atBound {
            text = "at \(bound.side.rawValue) bound \(NumberFormatting.significant(bound.limit)) (fit \(text))"
        }
        if let interval = quantity.interval {
            text += " [\(NumberFormatting.significant(interval.lower, digits: 3)), \(NumberFormatting.significant(interval.upper, digits: 3))]"
        }
        return text
    }

    func format(_ value: Double) -> String {
        NumberFormatting.significant(value, digits: 3)
    }
}

extension LawFitReport {
    /// The parameter or derived quantity called `name`.
    func quantity(_ name: String) -> FittedQuantity? {
        (parameters + derivedQuantities).first { $0.name == name }
    }
}
