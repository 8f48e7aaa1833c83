// Turns a curriculum study's runs into paired statistics and verdicts (STUDIES.md, tiny-scale
// "Curriculum"): per model, every arm's per-seed final losses on the high-quality and clean sets
// (raw, EMA and SMA), the uniform − ascending gap per schedule arm paired by seed, claims (i)–(iv),
// and the protocol's sanity checks (quality score tracks corruption; descending is worst).
import Foundation
import LawFit
import Reporting

/// One arm of one model: per-seed final losses in bits per byte on the high-quality set.
struct CurriculumArmResult: Sendable {
    var arm: CurriculumArm
    /// The raw model at the last step, by seed.
    var final: [Int: Double]
    /// EMA and SMA of the last checkpoints, by seed.
    var ema: [Int: Double]
    var sma: [Int: Double]
    /// The raw model on the clean held-out set, by seed.
    var clean: [Int: Double]
    /// High-quality loss during training, mean over the seeds measured at each step: (tokens, bpb).
    var curve: [(tokens: Double, bitsPerByte: Double)]
    /// The arm's learning rate: (tokens, rate).
    var learningRate: [(tokens: Double, rate: Double)]

}

/// The uniform − ascending gap of one schedule arm, paired by seed.
struct CurriculumGap: Sendable {
    var schedule: ScheduleKind
    var finalRatio: Double
    var differences: PairedDifferences
    var interval: ConfidenceInterval?

    var label: String { CurriculumArm(order: .uniform, schedule: schedule, finalRatio: finalRatio).scheduleLabel }
}

/// Verdict (iv): which final ratio is best for each order, and how sure the bootstrap over seeds is.
struct BestRatioResult: Sendable {
    var uniform: Double
    var ascending: Double
    /// Share of seed resamples in which ascending's best ratio ≥ uniform's.
    var probability: Double
    var resamples: Int
    var seeds: Int
}

/// A check of the protocol itself; a failed one makes every verdict inconclusive.
struct SanityCheck: Sendable {
    var name: String
    var passed: Bool
    var detail: String
}

struct CurriculumModelAnalysis: Sendable {
    var model: String
    var arms: [CurriculumArmResult]
    var gaps: [CurriculumGap]
    var bestRatio: BestRatioResult?

    func arm(_ order: DataOrder, _ schedule: ScheduleKind, _ ratio: Double) -> CurriculumArmResult? {
        arms.first { $0.arm == CurriculumArm(order: order, schedule: schedule, finalRatio: ratio) }
    }
}

struct CurriculumAnalysis: StudyAnalysis {
    var models: [CurriculumModelAnalysis] = []
    var sanity: [SanityCheck] = []
    var verdicts: [Verdict] = []
    var notes: [String] = []
    /// The WSD ratio standing for "decayed to ~0" in claims (ii) and (iii): the smallest planned.
    var decayedRatio: Double?
    var completeRuns = 0
    var plannedRuns = 0

    var fits: [NamedFit] { [] }
}

extension CurriculumSettings {
    func analyse(_ spec: StudySpec, runs: [StudyRun<CurriculumRole>], context: AnalysisContext) -> CurriculumAnalysis {
        var analysis = CurriculumAnalysis()
        analysis.plannedRuns = runs.count
        analysis.completeRuns = runs.filter(\.isComplete).count
        analysis.decayedRatio = schedules.contains(.wsd) ? finalRatios.min() : nil
        analysis.sanity = [qualitySanity(runs, context: context)]
        for model in spec.models {
            let modelRuns = runs.filter { $0.role.model == model.name && $0.isComplete }
            analysis.models.append(modelAnalysis(model.name, runs: modelRuns, spec: spec))
        }
        if descendingControl {
            analysis.sanity.append(contentsOf: analysis.models.map { descendingSanity($0, prefix: spec.models.count > 1) })
        }
        let failed = analysis.sanity.filter { !$0.passed }.map(\.name)
        for model in analysis.models {
            analysis.verdicts += verdicts(model, spec: spec, decayedRatio: analysis.decayedRatio, failedChecks: failed,
                                          prefix: spec.models.count > 1 ? "\(model.model): " : "", notes: &analysis.notes)
        }
        if analysis.completeRuns < analysis.plannedRuns {
            analysis.notes.append("\(analysis.plannedRuns - analysis.completeRuns) of \(analysis.plannedRuns) runs are not complete; the statistics use the seeds every compared arm completed.")
        }
        return analysis
    }

    private func modelAnalysis(_ model: String, runs: [StudyRun<CurriculumRole>], spec: StudySpec) -> CurriculumModelAnalysis {
        var results: [CurriculumArmResult] = []
        for arm in arms {
            let armRuns = runs.filter { $0.role.arm == arm }
            var result = CurriculumArmResult(arm: arm, final: [:], ema: [:], sma: [:], clean: [:], curve: [], learningRate: [])
            for run in armRuns {
                result.final[run.role.seed] = run.finalBitsPerByte(Self.highQualitySet)
                result.ema[run.role.seed] = run.finalBitsPerByte(AveragingPlan.emaSeries(Self.highQualitySet))
                result.sma[run.role.seed] = run.finalBitsPerByte(AveragingPlan.smaSeries(Self.highQualitySet))
                result.clean[run.role.seed] = run.finalBitsPerByte(Self.cleanSet)
            }
            var byStep: [Int: (tokens: Double, sum: Double, count: Int)] = [:]
            for run in armRuns {
                for point in run.curve(Self.highQualitySet) {
                    let entry = byStep[point.step] ?? (Double(point.tokens), 0, 0)
                    byStep[point.step] = (entry.tokens, entry.sum + point.bitsPerByte, entry.count + 1)
                }
            }
            result.curve = byStep.keys.sorted().map { step in
                let entry = byStep[step]!
                return (entry.tokens, entry.sum / Double(entry.count))
            }
            if let config = armRuns.first?.config {
                let bytesPerStep = Double(config.batchSize * config.contextLength)
                result.learningRate = config.learningRateCurve().map { (Double($0.step + 1) * bytesPerStep, $0.rate) }
            }
            results.append(result)
        }
        var analysis = CurriculumModelAnalysis(model: model, arms: results, gaps: [], bestRatio: nil)
        for uniform in results where uniform.arm.order == .uniform {
            guard let ascending = analysis.arm(.ascending, uniform.arm.schedule, uniform.arm.finalRatio),
                  let differences = try? PairedDifferences(pairing: uniform.final, minus: ascending.final),
                  differences.count > 0 else { continue }
            analysis.gaps.append(CurriculumGap(schedule: uniform.arm.schedule, finalRatio: uniform.arm.finalRatio,
                                               differences: differences,
                                               interval: try? differences.tInterval(level: spec.fit.confidenceLevel)))
        }
        analysis.bestRatio = bestRatio(analysis, spec: spec)
        return analysis
    }

    // MARK: Sanity checks

    /// Spearman's ρ between the quality score (bits per byte under the reference n-gram) and the
    /// corruption level of the training pool's documents.
    private func qualitySanity(_ runs: [StudyRun<CurriculumRole>], context: AnalysisContext) -> SanityCheck {
        let name = "quality score tracks corruption"
        guard let plan = runs.first?.config.data else {
            return SanityCheck(name: name, passed: false, detail: "No runs, so the pool could not be scored.")
        }
        do {
            let pool = try context.data.pool(corpus, plan: plan)
            let scores = try context.data.qualityScores(pool.documents, plan: plan, use: "the quality sanity check")
            guard let rho = spearmanCorrelation(scores.map(\.bitsPerByte), pool.corruptionLevels) else {
                return SanityCheck(name: name, passed: false, detail: "Spearman's ρ is undefined (constant scores or levels).")
            }
            let means = Set(pool.corruptionLevels).sorted().map { level -> String in
                let chosen = zip(scores, pool.corruptionLevels).filter { $0.1 == level }.map(\.0.bitsPerByte)
                return "\(SpecFormat.number(level)): \(String(format: "%.2f", chosen.reduce(0, +) / Double(max(chosen.count, 1)))) bpb"
            }
            return SanityCheck(name: name, passed: rho >= minimumSpearman,
                               detail: "Spearman's ρ between a document's score and its corruption level is \(String(format: "%.3f", rho)) over \(pool.documents.count) pool documents (needs ≥ \(SpecFormat.number(minimumSpearman))). Mean score by level: \(means.joined(separator: ", ")).")
        } catch {
            return SanityCheck(name: name, passed: false, detail: "The pool could not be scored: \(error).")
        }
    }

    /// Descending order should be the worst constant-LR arm (mean over seeds).
    private func descendingSanity(_ model: CurriculumModelAnalysis, prefix: Bool) -> SanityCheck {
        let name = "descending order is the worst constant-LR arm" + (prefix ? " (\(model.model))" : "")
        let constant = model.arms.filter { $0.arm.schedule == .constant }
            .compactMap { arm in SeedSummary(arm.final, level: 0.95).map { (arm.arm.order, $0.mean) } }
        guard let descending = constant.first(where: { $0.0 == .descending }), constant.count >= 2 else {
            return SanityCheck(name: name, passed: false, detail: "The descending arm has no complete runs.")
        }
        let others = constant.filter { $0.0 != .descending }
        let worstOther = others.map(\.1).max() ?? .infinity
        let listing = constant.map { "\($0.0.rawValue) \(String(format: "%.4f", $0.1))" }.joined(separator: ", ")
        return SanityCheck(name: name, passed: descending.1 >= worstOther,
                           detail: "Mean final high-quality loss at constant LR: \(listing) bpb.")
    }

    // MARK: Verdicts

    private func verdicts(_ model: CurriculumModelAnalysis, spec: StudySpec, decayedRatio: Double?, failedChecks: [String],
                          prefix: String, notes: inout [String]) -> [Verdict] {
        let delta = minimumEffectBitsPerByte
        let deltaText = SpecFormat.number(delta)
        let settings = PairedVerdictSettings(level: spec.fit.confidenceLevel,
                                             bootstrapResamples: max(1, spec.fit.bootstrapResamples),
                                             bootstrapSeed: UInt64(spec.fit.bootstrapSeed))
        let rule = PairedClaimRule.exceeds(threshold: delta)
        func judge(_ claim: String, _ differences: PairedDifferences?, missing: String) -> Verdict {
            guard let differences, differences.count > 0 else {
                return Verdict(claim: prefix + claim, outcome: .inconclusive, explanation: missing)
            }
            do {
                return try PairedClaim(prefix + claim, rule: rule).verdict(differences, failedSanityChecks: failedChecks, settings: settings)
            } catch {
                return Verdict(claim: prefix + claim, outcome: .inconclusive, explanation: "The statistics could not be computed: \(error).")
            }
        }
        var verdicts: [Verdict] = []
        let constantGap = model.gaps.first { $0.schedule == .constant }
        verdicts.append(judge("(i) Under a constant learning rate, ascending quality order beats a uniform order: L(uniform) − L(ascending) > \(deltaText) bpb on the high-quality set",
                              constantGap?.differences, missing: "The constant-LR arms of both orders have no complete runs in common."))

        let ratioText = decayedRatio.map(CurriculumArm.ratio) ?? "0"
        let decayedGap = decayedRatio.flatMap { ratio in model.gaps.first { $0.schedule == .wsd && $0.finalRatio == ratio } }
        var shrink: PairedDifferences?
        if let constantGap, let decayedGap {
            shrink = try? PairedDifferences(pairing: constantGap.differences.bySeed, minus: decayedGap.differences.bySeed)
        }
        verdicts.append(judge("(ii) The ascending advantage shrinks when the learning rate decays to r = \(ratioText) (final LR / peak LR): gap(constant) − gap(WSD→\(ratioText)) > \(deltaText) bpb",
                              shrink, missing: "Needs the constant and WSD→\(ratioText) arms of both orders (protocol.schedules must include wsd)."))

        var averaged: PairedDifferences?
        if let ratio = decayedRatio, let wsdUniform = model.arm(.uniform, .wsd, ratio),
           let constantAscending = model.arm(.ascending, .constant, 1), averaging.emaAlpha > 0 {
            averaged = try? PairedDifferences(pairing: wsdUniform.final, minus: constantAscending.ema)
        }
        verdicts.append(judge("(iii) Constant LR with checkpoint averaging (EMA α = \(SpecFormat.number(averaging.emaAlpha))) on ascending data beats WSD→\(ratioText) on uniform data: L(WSD, uniform) − L(constant + EMA, ascending) > \(deltaText) bpb",
                              averaged, missing: "Needs the WSD→\(ratioText) uniform arm and the constant ascending arm with its EMA."))

        let claim = "(iv) The best final learning rate is higher for the ascending curriculum than for uniform order"
        if let best = model.bestRatio {
            let threshold = bestRatioProbability
            var outcome: VerdictOutcome = best.probability >= threshold ? .reproduced
                : (best.probability <= 1 - threshold ? .notReproduced : .inconclusive)
            var explanation = "Over \(best.resamples) bootstrap resamples of the \(best.seeds) seeds, ascending's best final ratio is ≥ uniform's in \(String(format: "%.0f", 100 * best.probability)) % (reproduced at ≥ \(String(format: "%.0f", 100 * threshold)) %, not reproduced at ≤ \(String(format: "%.0f", 100 * (1 - threshold))) %)."
            var blockers: [String] = []
            if best.seeds < 3 {
                blockers.append("Only \(best.seeds) seeds completed every ratio arm, too few for a call.")
            } else if !failedChecks.isEmpty {
                blockers.append("Sanity check failed: \(failedChecks.joined(separator: "; ")), so the comparison is not trusted.")
            }
            if !blockers.isEmpty {
                outcome = .inconclusive
                explanation += " " + blockers.joined(separator: " ")
            }
            let rule = "reproduced if ≥ \(SpecFormat.number(threshold)); not reproduced if ≤ \(SpecFormat.number(1 - threshold))"
            verdicts.append(Verdict(claim: prefix + claim, outcome: outcome, explanation: explanation, evidence: [
                VerdictEvidence(quantity: "best r, uniform", measured: CurriculumArm.ratio(best.uniform), criterion: "lowest mean high-quality loss over r"),
                VerdictEvidence(quantity: "best r, ascending", measured: CurriculumArm.ratio(best.ascending), criterion: "published: moderate decay, r ≈ 1/3"),
                VerdictEvidence(quantity: "P(r_asc ≥ r_uni)", measured: String(format: "%.2f", best.probability), criterion: "≥ \(SpecFormat.number(threshold))"),
            ], statistics: [
                VerdictStatistic(name: "best final-LR ratio, uniform", value: best.uniform),
                VerdictStatistic(name: "best final-LR ratio, ascending", value: best.ascending),
                VerdictStatistic(name: "P(best ratio ascending ≥ best ratio uniform)", value: best.probability,
                                 threshold: StatisticThreshold(lower: threshold, rule: rule + " (share of \(best.resamples) seed resamples)")),
            ], inconclusiveBecause: blockers))
        } else {
            notes.append("Claim (iv) needs at least three final ratios (constant plus two WSD ratios) for both orders; this profile has \(1 + (schedules.contains(.wsd) ? Set(finalRatios).count : 0)), so it was not judged.")
        }
        return verdicts
    }

    /// Verdict (iv): resample seeds (paired across arms), find each order's best ratio by mean loss.
    private func bestRatio(_ model: CurriculumModelAnalysis, spec: StudySpec) -> BestRatioResult? {
        guard schedules.contains(.wsd) else { return nil }
        let ratios = [1.0] + Array(Set(finalRatios)).sorted(by: >)
        guard ratios.count >= 3 else { return nil }
        func arms(_ order: DataOrder) -> [CurriculumArmResult] {
            ratios.compactMap { model.arm(order, $0 == 1 ? .constant : .wsd, $0) }
        }
        let uniform = arms(.uniform)
        let ascending = arms(.ascending)
        guard uniform.count == ratios.count, ascending.count == ratios.count else { return nil }
        let seeds = (uniform + ascending).map { Set($0.final.keys) }.reduce(Set(spec.seeds)) { $0.intersection($1) }.sorted()
        guard !seeds.isEmpty else { return nil }
        func best(_ arms: [CurriculumArmResult], _ sample: [Int]) -> Double {
            let means = arms.map { arm in sample.map { arm.final[$0]! }.reduce(0, +) / Double(sample.count) }
            return ratios[means.indices.min { means[$0] < means[$1] }!]
        }
        let resamples = max(1, spec.fit.bootstrapResamples)
        let generator = SeededRandomNumberGenerator(seed: UInt64(spec.fit.bootstrapSeed))
        var higher = 0
        for _ in 0..<resamples {
            let sample = seeds.indices.map { _ in seeds[generator.uniformInteger(below: seeds.count)] }
            if best(ascending, sample) >= best(uniform, sample) { higher += 1 }
        }
        return BestRatioResult(uniform: best(uniform, seeds), ascending: best(ascending, seeds),
                               probability: Double(higher) / Double(resamples), resamples: resamples, seeds: seeds.count)
    }
}

extension CurriculumSettings: StudyKindDefinition {
    typealias Role = CurriculumRole
}
