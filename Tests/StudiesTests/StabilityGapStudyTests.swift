// The stability-gap study: gap depth, recovery and the critical ratio on hand-made numbers, the plan
// (one cached base per size and seed, one factor at a time, no duplicate of the reference arm), and
// a tiny study end to end on synthetic languages: a continual run starts from its base's weights
// with fresh optimizer state, so its loss before the first update is the base's final loss.
import Foundation
import Testing
import TinyGPT
@testable import Studies

private func point(_ step: Int, _ bitsPerByte: Double, _ set: String = "general") -> MetricPoint {
    MetricPoint(step: step, tokens: step * 16, split: set, lossNats: bitsPerByte * log(2))
}

@Test func gapDepthAndRecoveryFollowTheCurve() throws {
    // Switch at 3.0; rises to 3.4 at step 20, back to 2.95 at step 60; run of 100 steps.
    let curve = [point(0, 3.0), point(10, 3.2), point(20, 3.4), point(40, 3.1), point(60, 2.95), point(100, 2.8)]
    let measure = try #require(GapMeasure(curve, steps: 100, window: 0.3))
    #expect(abs(measure.depth - 0.4) < 1e-12)
    #expect(measure.recovery == 0.6)
    #expect(abs(measure.final - 2.8) < 1e-12)
    #expect(abs(measure.atSwitch - 3.0) < 1e-12)
    // The window: a peak after 30 % of the run does not count.
    let late = [point(0, 3.0), point(20, 3.05), point(50, 3.5), point(100, 3.2)]
    let lateMeasure = try #require(GapMeasure(late, steps: 100, window: 0.3))
    #expect(abs(lateMeasure.depth - 0.05) < 1e-12)
    #expect(lateMeasure.recovery == nil)
    // A loss that only falls has no gap and no recovery step.
    let falling = try #require(GapMeasure([point(0, 3.0), point(10, 2.9), point(100, 2.5)], steps: 100, window: 0.3))
    #expect(falling.depth == 0)
    #expect(falling.recovery == nil)
    // Without the step-0 measurement there is no reference point.
    #expect(GapMeasure([point(10, 2.9), point(100, 2.5)], steps: 100, window: 0.3) == nil)
}

@Test func criticalRatioInterpolatesWhereTheRiseCrossesEpsilon() {
    // Rises 0.01, 0.015, 0.03, 0.06 at R = 0.25, 0.5, 0.75, 1; ε = 0.02 is crossed between 0.5 and
    // 0.75: 0.5 + (0.02 − 0.015) / (0.03 − 0.015) · 0.25 = 0.5833…
    let points: [(ratio: Double, rise: Double)] = [(0.25, 0.01), (0.5, 0.015), (0.75, 0.03), (1, 0.06)]
    #expect(abs(StabilityGapSettings.criticalRatio(points, epsilon: 0.02) - (0.5 + 0.25 / 3)) < 1e-12)
    #expect(StabilityGapSettings.criticalRatio(points, epsilon: 0.1) == 1)
    #expect(StabilityGapSettings.criticalRatio(points, epsilon: 0.005) == 0.25)
}

@Test func denseEvaluationStartsBeforeTheFirstUpdate() {
    let evaluation = DenseEvaluationSettings(denseUntil: 0.1, denseEvery: 0.02, sparseEvery: 0.3)
    // 0, every 2 % to 10 %, then 40 %, 70 %, 100 %.
    #expect(evaluation.steps(totalSteps: 100) == [0, 2, 4, 6, 8, 10, 40, 70, 100])
}

private let syntheticStudy = """
    kind: stability-gap
    name: synthetic-gap
    seeds: [0, 1, 2]
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
      - {name: b, layers: 1, width: 24, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}
    data:
      general: "synthetic:alpha"
      domain: "synthetic:beta"
      task: "synthetic:gamma"
      quality_reference: "synthetic:gamma"
      validation_fraction: 0.1
    protocol:
      pretrain_tokens: 6_400
      continual_tokens: 3_200
      arms: [peak, no-rewarm, high-quality, replay, ratios]
      arm_models: [a]
      peak_multipliers: [2]
      mixture_ratios: [0.5]
      evaluation: {dense_until: 0.1, dense_every: 0.05, sparse_every: 0.3}
    fit: {bootstrap: 50}
    """

@Test func planTrainsOneBasePerSizeAndSeedAndVariesOneFactorAtATime() throws {
    let spec = try SpecLoader.parse(yaml: syntheticStudy, file: "gap.yaml")
    guard case .stabilityGap(let settings) = spec.settings else { throw CancellationError() }
    let plan = settings.plan(spec)
    let roles = try plan.map { try $0.role.decode(StabilityGapRole.self) }
    // Model a: base, R0, peak ×2, no re-warm, II, III, ratio 0.5; model b: base, R0, ratio 0.5.
    #expect(plan.count == 3 * (7 + 3))
    #expect(Set(plan.map(\.hash)).count == plan.count)
    #expect(roles.filter { $0.phase == .base }.count == 6)
    for (run, role) in zip(plan, roles) where role.phase == .continual {
        let base = try #require(zip(plan, roles).first { $0.1.phase == .base && $0.1.model == role.model && $0.1.seed == role.seed }?.0)
        #expect(run.config.parent == RunParent(hash: base.hash, step: base.config.steps, keepsOptimizerState: false))
        #expect(base.config.retainedCheckpointSteps == [base.config.steps])
        #expect(run.config.evaluationSteps.first == 0)
    }
    // Only the arm models train the non-ratio arms.
    #expect(!roles.contains { $0.model == "b" && $0.family == .peak })
}

@Test func stabilityGapStudyRunsEndToEndFromItsCachedBases() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-gap-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: syntheticStudy, file: "gap.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    let result = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 30)

    // The loss before a continual run's first update is its base's final loss, bit for bit: the
    // run starts from the base's weights.
    let runs = try store.runs(study: spec.name)
    for run in runs {
        let role = try run.role.decode(StabilityGapRole.self)
        guard role.phase == .continual, let parent = run.config.parent else { continue }
        for set in ["general", "domain", "task"] {
            let atSwitch = try #require(try store.metrics(for: run.hash).first { $0.split == set && $0.step == 0 })
            let baseFinal = try #require(try store.metrics(for: parent.hash).first { $0.split == set && $0.step == parent.step })
            #expect(atSwitch.lossNats == baseFinal.lossNats, "\(run.label) \(set)")
        }
    }

    let archived = try pipeline.reporter(store: store, build: BuildInfo(version: "test", gitCommit: nil, machine: "test", threads: 1))
        .report(spec)
    let claims = archived.summary.verdicts.map(\.claim)
    #expect(claims.contains { $0.hasPrefix("a: Stability gap") })
    #expect(claims.contains { $0.contains("critical mixture ratio") })
    #expect(claims.contains { $0.contains("II: high-quality subset") })
    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    for heading in ["Finding and protocol", "Verdicts", "Results", "Critical mixture ratio", "Runs"] {
        #expect(html.contains(heading), "missing section \(heading)")
    }
    #expect(!html.contains("CMR laws") || html.contains("<msub><mi>L</mi><mi>Δgen</mi></msub>"), "the CMR laws are MathML")
    #expect(!html.contains("<span class=\"math\">"), "every formula is in the typesetter's subset")

    let rerun = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                   cancellation: CancellationFlag()) { _ in }
    #expect(rerun.trained == 0)
}

@Test func aContinualRunStartsWithFreshOptimizerState() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-gap-fresh-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: syntheticStudy.replacingOccurrences(of: "seeds: [0, 1, 2]", with: "seeds: [0]"), file: "gap.yaml")
    guard case .stabilityGap(let settings) = spec.settings else { throw CancellationError() }
    let plan = settings.plan(spec)
    let base = plan[0], continual = plan[1]
    let store = try RunStore()
    let runner = Runner(store: store, executor: TrainingExecutor(data: DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path)),
                        checkpointRoot: folder, jobs: 1, threadsPerJob: 1)
    #expect(try runner.run([base], study: "fresh", cancellation: CancellationFlag()) { _ in }.trained == 1)
    // Stop the continual run after its first step and read its resume state.
    let cancellation = CancellationFlag()
    _ = try runner.run([continual], study: "fresh", cancellation: cancellation) { event in
        if case .progress = event { cancellation.cancel() }
    }
    let latest = try CheckpointFolder.load(from: folder.appendingPathComponent("\(continual.hash)/\(TrainingExecutor.latestFolder)"))
    let state = try #require(latest.trainingState)
    #expect(state.step == 1)
    #expect(state.optimizerStepCount == 1)
    let parent = try CheckpointFolder.load(from: folder.appendingPathComponent("\(base.hash)/\(TrainingExecutor.stepFolder(base.config.steps))"))
    let parentState = try #require(parent.trainingState)
    #expect(parentState.optimizerStepCount == base.config.steps)
    // One update from the parent with fresh moments: |m| = (1 − β1)·|g| is far below the parent's.
    let freshMoments = state.firstMoments.map(abs).reduce(0, +)
    #expect(freshMoments > 0)
    #expect(state.secondMoments.reduce(0, +) < parentState.secondMoments.reduce(0, +))
}

@Test func addingASeedPlansOnlyThatSeedsRuns() throws {
    let one = try SpecLoader.parse(yaml: syntheticStudy.replacingOccurrences(of: "seeds: [0, 1, 2]", with: "seeds: [0, 1]"), file: "gap.yaml")
    let two = try SpecLoader.parse(yaml: syntheticStudy, file: "gap.yaml")
    guard case .stabilityGap(let settings) = one.settings else { throw CancellationError() }
    let before = Set(settings.plan(one).map(\.hash))
    let after = settings.plan(two)
    let added = after.filter { !before.contains($0.hash) }
    #expect(before.isSubset(of: Set(after.map(\.hash))))
    #expect(try added.allSatisfy { try $0.role.decode(StabilityGapRole.self).seed == 2 })
    #expect(added.count == after.count / 3)
}
