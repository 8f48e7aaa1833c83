// The peak learning rate each size trains at, picked from the finished runs of the learning-rate
// sweep: a pure function of the stored results, so a re-run plans the same runs and trains nothing.
import Foundation

/// The picked peak learning rate of each spec model, and an interpolation for the shapes between.
struct LearningRatePicks: Sendable {
    /// One sweep result: a run's multiplier, learning rate and final loss (infinite if it diverged).
    struct Trial: Sendable, Equatable {
        var multiplier: Double
        var learningRate: Double
        var finalLossNats: Double
    }

    /// Per spec model in increasing N: its parameters, its trials and the picked learning rate.
    let models: [(model: String, parameters: Double, trials: [Trial], learningRate: Double)]

    /// The picks, or nil while a sweep run has not finished. Each model takes the multiplier with
    /// the lowest final loss, the smaller one on a tie; a model whose every sweep run diverged
    /// keeps the smallest multiplier.
    init?(spec: StudySpec, sweep: [PlannedRun], finished: FinishedRuns) {
        var byModel: [String: [Trial]] = [:]
        for run in sweep {
            guard finished.isFinished(run.hash), let role = try? run.role.decode(ScalingLawRole.self),
                  let multiplier = role.sweepMultiplier else { return nil }
            byModel[role.model, default: []].append(Trial(
                multiplier: multiplier, learningRate: run.config.optimizer.learningRate,
                finalLossNats: finished.finalLossNats[run.hash] ?? .infinity))
        }
        let compute = ScalingCompute(context: spec.training.contextLength)
        models = spec.models.compactMap { model in
            guard let trials = byModel[model.name]?.sorted(by: { $0.multiplier < $1.multiplier }),
                  let best = trials.min(by: { $0.finalLossNats < $1.finalLossNats }) else { return nil }
            return (model.name, Double(compute.parameters(model)), trials, best.learningRate)
        }.sorted { $0.parameters < $1.parameters }
        guard !models.isEmpty else { return nil }
    }

    /// The learning rate of a model with `parameters` N: a spec model's pick, linear in
    /// (ln N, ln learning rate) between the two nearest spec models, the end pick beyond them.
    func learningRate(parameters: Double) -> Double {
        guard let first = models.first, let last = models.last else { return 0 }
        if let model = models.first(where: { $0.parameters == parameters }) { return model.learningRate }
        if parameters <= first.parameters { return first.learningRate }
        if parameters >= last.parameters { return last.learningRate }
        let upper = models.firstIndex { $0.parameters >= parameters } ?? models.count - 1
        let left = models[upper - 1], right = models[upper]
        let position = log(parameters / left.parameters) / log(right.parameters / left.parameters)
        return exp(log(left.learningRate) + position * log(right.learningRate / left.learningRate))
    }
}
