// Turns a stability-gap study's runs into gap measures and verdicts (STUDIES.md, tiny-scale
// "Stability gap"): per continual run the loss at the switch (step 0), the gap depth (largest rise
// over the first part of the run), the recovery step and the final losses on the general, domain and
// task sets; claims of Gupta et al. 2023, Guo et al. 2024 and Gu et al. 2024 judged on per-seed
// paired differences.
import Foundation
import LawFit
import Reporting

/// What one continual run shows on one evaluation set, in bits per byte.
struct GapMeasure: Sendable {
    /// Loss before the first update (the base model's).
    var atSwitch: Double
    /// Largest rise above `atSwitch` within the gap window (0 when the loss never rises).
    var depth: Double
    /// First evaluated step after the deepest point at or below `atSwitch`, as a fraction of the run; nil = never.
    var recovery: Double?
    var final: Double
    /// (fraction of the run, bits per byte), from step 0.
    var curve: [(fraction: Double, bitsPerByte: Double)]

    /// Nil when the run has no step-0 or final measurement of the set.
    init?(_ points: [MetricPoint], steps: Int, window: Double) {
        guard let first = points.first(where: { $0.step == 0 }), let last = points.first(where: { $0.step == steps }) else { return nil }
        atSwitch = first.bitsPerByte
        final = last.bitsPerByte
        curve = points.map { (Double($0.step) / Double(steps), $0.bitsPerByte) }
        let windowed = points.filter { $0.step > 0 && Double($0.step) <= window * Double(steps) + 1e-9 }
        let deepest = windowed.max { $0.bitsPerByte < $1.bitsPerByte }
        depth = max(0, (deepest?.bitsPerByte ?? atSwitch) - atSwitch)
        let after = points.filter { $0.step > (deepest?.step ?? 0) }
        recovery = depth > 0 ? after.first { $0.bitsPerByte <= atSwitch }.map { Double($0.step) / Double(steps) } : nil
    }
}

/// One arm of one model: its measures per seed and set, and its learning rate.
struct StabilityGapArmResult: Sendable {
    var arm: StabilityGapArm
    /// Set name → seed → measure.
    var measures: [String: [Int: GapMeasure]]
    /// (fraction of the run, learning rate).
    var learningRate: [(fraction: Double, rate: Double)]

    func values(_ set: String, _ value: (GapMeasure) -> Double) -> [Int: Double] {
        (measures[set] ?? [:]).mapValues(value)
    }
}

/// Gu et al.'s CMR laws fitted to one ratio arm's mean loss changes against continual tokens T.
struct CMRFit: Sendable {
    var ratio: Double
    /// (T in bytes, mean change of general / domain loss in bits per byte since the switch).
    var general: [(tokens: Double, change: Double)]
    var domain: [(tokens: Double, change: Double)]
    /// L_Δgen(T) = α₂·T^s₂ + α₃·T^s₃ + β₂ and L_Δdom(T) = α₁·T^s₁ + β₁; nil when the fit failed.
    var generalFit: LawFitReport?
    var domainFit: LawFitReport?

    /// The fitted general-loss change at `tokens`.
    func predictedGeneral(_ tokens: Double) -> Double? {
        guard let fit = generalFit else { return nil }
        func value(_ name: String) -> Double { fit.parameters.first { $0.name == name }?.estimate ?? .nan }
        return value("alpha2") * pow(tokens, value("s2")) + value("alpha3") * pow(tokens, value("s3")) + value("beta2")
    }

    /// The fitted domain-loss change at `tokens`.
    func predictedDomain(_ tokens: Double) -> Double? {
        guard let fit = domainFit else { return nil }
        func value(_ name: String) -> Double { fit.parameters.first { $0.name == name }?.estimate ?? .nan }
        return value("alpha1") * pow(tokens, value("s1")) + value("beta1")
    }
}

struct StabilityGapModelAnalysis: Sendable {
    var model: String
    var parameters: Int
    var arms: [StabilityGapArmResult]
    /// CMR fits per domain ratio (R0 is R = 1), in ratio order.
    var cmr: [CMRFit] = []
    /// Critical ratio per seed (largest domain share whose final general-loss rise stays ≤ ε) and
    /// the rise per ratio (mean over seeds); empty without ratio arms.
    var criticalRatio: [Int: Double]
    var risesByRatio: [(ratio: Double, rise: Double)]

    func arm(_ arm: StabilityGapArm) -> StabilityGapArmResult? {
        arms.first { $0.arm == arm }
    }
}

struct StabilityGapAnalysis: StudyAnalysis {
    var models: [StabilityGapModelAnalysis] = []
    var verdicts: [Verdict] = []
    var notes: [String] = []
    /// Epochs the base run reads of the general corpus's training split.
    var baseEpochs: Double?
    var fits: [NamedFit] {
        models.flatMap { model in
            model.cmr.flatMap { fit in
                let ratio = SpecFormat.number((fit.ratio * 1000).rounded() / 1000)
                return [fit.generalFit.map { NamedFit(name: "cmr-general-\(model.model)-R\(ratio)", report: $0) },
                        fit.domainFit.map { NamedFit(name: "cmr-domain-\(model.model)-R\(ratio)", report: $0) }].compactMap { $0 }
            }
        }
    }
}

extension StabilityGapSettings {
    func analyse(_ spec: StudySpec, runs: [StudyRun<StabilityGapRole>], context: AnalysisContext) -> StabilityGapAnalysis {
        var analysis = StabilityGapAnalysis()
        for model in spec.models {
            let modelRuns = runs.filter { $0.role.model == model.name && $0.role.phase == .continual && $0.isComplete }
            var results: [StabilityGapArmResult] = []
            for arm in arms(for: model.name) {
                let armRuns = modelRuns.filter { $0.role.arm == arm }
                var result = StabilityGapArmResult(arm: arm, measures: [:], learningRate: [])
                for run in armRuns {
                    for set in [Self.generalSet, Self.domainSet, Self.taskSet] {
                        if let measure = GapMeasure(run.curve(set), steps: run.config.steps, window: gapWindow) {
                            result.measures[set, default: [:]][run.role.seed] = measure
                        }
                    }
                }
                if let config = armRuns.first?.config {
                    result.learningRate = config.learningRateCurve().map { (Double($0.step) / Double(config.steps), $0.rate) }
                }
                results.append(result)
            }
            var modelAnalysis = StabilityGapModelAnalysis(model: model.name, parameters: spec.modelConfig(model).parameterCount,
                                                          arms: results, criticalRatio: [:], risesByRatio: [])
            criticalRatios(&modelAnalysis)
            modelAnalysis.cmr = cmrFits(modelAnalysis, runs: modelRuns, notes: &analysis.notes)
            analysis.models.append(modelAnalysis)
        }
        if let base = runs.first(where: { $0.role.phase == .base }),
           let pool = try? context.data.pool(general, plan: base.config.data) {
            let bytes = pool.documents.reduce(0) { $0 + $1.byteCount + 1 }
            analysis.baseEpochs = Double(base.config.tokens) / Double(max(1, bytes))
        }
        analysis.verdicts = verdicts(analysis, spec: spec, notes: &analysis.notes)
        let incomplete = runs.filter { !$0.isComplete }.count
        if incomplete > 0 {
            analysis.notes.append("\(incomplete) of \(runs.count) runs are not complete; the statistics use the seeds every compared arm completed.")
        }
        return analysis
    }

    /// The critical ratio per seed: the domain shares with their final general-loss rise (R0 is
    /// R = 1), linearly interpolated where the rise crosses ε.
    private func criticalRatios(_ model: inout StabilityGapModelAnalysis) {
        let ratioArms = model.arms.compactMap { result -> (Double, StabilityGapArmResult)? in
            if result.arm == .reference { return (1, result) }
            if result.arm.family == .ratios, let value = result.arm.value { return (value, result) }
            return nil
        }.sorted { $0.0 < $1.0 }
        guard ratioArms.count >= 2 else { return }
        let rises = ratioArms.map { ratio, result in (ratio, result.values(Self.generalSet) { $0.final - $0.atSwitch }) }
        model.risesByRatio = rises.compactMap { ratio, bySeed in
            bySeed.isEmpty ? nil : (ratio, bySeed.values.reduce(0, +) / Double(bySeed.count))
        }
        let seeds = rises.map { Set($0.1.keys) }.reduce(Set(rises[0].1.keys)) { $0.intersection($1) }
        for seed in seeds {
            let points = rises.map { ($0.0, $0.1[seed]!) }
            model.criticalRatio[seed] = Self.criticalRatio(points, epsilon: epsilonBitsPerByte)
        }
    }

    /// Fits the CMR laws to each ratio arm's mean general and domain loss change against tokens.
    private func cmrFits(_ model: StabilityGapModelAnalysis, runs: [StudyRun<StabilityGapRole>], notes: inout [String]) -> [CMRFit] {
        var fits: [CMRFit] = []
        for result in model.arms {
            let ratio: Double
            if result.arm == .reference { ratio = 1 } else if result.arm.family == .ratios, let value = result.arm.value { ratio = value } else { continue }
            guard let steps = runs.first(where: { $0.role.arm == result.arm })?.config,
                  let general = meanChange(result, Self.generalSet, config: steps),
                  let domain = meanChange(result, Self.domainSet, config: steps) else { continue }
            var fit = CMRFit(ratio: ratio, general: general, domain: domain)
            let label = "\(model.model), R = \(SpecFormat.number((ratio * 1000).rounded() / 1000))"
            do {
                fit.generalFit = try fitLaw(CMRGeneralLaw(), to: general.map { CurvePoint(x: $0.tokens, y: $0.change) })
            } catch {
                notes.append("The CMR general-loss law could not be fitted for \(label): \(error)")
            }
            do {
                fit.domainFit = try fitLaw(CMRDomainLaw(), to: domain.map { CurvePoint(x: $0.tokens, y: $0.change) })
            } catch {
                notes.append("The CMR domain-loss law could not be fitted for \(label): \(error)")
            }
            fits.append(fit)
        }
        return fits.sorted { $0.ratio < $1.ratio }
    }

    /// The mean (over seeds) change of `set`'s loss since the switch at every evaluated step after it.
    private func meanChange(_ result: StabilityGapArmResult, _ set: String, config: RunConfig) -> [(tokens: Double, change: Double)]? {
        let curves = (result.measures[set] ?? [:]).values.map { measure in measure.curve.map { ($0.fraction, $0.bitsPerByte - measure.atSwitch) } }
        guard let first = curves.first, curves.allSatisfy({ $0.count == first.count }) else { return nil }
        let bytes = Double(config.steps * config.batchSize * config.contextLength)
        return first.indices.compactMap { index in
            first[index].0 > 0 ? (first[index].0 * bytes, curves.map { $0[index].1 }.reduce(0, +) / Double(curves.count)) : nil
        }
    }

    /// The largest ratio whose rise stays ≤ ε, from (ratio, rise) points sorted by ratio: the
    /// crossing of ε interpolated linearly between the last ratio under it and the next; the
    /// largest ratio if none exceeds ε; the smallest if the first already does.
    static func criticalRatio(_ points: [(ratio: Double, rise: Double)], epsilon: Double) -> Double {
        guard let first = points.first else { return .nan }
        if first.rise > epsilon { return first.ratio }
        for (low, high) in zip(points, points.dropFirst()) where low.rise <= epsilon && high.rise > epsilon {
            return low.ratio + (epsilon - low.rise) / (high.rise - low.rise) * (high.ratio - low.ratio)
        }
        return points.last!.ratio
    }

    // MARK: Verdicts

    private func verdicts(_ analysis: StabilityGapAnalysis, spec: StudySpec, notes: inout [String]) -> [Verdict] {
        let settings = PairedVerdictSettings(level: spec.fit.confidenceLevel, bootstrapResamples: max(1, spec.fit.bootstrapResamples),
                                             bootstrapSeed: UInt64(spec.fit.bootstrapSeed))
        let delta = minimumGapBitsPerByte
        let deltaText = SpecFormat.number(delta)
        var verdicts: [Verdict] = []
        for model in analysis.models where armModels.isEmpty || armModels.contains(model.model) {
            let prefix = spec.models.count > 1 ? "\(model.model): " : ""
            func judge(_ claim: String, _ rule: PairedClaimRule, _ differences: PairedDifferences?, missing: String,
                       perSeedValue: String = PairedClaim.pairedDifference) {
                guard let differences, differences.count > 0 else {
                    notes.append("\(prefix)\(claim): not judged — \(missing)")
                    return
                }
                do {
                    verdicts.append(try PairedClaim(prefix + claim, rule: rule, perSeedValue: perSeedValue).verdict(differences, settings: settings))
                } catch {
                    verdicts.append(Verdict(claim: prefix + claim, outcome: .inconclusive, explanation: "The statistics could not be computed: \(error)."))
                }
            }
            func values(_ arm: StabilityGapArm, _ set: String, _ value: (GapMeasure) -> Double) -> [Int: Double]? {
                guard let result = model.arm(arm) else { return nil }
                let values = result.values(set, value)
                return values.isEmpty ? nil : values
            }
            func difference(_ left: [Int: Double]?, _ right: [Int: Double]?) -> PairedDifferences? {
                guard let left, let right else { return nil }
                return try? PairedDifferences(pairing: left, minus: right)
            }
            func single(_ values: [Int: Double]?) -> PairedDifferences? {
                values.flatMap { try? PairedDifferences(differencesBySeed: $0) }
            }
            let r0 = StabilityGapArm.reference
            let depth: (GapMeasure) -> Double = { $0.depth }
            let final: (GapMeasure) -> Double = { $0.final }

            judge("Stability gap: after the switch with a re-warmed LR, general loss rises by more than \(deltaText) bpb within the first \(SpecFormat.number(100 * gapWindow)) % of the run (R0)",
                  .exceeds(threshold: delta), single(values(r0, Self.generalSet, depth)), missing: "R0 has no complete runs.",
                  perSeedValue: "this seed's gap depth (largest rise above its loss at the switch)")
            judge("Guo et al.: on the task proxy the loss first rises by more than \(deltaText) bpb (R0)",
                  .exceeds(threshold: delta), single(values(r0, Self.taskSet, depth)), missing: "R0 has no complete runs.",
                  perSeedValue: "this seed's gap depth (largest rise above its loss at the switch)")
            judge("Guo et al.: the task proxy ends below its value at the switch (R0): L(switch) − L(end) > 0",
                  .exceeds(threshold: 0, contradictedBelow: .zero),
                  single(values(r0, Self.taskSet) { $0.atSwitch - $0.final }), missing: "R0 has no complete runs.",
                  perSeedValue: "this seed's L(switch) − L(end)")
            if let highest = peakMultipliers.filter({ $0 > 1 }).max() {
                let arm = StabilityGapArm(family: .peak, value: highest)
                judge("The gap is larger for a larger peak LR: G(peak ×\(SpecFormat.number(highest))) − G(R0) > 0 on general loss",
                      .exceeds(threshold: 0, contradictedBelow: .zero),
                      difference(values(arm, Self.generalSet, depth), values(r0, Self.generalSet, depth)),
                      missing: "needs the peak ×\(SpecFormat.number(highest)) arm (protocol.arms: peak).")
            }
            judge("Gupta et al.: re-warming causes the rise — without re-warming the gap is smaller: G(R0) − G(no re-warm) > 0",
                  .exceeds(threshold: 0, contradictedBelow: .zero),
                  difference(values(r0, Self.generalSet, depth), values(StabilityGapArm(family: .noRewarm), Self.generalSet, depth)),
                  missing: "needs the no-rewarm arm.")
            let same = StabilityGapArm(family: .sameData)
            judge("Gupta et al.: re-warming on the general data itself raises general loss by more than \(deltaText) bpb",
                  .exceeds(threshold: delta), single(values(same, Self.generalSet, depth)), missing: "needs the same-data arm.",
                  perSeedValue: "this seed's gap depth (largest rise above its loss at the switch)")
            judge("Gupta et al.: after re-warming on the general data, general loss ends within \(deltaText) bpb of its value at the switch",
                  .exceeds(threshold: 0, contradictedBelow: .zero),
                  single(values(same, Self.generalSet) { $0.atSwitch + delta - $0.final }), missing: "needs the same-data arm.",
                  perSeedValue: "this seed's L(switch) + δ − L(end)")
            if let high = peakMultipliers.filter({ $0 > 1 }).max(), let low = peakMultipliers.filter({ $0 < 1 }).min() {
                let highArm = StabilityGapArm(family: .peak, value: high), lowArm = StabilityGapArm(family: .peak, value: low)
                judge("Gupta et al.: a ×\(SpecFormat.number(high)) peak ends with higher general loss than ×\(SpecFormat.number(low))",
                      .exceeds(threshold: 0, contradictedBelow: .zero),
                      difference(values(highArm, Self.generalSet, final), values(lowArm, Self.generalSet, final)), missing: "needs both peak arms.")
                judge("Gupta et al.: a ×\(SpecFormat.number(high)) peak ends with lower domain loss than ×\(SpecFormat.number(low))",
                      .exceeds(threshold: 0, contradictedBelow: .zero),
                      difference(values(lowArm, Self.domainSet, final), values(highArm, Self.domainSet, final)), missing: "needs both peak arms.")
            }
            if warmupFractions.contains(0), let longest = (warmupFractions + [referenceWarmup]).max(), longest > 0 {
                let arm = { (fraction: Double) in fraction == referenceWarmup ? r0 : StabilityGapArm(family: .warmup, value: fraction) }
                judge("Gupta et al.: the warm-up length barely matters — domain loss after 0 % and \(SpecFormat.number(100 * longest)) % warm-up is equal within ±\(SpecFormat.number(equivalenceMarginBitsPerByte)) bpb",
                      .equivalent(margin: equivalenceMarginBitsPerByte),
                      difference(values(arm(0), Self.domainSet, final), values(arm(longest), Self.domainSet, final)),
                      missing: "needs the warm-up arms.")
            }
            for family in [ContinualArmFamily.subset, .highQuality, .replay, .combined] where arms.contains(family) {
                let arm = StabilityGapArm(family: family)
                let gapCut = difference(values(r0, Self.generalSet, depth), values(arm, Self.generalSet, depth))
                let taskGain = difference(values(r0, Self.taskSet, final), values(arm, Self.taskSet, final))
                verdicts.append(eitherVerdict(prefix + "Guo et al.: strategy \(arm.label) lowers the general-loss gap or the final task loss compared with R0",
                                              gapCut, taskGain, settings: settings))
            }
            if arms.contains(.combined), arms.contains(.fullBudget) {
                let full = StabilityGapArm(family: .fullBudget, value: fullBudgetMultiple)
                judge("Guo et al.: all three strategies at 1× tokens are no worse on the task proxy than one pass at \(SpecFormat.number(fullBudgetMultiple))× tokens",
                      .exceeds(threshold: -delta),
                      difference(values(full, Self.taskSet, final), values(StabilityGapArm(family: .combined), Self.taskSet, final)),
                      missing: "needs the combined and full-budget arms.")
            }
        }
        verdicts += criticalRatioVerdict(analysis, settings: settings, notes: &notes)
        return verdicts
    }

    /// Reproduced if either paired comparison is; not reproduced if both are not; else inconclusive.
    private func eitherVerdict(_ claim: String, _ first: PairedDifferences?, _ second: PairedDifferences?,
                               settings: PairedVerdictSettings) -> Verdict {
        let parts = [("gap depth G(R0) − G(strategy), general", first), ("final task loss L(R0) − L(strategy)", second)]
            .compactMap { name, differences in
                differences.flatMap { try? PairedClaim(name, rule: .exceeds(threshold: 0, contradictedBelow: .zero)).verdict($0, settings: settings) }
            }
        guard !parts.isEmpty else { return Verdict(claim: claim, outcome: .inconclusive, explanation: "The arm has no complete runs.") }
        let outcome: VerdictOutcome = parts.contains { $0.outcome == .reproduced } ? .reproduced
            : (parts.allSatisfy { $0.outcome == .notReproduced } ? .notReproduced : .inconclusive)
        return Verdict(claim: claim, outcome: outcome,
                       explanation: parts.map { "\($0.claim): \($0.outcome.label.lowercased()). \($0.explanation)" }.joined(separator: " "),
                       evidence: parts.flatMap { part in part.evidence.map { VerdictEvidence(quantity: "\(part.claim.split(separator: ",").first ?? ""): \($0.quantity)", measured: $0.measured, criterion: $0.criterion) } })
    }

    /// Gu et al.: the critical ratio grows with model size — the per-seed slope of R_c against ln N
    /// has an interval above 0. Needs at least two sizes with ratio arms.
    private func criticalRatioVerdict(_ analysis: StabilityGapAnalysis, settings: PairedVerdictSettings,
                                      notes: inout [String]) -> [Verdict] {
        let sized = analysis.models.filter { !$0.criticalRatio.isEmpty }
        guard arms.contains(.ratios) else { return [] }
        guard sized.count >= 2 else {
            notes.append("The critical-ratio trend needs the ratio arms at two or more model sizes; this profile has \(sized.count).")
            return []
        }
        let seeds = sized.map { Set($0.criticalRatio.keys) }.reduce(Set(sized[0].criticalRatio.keys)) { $0.intersection($1) }
        var slopeSettings = settings
        slopeSettings.unit = "per unit ln N"
        var slopes: [Int: Double] = [:]
        for seed in seeds {
            let x = sized.map { log(Double($0.parameters)) }, y = sized.map { $0.criticalRatio[seed]! }
            let meanX = x.reduce(0, +) / Double(x.count), meanY = y.reduce(0, +) / Double(y.count)
            let sxx = x.map { ($0 - meanX) * ($0 - meanX) }.reduce(0, +)
            slopes[seed] = zip(x, y).map { ($0 - meanX) * ($1 - meanY) }.reduce(0, +) / sxx
        }
        guard let differences = try? PairedDifferences(differencesBySeed: slopes),
              let verdict = try? PairedClaim("Gu et al.: the critical mixture ratio (largest domain share whose general-loss rise stays ≤ \(SpecFormat.number(epsilonBitsPerByte)) bpb) grows with model size: slope of R_c against ln N > 0",
                                             rule: .exceeds(threshold: 0, contradictedBelow: .zero),
                                             perSeedValue: "this seed's slope of R_c against ln N").verdict(differences, settings: slopeSettings) else {
            return []
        }
        return [verdict]
    }
}

extension StabilityGapSettings: StudyKindDefinition {
    typealias Role = StabilityGapRole
}
