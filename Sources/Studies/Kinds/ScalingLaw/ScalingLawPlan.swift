// Expands a `scaling-law` spec into runs (STUDIES.md §1): a cosine run per model × token budget,
// a constant-LR WSD trunk per model with a cooldown branch at each budget, and IsoFLOP runs.
import TinyGPT

extension ScalingLawSettings {
    /// Every run of the study, trunks before their branches.
    public func plan(_ spec: StudySpec) -> [PlannedRun] {
        var runs: [PlannedRun] = []
        // A budget beyond the corpus reads it again from its start (more than one epoch).
        let data = DataPlan(components: [.init(source: corpus)], validationFraction: validationFraction,
                            repeatsWhenExhausted: true)
        for seed in spec.seeds {
            for model in spec.models {
                let config = spec.modelConfig(model)
                let base = ScalingLawRole(model: model.name, parameters: config.parameterCount,
                                          nonEmbeddingParameters: config.nonEmbeddingParameterCount, tokens: 0,
                                          seed: seed, method: .cosine)
                /// A run with a cosine schedule matched to its own length.
                func cosineRun(tokens: Int, prefix: String = "", suffix: String = "", method: ScalingLawRole.Method,
                               compute: Double? = nil) -> PlannedRun {
                    let steps = spec.steps(forTokens: tokens)
                    let trained = steps * spec.bytesPerStep
                    var role = base
                    role.tokens = trained
                    role.method = method
                    role.compute = compute
                    return PlannedRun(
                        config: spec.runConfig(model: model, steps: steps, schedule: spec.schedule(kind: .cosine, steps: steps),
                                               data: data, seed: seed, evaluationSteps: spec.evaluationSteps(totalSteps: steps)),
                        label: "\(model.name) · \(prefix)\(Quantity.bytes(trained)) tokens\(suffix) · seed \(seed)",
                        role: role)
                }
                if method != .wsd {
                    runs += tokenBudgets.map { cosineRun(tokens: $0, suffix: " · cosine", method: .cosine) }
                }
                if method != .cosine {
                    runs += wsdRuns(spec, model: model, seed: seed, data: data, base: base)
                }
                for compute in isoFLOPBudgets {
                    let tokens = Int(compute / (6 * Double(config.parameterCount)))
                    guard tokens >= spec.bytesPerStep, tokens <= isoFLOPTokenLimit else { continue }
                    runs.append(cosineRun(tokens: tokens, prefix: "C=\(Quantity.flops(compute)) · ", method: .isoFLOP,
                                          compute: compute))
                }
            }
        }
        return runs
    }

    /// The most tokens an IsoFLOP run may take: twice the largest token budget, so a small model
    /// at a large budget does not spend many epochs on the corpus (its optimum lies elsewhere).
    var isoFLOPTokenLimit: Int {
        2 * (tokenBudgets.max() ?? 0)
    }

    /// One constant-LR trunk and a cooldown branch per budget: the branch for D leaves the trunk
    /// at D·(1 − cooldown) and decays to the final ratio by D.
    private func wsdRuns(_ spec: StudySpec, model: ModelShape, seed: Int, data: DataPlan,
                         base: ScalingLawRole) -> [PlannedRun] {
        let branches = tokenBudgets.map { tokens -> (steps: Int, start: Int) in
            let steps = spec.steps(forTokens: tokens)
            let cooldown = max(1, Int((cooldownFraction * Double(steps)).rounded()))
            return (steps, max(0, steps - cooldown))
        }
        let trunkSteps = max(1, branches.map(\.start).max() ?? 1)
        let constant = spec.schedule(kind: .wsd, steps: trunkSteps, finalRatio: 1, decayStartStep: trunkSteps)
        let trunk = spec.runConfig(model: model, steps: trunkSteps, schedule: constant, data: data, seed: seed,
                                   evaluationSteps: spec.evaluationSteps(totalSteps: trunkSteps),
                                   retainedCheckpointSteps: Array(Set(branches.map(\.start).filter { $0 > 0 })).sorted())
        var trunkRole = base
        trunkRole.method = .wsdTrunk
        trunkRole.tokens = trunkSteps * spec.bytesPerStep
        var runs = [PlannedRun(config: trunk, label: "\(model.name) · WSD trunk · seed \(seed)", role: trunkRole)]
        for branch in branches {
            var schedule = spec.schedule(kind: .wsd, steps: branch.steps, decayStartStep: branch.start)
            schedule.warmupSteps = constant.warmupSteps
            let parent = branch.start > 0 ? RunParent(hash: trunk.hash, step: branch.start, keepsOptimizerState: true) : nil
            let config = spec.runConfig(model: model, steps: branch.steps, schedule: schedule, data: data, seed: seed,
                                        evaluationSteps: spec.evaluationSteps(totalSteps: branch.steps, from: branch.start),
                                        parent: parent)
            var role = base
            role.method = .wsdBranch
            role.tokens = branch.steps * spec.bytesPerStep
            runs.append(PlannedRun(
                config: config,
                label: "\(model.name) · \(Quantity.bytes(branch.steps * spec.bytesPerStep)) tokens · WSD branch · seed \(seed)",
                role: role))
        }
        return runs
    }
}
