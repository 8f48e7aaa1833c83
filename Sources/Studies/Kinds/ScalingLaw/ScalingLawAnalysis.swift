// Turns a scaling-law study's finished runs into fits and verdicts (STUDIES.md §1): Chinchilla
// Approach 3 with bootstrap intervals, Approach 2 IsoFLOP parabolas with vertex intervals over
// seeds, Kaplan's L(N) in both parameter-counting conventions, and a held-out prediction of the
// largest model. Compute is C = (6N + 12·L·T·d)·D throughout (`ScalingCompute`).
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
    /// Training FLOPs per token, 6N + 12·L·T·d.
    var flopsPerToken: Double
    var seeds: [Int]
    var seedLosses: [Double]
    /// Validation curve of the first seed: (tokens, bits per byte).
    var curve: [(tokens: Double, bitsPerByte: Double)]

    var meanLoss: Double { seedLosses.reduce(0, +) / Double(seedLosses.count) }
    /// C = (6N + 12·L·T·d)·D of the point, FLOPs.
    var trainingCompute: Double { flopsPerToken * tokens }
}

/// One IsoFLOP budget's minimum: the parabola through the mean losses, and the vertex of each
/// seed's own parabola.
struct IsoFLOPMinimum: Sendable {
    var parabola: IsoFLOPParabola
    /// N* of each seed's parabola (U-shaped ones only), by seed.
    var seedVertices: [Int: Double]
    /// t-interval of N* over the seeds (computed in ln N); nil with fewer than two.
    var interval: ConfidenceInterval?
    /// The smallest and largest size trained at the budget.
    var sampled: ClosedRange<Double>

    /// Whether the mean parabola is U-shaped with its vertex strictly between the sampled sizes.
    var isInterior: Bool {
        parabola.isUShaped && sampled.lowerBound < parabola.optimalParameters && parabola.optimalParameters < sampled.upperBound
    }
}

/// One run of the learning-rate sweep as the report shows it.
struct SweepTrial: Sendable {
    var model: String
    var parameters: Double
    var multiplier: Double
    var learningRate: Double
    /// Final validation loss in bits per byte; nil when the run diverged.
    var bitsPerByte: Double?
    /// Whether its size trains at this learning rate.
    var picked: Bool
}

/// Everything the scaling-law report shows.
struct ScalingLawAnalysis: StudyAnalysis {
    var grid: [ScalingPoint] = []
    var wsd: [ScalingPoint] = []
    var isoFLOP: [ScalingPoint] = []
    var approach3: LawFitReport?
    var approach3WSD: LawFitReport?
    var approach2: LawFitReport?
    var minima: [IsoFLOPMinimum] = []
    /// The learning-rate sweep, by size and multiplier; empty without one.
    var sweep: [SweepTrial] = []
    /// Which runs the primary Approach 3 fit uses: cosine runs, or WSD branches when there are none.
    var primaryMethod: ScalingLawRole.Method = .cosine
    /// FLOPs per token as a function of N, through the spec's shapes.
    var flopsCurve: FLOPsPerTokenCurve?
    /// Training bytes in one pass over the pool (training splits of every source); nil when the
    /// corpora could not be read.
    var poolBytes: Int?
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

    var parabolas: [IsoFLOPParabola] { minima.map(\.parabola) }

    /// How the report names the primary Approach 3 fit.
    var approach3Label: String {
        primaryMethod == .cosine ? "Approach 3 (cosine runs)" : "Approach 3 (WSD branches)"
    }

    var approach3Fit: NamedFit? { approach3.map { NamedFit(name: "approach3", report: $0, label: approach3Label) } }
    var approach2Fit: NamedFit? { approach2.map { NamedFit(name: "approach2", report: $0, label: "Approach 2 (IsoFLOP)") } }
}

extension ScalingLawSettings {
    /// Fits laws to the complete runs of `runs` and judges the claims.
    func analyse(_ spec: StudySpec, runs: [StudyRun<ScalingLawRole>], context: AnalysisContext) -> ScalingLawAnalysis {
        var analysis = ScalingLawAnalysis()
        analysis.primaryMethod = method == .wsd ? .wsdBranch : .cosine
        analysis.grid = Self.points(runs, method: analysis.primaryMethod)
        analysis.wsd = method == .both ? Self.points(runs, method: .wsdBranch) : []
        analysis.isoFLOP = Self.points(runs, method: .isoFLOP)
        analysis.sweep = Self.sweepTrials(runs)
        let compute = ScalingCompute(context: spec.training.contextLength)
        let shapes = spec.models + isoFLOPBudgets.flatMap { isoFLOPShapes(spec, budget: $0) }
        analysis.flopsCurve = FLOPsPerTokenCurve(shapes: shapes, compute: compute)
        analysis.poolBytes = try? corpora.reduce(0) { total, source in
            total + (try context.data.pool(source, plan: dataPlan).documents.reduce(0) { $0 + $1.byteCount + 1 })
        }
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
        analysis.approach3 = attempt(analysis.approach3Label, notes: &analysis.notes) {
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
            analysis.minima = Set(analysis.isoFLOP.compactMap(\.compute)).sorted().compactMap {
                Self.minimum(at: $0, points: analysis.isoFLOP, level: spec.fit.confidenceLevel)
            }
        }
        // Kaplan's L(N) at the largest D every model trained (a token limit keeps large models shorter).
        let models = Set(analysis.grid.map(\.model))
        let common = Set(analysis.grid.map(\.tokens)).filter { tokens in
            models.allSatisfy { model in analysis.grid.contains { $0.model == model && $0.tokens == tokens } }
        }
        if let largest = common.max() {
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

    /// The finished sweep runs, each size's lowest final loss marked as picked (the smaller
    /// multiplier on a tie, as `LearningRatePicks` picks).
    static func sweepTrials(_ runs: [StudyRun<ScalingLawRole>]) -> [SweepTrial] {
        let trials = runs.filter { $0.role.method == .learningRateSweep && ($0.isComplete || $0.stored.status == .diverged) }
            .compactMap { run -> SweepTrial? in
                guard let multiplier = run.role.sweepMultiplier else { return nil }
                return SweepTrial(model: run.role.model, parameters: Double(run.role.parameters), multiplier: multiplier,
                                  learningRate: run.config.optimizer.learningRate,
                                  bitsPerByte: run.isComplete ? run.summary.map { $0.finalLossNats / log(2) } : nil, picked: false)
            }
            .sorted { ($0.parameters, $0.multiplier) < ($1.parameters, $1.multiplier) }
        var picked = trials
        for model in Set(trials.map(\.model)) {
            let indices = trials.indices.filter { trials[$0].model == model }
            if let best = indices.min(by: { (trials[$0].bitsPerByte ?? .infinity) < (trials[$1].bitsPerByte ?? .infinity) }) {
                picked[best].picked = true
            }
        }
        return picked
    }

    /// The IsoFLOP minimum at `budget`: the parabola of the mean losses and each seed's vertex.
    static func minimum(at budget: Double, points: [ScalingPoint], level: Double) -> IsoFLOPMinimum? {
        let slice = points.filter { $0.compute == budget }
        let sizes = slice.map(\.parameters)
        guard let smallest = sizes.min(), let largest = sizes.max(),
              let parabola = try? IsoFLOPParabola(compute: budget, parameters: sizes, losses: slice.map(\.meanLoss)) else {
            return nil
        }
        var seedVertices: [Int: Double] = [:]
        for seed in Set(slice.flatMap(\.seeds)) {
            let losses = slice.compactMap { point in point.seeds.firstIndex(of: seed).map { (point.parameters, point.seedLosses[$0]) } }
            if let own = try? IsoFLOPParabola(compute: budget, parameters: losses.map(\.0), losses: losses.map(\.1)), own.isUShaped {
                seedVertices[seed] = own.optimalParameters
            }
        }
        let interval = SeedSummary(seedVertices.mapValues { log($0) }, level: level)?.interval.map {
            ConfidenceInterval(lower: exp($0.lower), upper: exp($0.upper), level: $0.level)
        }
        return IsoFLOPMinimum(parabola: parabola, seedVertices: seedVertices, interval: interval, sampled: smallest...largest)
    }

    /// N_opt(C) of a fitted Approach 3 law under C = (6N + 12·L·T·d)·D: the N minimising
    /// L(N, C / FLOPs per token(N)), searched in ln N over a grid from 10⁻³× to 10³× `around` and
    /// refined by golden-section search.
    static func optimalParameters(_ fit: LawFitReport, compute: Double, curve: FLOPsPerTokenCurve, around: Double) -> Double? {
        guard let e = fit.quantity("E")?.estimate, let a = fit.quantity("A")?.estimate, let b = fit.quantity("B")?.estimate,
              let alpha = fit.quantity("alpha")?.estimate, let beta = fit.quantity("beta")?.estimate, around > 0 else { return nil }
        func loss(_ logParameters: Double) -> Double {
            let parameters = exp(logParameters)
            return e + a / pow(parameters, alpha) + b / pow(curve.tokens(parameters: parameters, compute: compute), beta)
        }
        let low = log(around) - log(1000.0), high = log(around) + log(1000.0), count = 240
        let grid = (0...count).map { low + (high - low) * Double($0) / Double(count) }
        guard let best = grid.indices.min(by: { loss(grid[$0]) < loss(grid[$1]) }), best > 0, best < count else { return nil }
        var left = grid[best - 1], right = grid[best + 1]
        let golden = (5.0.squareRoot() - 1) / 2
        for _ in 0..<60 {
            let first = right - golden * (right - left), second = left + golden * (right - left)
            if loss(first) < loss(second) { right = second } else { left = first }
        }
        return exp((left + right) / 2)
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
                    flopsPerToken: ScalingCompute(context: run.config.contextLength).flopsPerToken(run.config.model),
                    seeds: [run.role.seed], seedLosses: [loss], curve: curve)
            } else {
                byKey[key]?.seeds.append(run.role.seed)
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
            verdicts.append(offsetIdentified(fit, grid: analysis.grid))
            if let allocation = fit.report.quantity("allocation_exponent_a") {
                verdicts.append(allocationVerdict(allocation, fit: fit, method: "Approach 3"))
            }
        } else {
            verdicts.append(Verdict(claim: "$L(N, D) = E + A/N^{α} + B/D^{β}$ fits with $0 < α, β < 1$ and $E > 0$",
                                    outcome: .inconclusive,
                                    explanation: "The Approach 3 fit could not be made; see the notes."))
        }
        if !analysis.parabolas.isEmpty {
            verdicts.append(isoFLOPVerdict(analysis))
            if let fit = analysis.approach2Fit, let allocation = fit.report.quantity("allocation_exponent_a") {
                verdicts.append(allocationVerdict(allocation, fit: fit, method: "Approach 2"))
            }
        }
        if let approach3 = analysis.approach3Fit, let approach2 = analysis.approach2Fit {
            verdicts.append(allocationAgreement(approach3, approach2))
        }
        if let heldOut = analysis.heldOut {
            verdicts.append(heldOutVerdict(heldOut, model: analysis.heldOutModel ?? ""))
        }
        return verdicts
    }

    /// Epoch AI's 2024 refit of Chinchilla's Approach 3: a = β/(α+β) = 0.513.
    static let publishedAllocationExponent = 0.513

    /// E's interval excludes 0 and is narrower than `offsetRelativeWidth` of E; otherwise the
    /// explanation says how much longer the largest model would have to train.
    private func offsetIdentified(_ fit: NamedFit, grid: [ScalingPoint]) -> Verdict {
        let claim = "The irreducible loss E is identified: its interval excludes 0 and is narrower than \(format(100 * offsetRelativeWidth)) % of E"
        guard let offset = fit.report.quantity("E") else {
            return Verdict(claim: claim, outcome: .inconclusive, explanation: "The fit reports no E.")
        }
        let width = offset.interval.map { $0.upper - $0.lower }
        let identified = offset.atBound == nil && (offset.interval.map { $0.lower > 0 } ?? false)
            && (width.map { $0 < offsetRelativeWidth * offset.estimate } ?? false)
        var verdict = Verdict(
            claim: claim, outcome: offset.interval == nil ? .inconclusive : (identified ? .reproduced : .notReproduced),
            explanation: identified ? "" : offsetAdvice(fit.report, grid: grid),
            evidence: [VerdictEvidence(quantity: "E", measured: describe(offset) + " bpb",
                                       criterion: "interval above 0, width < \(format(100 * offsetRelativeWidth)) % of E")],
            statistics: [VerdictStatistic(offset, fit: fit.name, threshold: StatisticThreshold(
                lower: 0, rule: "reproduced if the interval lies above 0 and is narrower than \(format(offsetRelativeWidth)) × E"), unit: "bpb")])
        verdict.fits = [fit.name]
        return verdict
    }

    /// What would pin E: the token budget at which the largest model's fitted reducible loss
    /// falls to `offsetRelativeWidth` × E, or, when E is at its bound, how much the largest model
    /// still gains from its last doubling of D.
    private func offsetAdvice(_ fit: LawFitReport, grid: [ScalingPoint]) -> String {
        guard let largest = grid.map(\.parameters).max() else { return "No runs to judge from." }
        let series = grid.filter { $0.parameters == largest }.sorted { $0.tokens < $1.tokens }
        var advice = ""
        if let last = series.last, let previous = series.dropLast().last {
            advice = "The largest model (\(last.model)) still gains \(format(previous.meanLoss - last.meanLoss)) bpb from \(Quantity.bytes(Int(previous.tokens))) to \(Quantity.bytes(Int(last.tokens))) tokens, so it is not near its plateau. "
        }
        guard let e = fit.quantity("E"), e.atBound == nil, let a = fit.quantity("A")?.estimate,
              let b = fit.quantity("B")?.estimate, let alpha = fit.quantity("alpha")?.estimate,
              let beta = fit.quantity("beta")?.estimate else {
            return advice + "E sits at its bound: train the largest sizes longer (the design's WSD trunks reach 32 MB) until a doubling of D gains less than the interval E needs."
        }
        let target = offsetRelativeWidth * e.estimate
        let sizeTerm = a / pow(largest, alpha)
        guard target > sizeTerm else {
            let needed = pow(a / target, 1 / alpha)
            return advice + "Even at infinite D the largest model stays \(format(sizeTerm)) bpb above E by the fit; sizes near \(NumberFormatting.significant(needed, digits: 2)) parameters would be needed."
        }
        let tokens = pow(b / (target - sizeTerm), 1 / beta)
        if let trained = series.last?.tokens, tokens <= trained {
            let width = e.interval.map { " (\(format($0.upper - $0.lower)) bpb, \(format(100 * ($0.upper - $0.lower) / e.estimate)) % of E)" } ?? ""
            return advice + "By the fit, the largest model comes within \(format(100 * offsetRelativeWidth)) % of E at about \(Quantity.bytes(Int(tokens))) tokens, inside the \(Quantity.bytes(Int(trained))) it trained, yet E's interval is too wide\(width): at these sizes the fit does not separate E from the size and data terms. More seeds per point, or the largest sizes trained well past that budget, would narrow it."
        }
        return advice + "By the fit, the largest model comes within \(format(100 * offsetRelativeWidth)) % of E at about \(Quantity.bytes(Int(min(tokens, 1e15)))) tokens: budgets up to there would pin E."
    }

    /// Approaches 2 and 3 agree on a when their intervals overlap; each is compared with Epoch's 0.513.
    private func allocationAgreement(_ approach3: NamedFit, _ approach2: NamedFit) -> Verdict {
        let claim = "Approaches 2 and 3 agree on the allocation exponent a (Epoch AI 2024: \(format(Self.publishedAllocationExponent)))"
        guard let three = approach3.report.quantity("allocation_exponent_a"),
              let two = approach2.report.quantity("allocation_exponent_a") else {
            return Verdict(claim: claim, outcome: .inconclusive, explanation: "One of the fits reports no allocation exponent.")
        }
        func containsPublished(_ quantity: FittedQuantity) -> String {
            guard let interval = quantity.interval else { return "no interval" }
            return interval.lower <= Self.publishedAllocationExponent && Self.publishedAllocationExponent <= interval.upper
                ? "contains 0.513" : "excludes 0.513"
        }
        let outcome: VerdictOutcome
        if let first = three.interval, let second = two.interval {
            outcome = first.upper < second.lower || second.upper < first.lower ? .notReproduced : .reproduced
        } else {
            outcome = .inconclusive
        }
        return Verdict(
            claim: claim, outcome: outcome,
            explanation: "Approach 3's a = β/(α+β) counts N as all parameters with C ∝ N·D; Approach 2's a is the slope of ln N* on ln C = ln((6N + 12·L·T·d)·D). Agreement means overlapping intervals.",
            evidence: [VerdictEvidence(quantity: "a, Approach 3", measured: describe(three), criterion: "overlaps Approach 2; \(containsPublished(three))"),
                       VerdictEvidence(quantity: "a, Approach 2", measured: describe(two), criterion: "overlaps Approach 3; \(containsPublished(two))")],
            statistics: [VerdictStatistic(three, fit: approach3.name, threshold: StatisticThreshold(rule: "reproduced if the Approach 2 and 3 intervals overlap")),
                         VerdictStatistic(two, fit: approach2.name, threshold: StatisticThreshold(rule: "reproduced if the Approach 2 and 3 intervals overlap"))])
            .restingOn([approach3, approach2])
    }

    /// The law fitted without the largest model predicts that model's losses within
    /// `heldOutRelativeError`.
    private func heldOutVerdict(_ heldOut: HeldOutReport, model: String) -> Verdict {
        let worst = heldOut.maximumRelativeError
        return Verdict(
            claim: "Approach 3 fitted without the largest model (\(model)) predicts its losses within \(format(100 * heldOutRelativeError)) %",
            outcome: worst <= heldOutRelativeError ? .reproduced : .notReproduced,
            explanation: "Beyond the papers: mean absolute error \(format(heldOut.meanAbsoluteError)) bpb over \(heldOut.predictions.count) held-out runs.",
            evidence: [VerdictEvidence(quantity: "largest relative error", measured: "\(format(100 * worst)) %",
                                       criterion: "at most \(format(100 * heldOutRelativeError)) %")],
            statistics: [VerdictStatistic(name: "held-out largest relative error", value: worst, threshold: StatisticThreshold(
                upper: heldOutRelativeError, rule: "reproduced if every held-out run is predicted within this relative error"))])
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
        return Verdict(claim: "$L(N, D) = E + A/N^{α} + B/D^{β}$ fits with $0 < α, β < 1$ and $E > 0$",
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
            claim: "Compute-optimal size grows as $N_{opt} ∝ C^{a}$ with the allocation exponent $a$ in \(range) (\(method))",
            outcome: outcome,
            explanation: "Published: 0.46–0.51 (Hoffmann et al. 2022; Epoch AI 2024: 0.513); Kaplan et al.'s 0.73 is an artefact of non-embedding counting.",
            evidence: [VerdictEvidence(quantity: "allocation exponent a", measured: describe(allocation),
                                       criterion: "interval inside \(range)")],
            statistics: [VerdictStatistic(allocation, fit: fit.name, threshold: StatisticThreshold(
                lower: allocationExponentRange.lowerBound, upper: allocationExponentRange.upperBound,
                rule: "reproduced if the interval lies inside \(range); not reproduced if wholly outside"))]).restingOn([fit])
    }

    private func isoFLOPVerdict(_ analysis: ScalingLawAnalysis) -> Verdict {
        let minima = analysis.minima.sorted { $0.parabola.compute < $1.parabola.compute }
        let interior = minima.filter(\.isInterior)
        let vertices = minima.map(\.parabola.optimalParameters)
        let increasing = zip(vertices, vertices.dropFirst()).allSatisfy { $0 < $1 }
        let outcome: VerdictOutcome
        if minima.count < 2 {
            outcome = .inconclusive
        } else if interior.count == minima.count && increasing {
            outcome = .reproduced
        } else {
            outcome = .notReproduced
        }
        func vertexText(_ minimum: IsoFLOPMinimum) -> String {
            var text = NumberFormatting.significant(minimum.parabola.optimalParameters, digits: 3)
            if let interval = minimum.interval {
                text += " [\(NumberFormatting.significant(interval.lower, digits: 3)), \(NumberFormatting.significant(interval.upper, digits: 3))]"
            }
            return text + (minimum.isInterior ? "" : " (not interior)")
        }
        let seeds = Set(minima.flatMap(\.seedVertices.keys)).count
        return Verdict(
            claim: "IsoFLOP curves are U-shaped and their minima move to larger N as C grows",
            outcome: outcome,
            explanation: "\(interior.count) of \(minima.count) budgets have a minimum inside the sampled sizes; the minima \(increasing ? "increase" : "do not increase") with C. \(seeds < 2 ? "No vertex interval: fewer than two seeds have a U-shaped parabola of their own." : "Intervals are t-intervals over the vertices of the \(seeds) seeds' own parabolas.")",
            evidence: minima.map { VerdictEvidence(quantity: "N* at C = \(Quantity.flops($0.parabola.compute))",
                                                   measured: vertexText($0),
                                                   criterion: "inside \(NumberFormatting.significant($0.sampled.lowerBound, digits: 3))–\(NumberFormatting.significant($0.sampled.upperBound, digits: 3)), growing with C") },
            statistics: minima.map { VerdictStatistic(name: "N* at C = \(NumberFormatting.significant($0.parabola.compute, digits: 3)) FLOPs",
                                                      value: $0.parabola.optimalParameters,
                                                      interval: $0.interval.map { StatisticInterval(lower: $0.lower, upper: $0.upper, level: $0.level, method: "t over seeds") },
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
