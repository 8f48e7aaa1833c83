// Expands a `stability-gap` spec into runs (STUDIES.md, tiny-scale "Stability gap"): per model and
// seed one base run on the general corpus (cached, retained at its last step), then continual arms
// that start from it with fresh AdamW state, varying one factor at a time around the reference arm
// R0 — peak LR, no re-warm, warm-up, re-warming on the general data, strategies I–III and their
// combination, a full-budget pass, and domain/general mixture ratios. Continual runs are measured
// before their first update and densely after the switch, on general, domain and task sets.
import Foundation

/// A stability-gap run's place in the study.
struct StabilityGapRole: Codable, Sendable, Hashable {
    enum Phase: String, Codable, Sendable {
        case base
        case continual
    }

    var model: String
    var seed: Int
    var phase: Phase
    /// The arm family varied from R0; nil for the base run and for R0 itself.
    var family: ContinualArmFamily?
    /// The family's setting: peak multiple, warm-up fraction, domain ratio, token multiple.
    var value: Double?
    /// All parameters of the model (N of the critical-ratio trend).
    var parameters: Int

    enum CodingKeys: String, CodingKey {
        case model, seed, phase, family, value, parameters
    }

    var arm: StabilityGapArm { StabilityGapArm(family: family, value: value) }
}

/// One continual arm: a family and its setting (nil, nil = the reference arm R0).
struct StabilityGapArm: Hashable, Sendable, Comparable {
    var family: ContinualArmFamily?
    var value: Double?

    static let reference = StabilityGapArm(family: nil, value: nil)

    var label: String {
        guard let family else { return "R0 (reference)" }
        let number = value.map { SpecFormat.number(($0 * 1000).rounded() / 1000) } ?? ""
        switch family {
        case .peak: return "peak ×\(number)"
        case .noRewarm: return "no re-warm"
        case .warmup: return "warm-up \(value.map { SpecFormat.number(($0 * 1000).rounded() / 10) } ?? "") %"
        case .sameData: return "re-warm on general data"
        case .subset: return "I: subset"
        case .highQuality: return "II: high-quality subset"
        case .replay: return "III: replay"
        case .combined: return "I + II + III"
        case .fullBudget: return "one pass ×\(number) tokens"
        case .ratios: return "domain ratio \(number)"
        }
    }

    static func < (left: StabilityGapArm, right: StabilityGapArm) -> Bool {
        let families = ContinualArmFamily.allCases
        let leftIndex = left.family.flatMap { families.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let rightIndex = right.family.flatMap { families.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        return (leftIndex, left.value ?? 0) < (rightIndex, right.value ?? 0)
    }
}

extension StabilityGapSettings {
    /// Evaluation set names.
    static let generalSet = "general"
    static let domainSet = "domain"
    static let taskSet = "task"

    private var evaluationSets: [DataPlan.EvaluationSet] {
        [.init(name: Self.generalSet, source: general), .init(name: Self.domainSet, source: domain),
         .init(name: Self.taskSet, source: task)]
    }

    /// The continual arms a model trains: every family for the arm models, the ratio arms (with R0
    /// as R = 1) for the others.
    func arms(for model: String) -> [StabilityGapArm] {
        let everyArm = armModels.isEmpty || armModels.contains(model)
        var arms: [StabilityGapArm] = [.reference]
        for family in self.arms where everyArm || family == .ratios {
            switch family {
            case .peak: arms += peakMultipliers.filter { $0 != 1 }.map { StabilityGapArm(family: .peak, value: $0) }
            case .warmup: arms += warmupFractions.filter { $0 != referenceWarmup }.map { StabilityGapArm(family: .warmup, value: $0) }
            case .ratios: arms += mixtureRatios.filter { $0 < 1 }.map { StabilityGapArm(family: .ratios, value: $0) }
            case .fullBudget: arms.append(StabilityGapArm(family: .fullBudget, value: fullBudgetMultiple))
            case .noRewarm, .sameData, .subset, .highQuality, .replay, .combined: arms.append(StabilityGapArm(family: family, value: nil))
            }
        }
        return Array(Set(arms)).sorted()
    }

    /// The base run's data: the general corpus, read again from its start if the budget exceeds it.
    func baseData() -> DataPlan {
        DataPlan(components: [.init(source: general)], validationFraction: validationFraction, dataSeed: dataSeed,
                 repeatsWhenExhausted: true, evaluationSets: evaluationSets)
    }

    /// A continual run's data: `domainBytes` of the domain corpus (its best-quality documents with
    /// `byQuality`) for `epochs` passes, with `replay` of general data mixed in.
    func continualData(domainBytes: Int, byQuality: Bool = false, epochs: Int = 1, replay: Double = 0) -> DataPlan {
        var components = [DataPlan.Component(source: domain, share: 1 - replay, byteBudget: domainBytes,
                                             subsetByQuality: byQuality, epochs: epochs)]
        if replay > 0 { components.append(.init(source: general, share: replay)) }
        return DataPlan(components: components,
                        quality: byQuality ? DataPlan.QualityMetric(ngramOrder: ngramOrder, reference: .corpus(qualityReference)) : nil,
                        validationFraction: validationFraction, dataSeed: dataSeed, repeatsWhenExhausted: false,
                        evaluationSets: evaluationSets)
    }

    public func plan(_ spec: StudySpec) -> [PlannedRun] {
        var runs: [PlannedRun] = []
        let baseSteps = spec.steps(forTokens: pretrainTokens)
        for model in spec.models {
            let parameters = spec.modelConfig(model).parameterCount
            for seed in spec.seeds {
                let base = spec.runConfig(model: model, steps: baseSteps,
                                          schedule: spec.schedule(kind: .cosine, steps: baseSteps, finalRatio: baseFinalRatio),
                                          data: baseData(), seed: seed, evaluationSteps: spec.evaluationSteps(totalSteps: baseSteps),
                                          retainedCheckpointSteps: [baseSteps])
                runs.append(PlannedRun(config: base, label: "\(model.name) · base · seed \(seed)",
                                       role: StabilityGapRole(model: model.name, seed: seed, phase: .base, parameters: parameters)))
                let parent = RunParent(hash: base.hash, step: baseSteps, keepsOptimizerState: false)
                for arm in arms(for: model.name) {
                    let config = continualConfig(arm, spec: spec, model: model, seed: seed, parent: parent)
                    runs.append(PlannedRun(config: config, label: "\(model.name) · \(arm.label) · seed \(seed)",
                                           role: StabilityGapRole(model: model.name, seed: seed, phase: .continual,
                                                                  family: arm.family, value: arm.value, parameters: parameters)))
                }
            }
        }
        return runs
    }

    /// The config of one continual arm: a cosine from the arm's peak to `continual_final_ratio`
    /// after its re-warm-up (or the base's final LR held constant), on the arm's data.
    private func continualConfig(_ arm: StabilityGapArm, spec: StudySpec, model: ModelShape, seed: Int,
                                 parent: RunParent) -> RunConfig {
        let tokens = arm.family == .fullBudget ? Int(Double(continualTokens) * fullBudgetMultiple) : continualTokens
        let steps = spec.steps(forTokens: tokens)
        let trainingBytes = steps * spec.bytesPerStep
        var peak = 1.0
        var warmup = referenceWarmup
        var data = continualData(domainBytes: trainingBytes)
        let subsetBytes = max(spec.bytesPerStep, Int(subsetFraction * Double(trainingBytes)))
        switch arm.family {
        case nil, .noRewarm, .fullBudget: break
        case .peak: peak = arm.value ?? 1
        case .warmup: warmup = arm.value ?? referenceWarmup
        case .sameData:
            data = DataPlan(components: [.init(source: general)], validationFraction: validationFraction, dataSeed: dataSeed,
                            repeatsWhenExhausted: true, evaluationSets: evaluationSets)
        case .subset: data = continualData(domainBytes: subsetBytes, epochs: subsetEpochs)
        case .highQuality: data = continualData(domainBytes: subsetBytes, byQuality: true, epochs: subsetEpochs)
        case .replay: data = continualData(domainBytes: trainingBytes, replay: replayRatio)
        case .combined: data = continualData(domainBytes: subsetBytes, byQuality: true, epochs: subsetEpochs, replay: replayRatio)
        case .ratios: data = continualData(domainBytes: trainingBytes, replay: 1 - (arm.value ?? 1))
        }
        var schedule = spec.schedule(kind: .cosine, steps: steps, finalRatio: continualFinalRatio, peakMultiplier: peak)
        schedule.warmupSteps = warmup > 0 ? max(1, Int((warmup * Double(steps)).rounded())) : 0
        if arm.family == .noRewarm {
            schedule = spec.schedule(kind: .constant, steps: steps, finalRatio: 1, peakMultiplier: baseFinalRatio)
            schedule.warmupSteps = 0
        }
        return spec.runConfig(model: model, steps: steps, schedule: schedule, data: data, seed: seed,
                              evaluationSteps: evaluation.steps(totalSteps: steps), parent: parent)
    }
}
