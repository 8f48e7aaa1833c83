// Expands a `scaling-law` spec into runs (STUDIES.md §1): a cosine run per model × token budget,
// a constant-LR WSD trunk per model with a cooldown branch at each budget, and IsoFLOP runs whose
// sizes `IsoFLOPPlanner` places around the pilot optimum of each budget. With a learning-rate
// sweep the plan has two stages: the sweep runs first, then every other run at the peak learning
// rate the finished sweep picked for its size (`LearningRatePicks`).
import Foundation
import TinyGPT

extension ScalingLawSettings {
    /// A byte budget above any corpus TinyScale reads: a component with it is its whole source,
    /// and a mixture of such components draws from each in proportion to its size.
    static let wholeSourceBudget = 1 << 30

    /// The training data of every run: the pool's sources whole, each read at most
    /// `maximumEpochs` times (a run that needs more is refused before it trains).
    var dataPlan: DataPlan {
        DataPlan(components: corpora.map { .init(source: $0, byteBudget: Self.wholeSourceBudget, epochs: maximumEpochs) },
                 validationFraction: validationFraction, repeatsWhenExhausted: false)
    }

    /// Every run of the study as far as it can be planned without results: with a sweep, the sweep.
    public func plan(_ spec: StudySpec) -> [PlannedRun] {
        plan(spec, finished: .none)
    }

    /// Every run of the study, trunks before their branches. With a learning-rate sweep, only the
    /// sweep until all its runs have finished in `finished`; then the sweep and every other run at
    /// its size's picked learning rate.
    func plan(_ spec: StudySpec, finished: FinishedRuns) -> [PlannedRun] {
        guard learningRateSweep != nil else { return mainRuns(spec) { _ in spec } }
        let sweep = learningRateSweepRuns(spec)
        guard let picks = LearningRatePicks(spec: spec, sweep: sweep, finished: finished) else { return sweep }
        let compute = ScalingCompute(context: spec.training.contextLength)
        return sweep + mainRuns(spec) { shape in
            var tuned = spec
            tuned.training.optimizer.learningRate = picks.learningRate(parameters: Double(compute.parameters(shape)))
            return tuned
        }
    }

    /// Until the sweep has finished in `finished`, every other run at the spec's own learning
    /// rate: what the runs read and how long they train do not depend on the rate the sweep will
    /// pick, so validation checks their data and `tinyscale plan` estimates their time.
    func provisionalLaterRuns(_ spec: StudySpec, finished: FinishedRuns) -> [PlannedRun] {
        guard learningRateSweep != nil,
              LearningRatePicks(spec: spec, sweep: learningRateSweepRuns(spec), finished: finished) == nil else { return [] }
        return mainRuns(spec) { _ in spec }
    }

    /// The sweep: each spec model at each multiple of the spec's peak learning rate, with the
    /// first seed and a cosine schedule over the sweep's tokens.
    func learningRateSweepRuns(_ spec: StudySpec) -> [PlannedRun] {
        guard let learningRateSweep else { return [] }
        return spec.models.flatMap { model in
            learningRateSweep.multipliers.map { multiplier in
                var tuned = spec
                tuned.training.optimizer.learningRate = spec.training.optimizer.learningRate * multiplier
                return cosineRun(tuned, model: model, tokens: learningRateSweep.tokens, seed: spec.seeds.first ?? 0,
                                 method: .learningRateSweep, sweepMultiplier: multiplier)
            }
        }
    }

    /// The grid and the IsoFLOP runs, each trained with the settings of `tuned(shape)`.
    private func mainRuns(_ spec: StudySpec, tuned: (ModelShape) -> StudySpec) -> [PlannedRun] {
        var runs: [PlannedRun] = []
        let compute = ScalingCompute(context: spec.training.contextLength)
        for seed in spec.seeds {
            for model in spec.models {
                let budgets = tokenBudgets(parameters: compute.parameters(model))
                let modelSpec = tuned(model)
                if method != .wsd {
                    runs += budgets.map { cosineRun(modelSpec, model: model, tokens: $0, seed: seed, method: .cosine) }
                }
                if method != .cosine {
                    runs += wsdRuns(modelSpec, model: model, budgets: budgets, seed: seed)
                }
            }
        }
        for seed in isoFLOPSeeds ?? spec.seeds {
            for budget in isoFLOPBudgets {
                runs += isoFLOPShapes(spec, budget: budget).map { model in
                    cosineRun(tuned(model), model: model, tokens: Int(compute.tokens(model, compute: budget)), seed: seed,
                              method: .isoFLOP, budget: budget)
                }
            }
        }
        return runs
    }

    /// The planner of the spec's IsoFLOP sizes.
    func isoFLOPPlanner(_ spec: StudySpec) -> IsoFLOPPlanner {
        IsoFLOPPlanner(models: spec.models, compute: ScalingCompute(context: spec.training.contextLength),
                       count: isoFLOPSizeCount, ratio: isoFLOPSizeRatio)
    }

    /// The centre of `budget`'s sizes: the pilot optimum, or the geometric middle of the model range.
    func isoFLOPCentre(_ spec: StudySpec, budget: Double) -> Double {
        if let isoFLOPPilot { return isoFLOPPilot.optimalParameters(compute: budget) }
        let range = isoFLOPPlanner(spec).parameterRange
        return (range.lowerBound * range.upperBound).squareRoot()
    }

    /// The shapes trained at `budget`: around its centre, each with at least one step and no more
    /// tokens than the largest token budget its size trains.
    func isoFLOPShapes(_ spec: StudySpec, budget: Double) -> [ModelShape] {
        let compute = ScalingCompute(context: spec.training.contextLength)
        return isoFLOPPlanner(spec).shapes(around: isoFLOPCentre(spec, budget: budget)) { shape in
            let tokens = compute.tokens(shape, compute: budget)
            let limit = tokenBudgets(parameters: compute.parameters(shape)).last ?? 0
            return tokens >= Double(spec.bytesPerStep) && tokens <= Double(limit)
        }
    }

    /// The role every run of `model` starts from.
    private func role(_ spec: StudySpec, model: ModelShape, seed: Int) -> ScalingLawRole {
        let config = spec.modelConfig(model)
        return ScalingLawRole(model: model.name, parameters: config.parameterCount,
                              nonEmbeddingParameters: config.nonEmbeddingParameterCount, tokens: 0,
                              seed: seed, method: .cosine)
    }

    /// A run with a cosine schedule matched to its own length.
    private func cosineRun(_ spec: StudySpec, model: ModelShape, tokens: Int, seed: Int, method: ScalingLawRole.Method,
                           budget: Double? = nil, sweepMultiplier: Double? = nil) -> PlannedRun {
        let steps = spec.steps(forTokens: tokens)
        let trained = steps * spec.bytesPerStep
        var role = role(spec, model: model, seed: seed)
        role.tokens = trained
        role.method = method
        role.compute = budget
        role.sweepMultiplier = sweepMultiplier
        let what: String
        if let budget {
            what = "C=\(Quantity.flops(budget)) · \(Quantity.bytes(trained)) tokens"
        } else if let sweepMultiplier {
            what = "LR sweep ×\(SpecFormat.number(sweepMultiplier)) · \(Quantity.bytes(trained)) tokens"
        } else {
            what = "\(Quantity.bytes(trained)) tokens · cosine"
        }
        return PlannedRun(
            config: spec.runConfig(model: model, steps: steps, schedule: spec.schedule(kind: .cosine, steps: steps),
                                   data: dataPlan, seed: seed, evaluationSteps: spec.evaluationSteps(totalSteps: steps)),
            label: "\(model.name) · \(what) · seed \(seed)", role: role)
    }

    /// One constant-LR trunk and a cooldown branch per budget: the branch for D leaves the trunk
    /// at D·(1 − cooldown) and decays to the final ratio by D.
    private func wsdRuns(_ spec: StudySpec, model: ModelShape, budgets: [Int], seed: Int) -> [PlannedRun] {
        let base = role(spec, model: model, seed: seed)
        let branches = budgets.map { tokens -> (steps: Int, start: Int) in
            let steps = spec.steps(forTokens: tokens)
            let cooldown = max(1, Int((cooldownFraction * Double(steps)).rounded()))
            return (steps, max(0, steps - cooldown))
        }
        let trunkSteps = max(1, branches.map(\.start).max() ?? 1)
        // One warm-up for the trunk and every branch: that of the shortest budget's own run, so it
        // ends before the first branch leaves the trunk (a warm-up scaled to the trunk would outlast
        // the short branches).
        var constant = spec.schedule(kind: .wsd, steps: trunkSteps, finalRatio: 1, decayStartStep: trunkSteps)
        if let shortest = branches.map(\.steps).min() {
            constant.warmupSteps = min(constant.warmupSteps, spec.schedule(kind: .wsd, steps: shortest).warmupSteps)
        }
        let trunk = spec.runConfig(model: model, steps: trunkSteps, schedule: constant, data: dataPlan, seed: seed,
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
            let config = spec.runConfig(model: model, steps: branch.steps, schedule: schedule, data: dataPlan, seed: seed,
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
