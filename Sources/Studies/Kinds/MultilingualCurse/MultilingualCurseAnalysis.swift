// Turns a multilingual-curse study's runs into equivalent-data changes and verdicts (STUDIES.md,
// tiny-scale "Multilingual curse"): per model, Chang et al.'s curve ℓ(x) = −a·x^(−b) + c fitted on
// the monolingual baselines (x = log10 target bytes, ℓ = reference − loss), inverted at each
// multilingual run's loss to give its equivalent monolingual data, per seed; claims judged on the
// per-seed values with t-intervals; a baseline curve that is not monotone makes them inconclusive.
import Corpora
import Foundation
import LawFit
import Reporting

/// One multilingual arm of one model: per-seed final loss, equivalent-data change and the loss
/// change against the monolingual run at its level (raw and early-stopped).
struct CurseArmResult: Sendable {
    var group: MultilingualCurseRole.Group
    var level: String
    var targetBytes: Int
    var addedBytes: Int
    var addedSource: String?
    /// Final target loss, bits per byte, by seed.
    var loss: [Int: Double]
    /// 100·(equivalent bytes / target bytes − 1), by seed (seeds whose ℓ lies outside the curve are left out).
    var changePercent: [Int: Double]
    /// Seeds whose equivalent data lies outside the baselines' target bytes: the curve is read
    /// where no baseline measured it.
    var extrapolatedSeeds: Set<Int> = []
    /// L(monolingual) − L(this), by seed: positive = the added data helped.
    var gain: [Int: Double]
    /// The same against the monolingual run's best evaluation (early stopping).
    var gainEarlyStopped: [Int: Double]

    var label: String {
        let who = addedSource ?? group.rawValue
        return "\(level) + \(Quantity.bytes(addedBytes)) \(who)"
    }
}

struct CurseModelAnalysis: Sendable {
    var model: String
    var parameters: Int
    /// (log10 bytes, ℓ per seed) of every baseline, smallest first.
    var baselinePoints: [(log10Bytes: Double, relative: [Int: Double])]
    var curve: DataEquivalenceCurve?
    var fit: LawFitReport?
    /// Whether the mean ℓ of the baselines grows with their bytes.
    var baselineMonotone: Bool
    var arms: [CurseArmResult]
}

struct MultilingualCurseAnalysis: StudyAnalysis {
    var models: [CurseModelAnalysis] = []
    /// Character-trigram cosine similarity of each added language to the target (training text).
    var similarity: [(source: String, group: String, measured: Double)] = []
    /// Whether every similar language measures more similar than every dissimilar one.
    var similarityConfirmed = true
    var verdicts: [Verdict] = []
    var notes: [String] = []

    var fits: [NamedFit] {
        models.compactMap { model in model.fit.map { NamedFit(name: "data-equivalence-\(model.model)", report: $0) } }
    }
}

extension MultilingualCurseSettings {
    func analyse(_ spec: StudySpec, runs: [StudyRun<MultilingualCurseRole>], context: AnalysisContext) -> MultilingualCurseAnalysis {
        var analysis = MultilingualCurseAnalysis()
        for model in spec.models {
            let complete = runs.filter { $0.role.model == model.name && $0.isComplete }
            analysis.models.append(modelAnalysis(model.name, parameters: spec.modelConfig(model).parameterCount, runs: complete,
                                                 notes: &analysis.notes))
        }
        measureSimilarity(&analysis, context: context)
        analysis.verdicts = verdicts(analysis, spec: spec)
        let incomplete = runs.filter { !$0.isComplete }.count
        if incomplete > 0 {
            analysis.notes.append("\(incomplete) of \(runs.count) runs are not complete; the statistics use the seeds that completed.")
        }
        return analysis
    }

    private func modelAnalysis(_ model: String, parameters: Int, runs: [StudyRun<MultilingualCurseRole>],
                               notes: inout [String]) -> CurseModelAnalysis {
        func finalLoss(_ run: StudyRun<MultilingualCurseRole>) -> Double? { run.finalBitsPerByte(Self.targetSet) }
        /// The monolingual run (a baseline or a level's own) of `bytes` × `epochs`, by seed.
        func monolingual(_ bytes: Int, _ epochs: Int) -> [StudyRun<MultilingualCurseRole>] {
            runs.filter { ($0.role.group == .baseline || $0.role.group == .monolingual) && $0.role.addedBytes == 0
                && $0.role.targetBytes == bytes && $0.role.epochs == epochs }
        }
        var points: [(log10Bytes: Double, relative: [Int: Double])] = []
        for baseline in baselines {
            var relative: [Int: Double] = [:]
            for run in monolingual(baseline.bytes, baseline.epochs) {
                if let loss = finalLoss(run) { relative[run.role.seed] = referenceBitsPerByte - loss }
            }
            if !relative.isEmpty { points.append((log10(Double(baseline.bytes)), relative)) }
        }
        let means = points.map { $0.relative.values.reduce(0, +) / Double($0.relative.count) }
        let monotone = zip(means, means.dropFirst()).allSatisfy { $0 < $1 }
        var analysis = CurseModelAnalysis(model: model, parameters: parameters, baselinePoints: points, curve: nil, fit: nil,
                                          baselineMonotone: monotone, arms: [])
        do {
            let curvePoints = points.flatMap { point in point.relative.values.map { CurvePoint(x: point.log10Bytes, y: $0) } }
            let report = try fitLaw(DataEquivalenceLaw(), to: curvePoints)
            analysis.fit = report
            func value(_ name: String) -> Double { report.parameters.first { $0.name == name }?.estimate ?? .nan }
            analysis.curve = DataEquivalenceCurve(a: value("a"), b: value("b"), c: value("c"))
        } catch {
            notes.append("\(model): the equivalent-data curve could not be fitted: \(error)")
        }
        let groups: Set<MultilingualCurseRole.Group> = [.similar, .dissimilar, .ladder]
        var keys: [(group: MultilingualCurseRole.Group, level: String, bytes: Int, epochs: Int, added: Int, source: String?)] = []
        for run in runs where groups.contains(run.role.group) {
            let key = (run.role.group, run.role.level ?? "", run.role.targetBytes, run.role.epochs, run.role.addedBytes, run.role.addedSource)
            if !keys.contains(where: { $0.group == key.0 && $0.level == key.1 && $0.added == key.4 && $0.source == key.5 }) {
                keys.append(key)
            }
        }
        var outside = 0
        let measuredRange = points.map(\.log10Bytes).min().flatMap { low in points.map(\.log10Bytes).max().map { low...$0 } }
        for key in keys {
            var arm = CurseArmResult(group: key.group, level: key.level, targetBytes: key.bytes, addedBytes: key.added,
                                     addedSource: key.source, loss: [:], changePercent: [:], gain: [:], gainEarlyStopped: [:])
            let mono = monolingual(key.bytes, key.epochs)
            for run in runs where run.role.group == key.group && run.role.level == key.level && run.role.addedBytes == key.added
                && run.role.addedSource == key.source {
                guard let loss = finalLoss(run) else { continue }
                let seed = run.role.seed
                arm.loss[seed] = loss
                if let curve = analysis.curve {
                    if let change = try? curve.equivalentDataChangePercent(relativeLogLikelihood: referenceBitsPerByte - loss,
                                                                           actualLog10Bytes: log10(Double(key.bytes))) {
                        arm.changePercent[seed] = change
                        let equivalentLog10Bytes = change > -100 ? log10(Double(key.bytes)) + log10(1 + change / 100) : -.infinity
                        if let measuredRange, !measuredRange.contains(equivalentLog10Bytes) { arm.extrapolatedSeeds.insert(seed) }
                    } else {
                        outside += 1
                    }
                }
                if let reference = mono.first(where: { $0.role.seed == seed }) {
                    if let monoLoss = finalLoss(reference) { arm.gain[seed] = monoLoss - loss }
                    if let best = reference.curve(Self.targetSet).map(\.bitsPerByte).min() { arm.gainEarlyStopped[seed] = best - loss }
                }
            }
            analysis.arms.append(arm)
        }
        if outside > 0 {
            notes.append("\(model): \(outside) multilingual runs lie beyond the equivalent-data curve's asymptote (ℓ ≥ c), so they have no equivalent-data value; their loss changes are still reported.")
        }
        return analysis
    }

    /// Ranks the added languages by character-trigram similarity to the target, on at most 256 kB
    /// of each one's training split, so the report shows that "similar" is similar by measurement.
    private func measureSimilarity(_ analysis: inout MultilingualCurseAnalysis, context: AnalysisContext) {
        func sample(_ name: String) throws -> Corpus {
            var corpus = try context.data.corpus(name)
            corpus.documents = try context.data.split(name, validationFraction: validationFraction).train
            return corpus
        }
        let groups = similar.map { ($0, "similar") } + dissimilar.map { ($0, "dissimilar") } + ladder.map { ($0, "ladder") }
        do {
            let ranking = try LanguageSimilarity.rank(target: sample(target), candidates: groups.map { try sample($0.0) },
                                                      maximumBytes: 1 << 18)
            let measured = Dictionary(ranking.map { ($0.source, $0.measured) }) { first, _ in first }
            analysis.similarity = groups.map { source, group in
                (source, group, measured[(try? context.data.corpus(source).info.name) ?? source] ?? measured[source] ?? .nan)
            }
            let similarScores = analysis.similarity.filter { $0.group == "similar" }.map(\.measured)
            let dissimilarScores = analysis.similarity.filter { $0.group == "dissimilar" }.map(\.measured)
            analysis.similarityConfirmed = (similarScores.min() ?? .infinity) > (dissimilarScores.max() ?? -.infinity)
        } catch {
            analysis.notes.append("The languages' similarity to the target could not be measured: \(error)")
        }
    }

    // MARK: Verdicts

    private func verdicts(_ analysis: MultilingualCurseAnalysis, spec: StudySpec) -> [Verdict] {
        let percent = PairedVerdictSettings(level: spec.fit.confidenceLevel, bootstrapResamples: max(1, spec.fit.bootstrapResamples),
                                            bootstrapSeed: UInt64(spec.fit.bootstrapSeed), unit: "%", decimals: 1)
        let bits = PairedVerdictSettings(level: spec.fit.confidenceLevel, bootstrapResamples: max(1, spec.fit.bootstrapResamples),
                                         bootstrapSeed: UInt64(spec.fit.bootstrapSeed))
        let moderate = addedBytes.filter { $0 > 0 }.min() ?? 0
        let largest = addedBytes.max() ?? 0
        guard let low = levels.first, let high = levels.last else { return [] }
        var verdicts: [Verdict] = []
        for model in analysis.models {
            let prefix = spec.models.count > 1 ? "\(model.model): " : ""
            var sanity = model.baselineMonotone ? [] : ["the monolingual baseline curve is not monotone in the target bytes"]
            if !analysis.similarityConfirmed {
                sanity.append("the similar languages do not measure more similar to the target than the dissimilar ones")
            }
            func arm(_ group: MultilingualCurseRole.Group, _ level: ResourceLevel, _ added: Int) -> CurseArmResult? {
                model.arms.first { $0.group == group && $0.level == level.name && $0.addedBytes == added }
            }
            func judge(_ claim: String, _ values: [Int: Double]?, threshold: Double, settings: PairedVerdictSettings,
                       completed: Int? = nil, perSeedValue: String = PairedClaim.pairedDifference) {
                guard let values, !values.isEmpty, let differences = try? PairedDifferences(differencesBySeed: values) else {
                    let reason = (completed ?? 0) > 0
                        ? "Its \(completed!) completed runs reach a relative log-likelihood at or beyond the equivalent-data curve's asymptote c, so the curve cannot say how much monolingual data they are worth (more baselines at larger sizes would extend it)."
                        : "The arm has no completed runs."
                    verdicts.append(Verdict(claim: prefix + claim, outcome: .inconclusive, explanation: reason))
                    return
                }
                // Seeds beyond the curve's asymptote did better than any amount of monolingual data
                // the curve knows; judging the others alone would bias the mean against them.
                let beyond = (completed ?? 0) - values.count
                let blockers = beyond > 0
                    ? ["\(beyond) of the \(completed!) completed seeds reach a relative log-likelihood at or beyond the equivalent-data curve's asymptote c, so they have no equivalent-data value, and the other \(values.count) alone would give a biased mean (more baselines at larger sizes would extend the curve)."]
                    : []
                do {
                    verdicts.append(try PairedClaim(prefix + claim, rule: .exceeds(threshold: threshold), perSeedValue: perSeedValue)
                        .verdict(differences, failedSanityChecks: sanity, otherBlockers: blockers, settings: settings))
                } catch {
                    verdicts.append(Verdict(claim: prefix + claim, outcome: .inconclusive, explanation: "The statistics could not be computed: \(error)."))
                }
            }
            let effect = SpecFormat.number(minimumEffectPercent)
            judge("Low-resource gain: \(Quantity.bytes(low.bytes)) of target (× \(low.epochs)) with \(Quantity.bytes(moderate)) of similar data is worth more than \(effect) % more monolingual data",
                  arm(.similar, low, moderate)?.changePercent, threshold: minimumEffectPercent, settings: percent,
                  completed: arm(.similar, low, moderate)?.loss.count,
                  perSeedValue: "this seed's equivalent-data change, in % of the target bytes")
            if let similar = arm(.similar, low, moderate), let dissimilar = arm(.dissimilar, low, moderate),
               let differences = try? PairedDifferences(pairing: dissimilar.loss, minus: similar.loss) {
                judge("Similar languages help more: at the low level, L(dissimilar) − L(similar) > \(SpecFormat.number(minimumEffectBitsPerByte)) bpb",
                      differences.bySeed, threshold: minimumEffectBitsPerByte, settings: bits)
            }
            judge("High-resource curse: \(Quantity.bytes(high.bytes)) of target (× \(high.epochs)) with \(Quantity.bytes(largest)) of added similar data loses more than \(effect) % of its equivalent data",
                  arm(.similar, high, largest)?.changePercent.mapValues { -$0 }, threshold: minimumEffectPercent, settings: percent,
                  completed: arm(.similar, high, largest)?.loss.count,
                  perSeedValue: "this seed's equivalent-data loss, in % of the target bytes")
        }
        if analysis.models.count >= 2, let high = levels.last, let largest = addedBytes.max() {
            let small = analysis.models.min { $0.parameters < $1.parameters }!
            let large = analysis.models.max { $0.parameters < $1.parameters }!
            if let smallArm = small.arms.first(where: { $0.group == .similar && $0.level == high.name && $0.addedBytes == largest }),
               let largeArm = large.arms.first(where: { $0.group == .similar && $0.level == high.name && $0.addedBytes == largest }),
               let differences = try? PairedDifferences(pairing: largeArm.changePercent, minus: smallArm.changePercent),
               let verdict = try? PairedClaim("The curse is worst for the smallest model: at the high level the equivalent-data change of \(large.model) minus that of \(small.model) > 0",
                                              rule: .exceeds(threshold: 0, contradictedBelow: .zero))
                .verdict(differences, failedSanityChecks: [small, large].filter { !$0.baselineMonotone }
                    .map { "the monolingual baseline curve of \($0.model) is not monotone in the target bytes" }, settings: percent) {
                verdicts.append(verdict)
            }
        }
        return verdicts
    }
}

extension MultilingualCurseSettings: StudyKindDefinition {
    typealias Role = MultilingualCurseRole
}
