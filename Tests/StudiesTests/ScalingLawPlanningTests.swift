// The scaling-law design by known answers: compute with its attention term on a model counted by
// hand, IsoFLOP sizes placed around an optimum and never outside the model range, the pool read
// whole with an epoch cap, spec keys refused with their key paths, and a fit at a bound flagged.
import Foundation
import LawFit
import Testing
@testable import Studies

/// The shipped sizes plus the two small ones, at context 64.
private let ladderSpec = """
    kind: scaling-law
    models:
      - {name: xxs, layers: 1, width: 16, heads: 2}
      - {name: xs-, layers: 1, width: 24, heads: 2}
      - {name: xs, layers: 1, width: 32, heads: 2}
      - {name: s, layers: 2, width: 48, heads: 4}
      - {name: m, layers: 2, width: 64, heads: 4}
      - {name: l, layers: 3, width: 96, heads: 4}
      - {name: xl, layers: 4, width: 128, heads: 4}
    training: {batch_size: 16, context: 64}
    data: {corpora: [bible:kjv, bible:web]}
    protocol:
      token_budgets: [1_000_000, 8_000_000, 32_000_000]
      token_limit: {above_parameters: 150_000, tokens: 8_000_000}
      isoflop_budgets: [1e11, 1e12]
      isoflop_pilot: {compute: 1e11, parameters: 30_000, exponent: 0.5}
      isoflop_sizes: 5
      method: wsd
    """

private func settings(_ spec: StudySpec) throws -> ScalingLawSettings {
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    return settings
}

/// The messages `yaml` produces, one line each.
private func problems(_ yaml: String) -> [String] {
    do {
        _ = try SpecLoader.parse(yaml: yaml, file: "spec.yaml")
        return []
    } catch let error as SpecValidationError {
        return error.issues.map(\.description)
    } catch {
        return ["unexpected error: \(error)"]
    }
}

@Test func computeCountsTheAttentionTermOnAModelCountedByHand() {
    // 1 layer × width 16, context 64, vocabulary 256. Per layer 12·16² + 13·16 = 3,280 parameters;
    // embeddings 256·16 + 64·16 = 5,120; final LayerNorm 32: N = 8,432.
    // FLOPs per token 6·8,432 + 12·1·64·16 = 50,592 + 12,288 = 62,880.
    let compute = ScalingCompute(context: 64)
    let shape = ModelShape(name: "xxs", layers: 1, width: 16, heads: 2)
    #expect(compute.parameters(shape) == 8_432)
    #expect(compute.flopsPerToken(shape) == 62_880)
    #expect(compute.compute(shape, tokens: 1_000_000) == 6.288e10)
    #expect(compute.tokens(shape, compute: 6.288e10) == 1_000_000)
    #expect(abs(compute.attentionShare(shape) - 12_288.0 / 62_880) < 1e-15)
    // The curve through the shapes is exact at each of them.
    let wide = ModelShape(name: "m", layers: 2, width: 64, heads: 4)
    let curve = FLOPsPerTokenCurve(shapes: [shape, wide], compute: compute)
    #expect(abs(curve.flopsPerToken(parameters: 8_432) / 62_880 - 1) < 1e-12)
    #expect(abs(curve.flopsPerToken(parameters: Double(compute.parameters(wide))) / compute.flopsPerToken(wide) - 1) < 1e-12)
}

@Test func plannedRunsCountComputeAsTheKindDoes() throws {
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let compute = ScalingCompute(context: 64)
    let isoFLOP = try settings(spec).plan(spec).filter { $0.role.columns["method"] == "isoflop" }
    #expect(!isoFLOP.isEmpty)
    for run in isoFLOP {
        #expect(run.flopsPerToken == compute.flopsPerToken(run.config.model))
        let budget = try #require(try run.role.decode(ScalingLawRole.self).compute)
        // D = C / (6N + 12·L·T·d), rounded down to whole steps of 16 × 64 bytes.
        #expect(run.trainingFLOPs <= budget && run.trainingFLOPs > budget - run.flopsPerToken * 1_024)
    }
}

@Test func isoFLOPPlannerCentresSizesARatioApartOnTheOptimum() throws {
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let planner = try settings(spec).isoFLOPPlanner(spec)
    let compute = ScalingCompute(context: 64)
    let shapes = planner.shapes(around: 60_000)
    let sizes = shapes.map { Double(compute.parameters($0)) }
    #expect(sizes.count == 5)
    #expect(sizes == sizes.sorted())
    // The middle size is the ladder's nearest to the optimum in ln N.
    #expect(abs(log(sizes[2] / 60_000)) < log(1.3))
    for (smaller, larger) in zip(sizes, sizes.dropFirst()) {
        #expect(larger / smaller > 1.25 && larger / smaller < 2.1, "\(sizes)")
    }
    #expect(abs(log(sizes[4] / sizes[0]) - 4 * log(1.6)) < log(1.35))
}

@Test func isoFLOPPlannerNeverLeavesTheModelRange() throws {
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let planner = try settings(spec).isoFLOPPlanner(spec)
    let compute = ScalingCompute(context: 64)
    let range = planner.parameterRange
    #expect(range == 8_432...Double(compute.parameters(spec.models.last!)))
    for optimum in [10.0, 5_000, 8_432, 30_000, 300_000, 1e6, 1e9] {
        let sizes = planner.shapes(around: optimum).map { Double(compute.parameters($0)) }
        #expect(sizes.count == 5, "optimum \(optimum): \(sizes)")
        #expect(sizes.allSatisfy(range.contains), "optimum \(optimum): \(sizes)")
    }
    // Below the range the window slides up to start at the smallest model; above, it ends at the largest.
    #expect(planner.shapes(around: 10).first?.name == "xxs")
    #expect(planner.shapes(around: 1e9).last?.name == "xl")
    // Fewer allowed shapes than the count: all of them, nothing else.
    let narrow = planner.shapes(around: 20_000) { $0.layers == 1 && $0.width <= 24 }
    #expect(narrow.map(\.name) == ["xxs", "xs-"])
}

@Test func isoFLOPRunsStayWithinEachSizesLongestBudget() throws {
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let settings = try settings(spec)
    let compute = ScalingCompute(context: 64)
    let isoFLOP = settings.plan(spec).filter { $0.role.columns["method"] == "isoflop" }
    #expect(isoFLOP.count == 2 * 5)
    for run in isoFLOP {
        let limit = try #require(settings.tokenBudgets(parameters: compute.parameters(run.config.model)).last)
        #expect(run.config.tokens <= limit)
    }
    // Large models train only the budgets up to the token limit.
    #expect(settings.tokenBudgets(parameters: 200_000) == [1_000_000, 8_000_000])
    #expect(settings.tokenBudgets(parameters: 100_000) == [1_000_000, 8_000_000, 32_000_000])
}

@Test func everyRunReadsThePoolWholeAndAtMostFourTimes() throws {
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let plan = try settings(spec).plan(spec)
    for run in plan {
        #expect(run.config.data.components.map(\.source) == ["bible:kjv", "bible:web"])
        #expect(run.config.data.components.allSatisfy { $0.epochs == 4 && $0.byteBudget == ScalingLawSettings.wholeSourceBudget })
        #expect(!run.config.data.repeatsWhenExhausted)
        #expect(run.config.optimizer.beta2 == spec.training.optimizer.beta2)
    }
}

@Test func scalingLawSpecKeysAreRefusedWithTheirKeyPaths() {
    let tooManyEpochs = problems(ladderSpec.replacingOccurrences(of: "data: {corpora: [bible:kjv, bible:web]}",
                                                                 with: "data: {corpora: [bible:kjv, bible:web], max_epochs: 5}"))
    #expect(tooManyEpochs.contains { $0.contains("data.max_epochs") && $0.contains("from 1 to 4") }, "\(tooManyEpochs)")
    let both = problems(ladderSpec.replacingOccurrences(of: "data: {corpora: [bible:kjv, bible:web]}",
                                                        with: "data: {corpus: bible:kjv, corpora: [bible:web]}"))
    #expect(both.contains { $0.contains("data.corpus") && $0.contains("both 'corpus' and 'corpora'") }, "\(both)")
    let twice = problems(ladderSpec.replacingOccurrences(of: "[bible:kjv, bible:web]", with: "[bible:kjv, bible:kjv]"))
    #expect(twice.contains { $0.contains("data.corpora") && $0.contains("named twice") }, "\(twice)")
    let unreachable = problems(ladderSpec.replacingOccurrences(of: "isoflop_budgets: [1e11, 1e12]", with: "isoflop_budgets: [1e11, 1e16]"))
    #expect(unreachable.contains { $0.contains("protocol.isoflop_budgets[1]") && $0.contains("fewer than 3 model sizes") }, "\(unreachable)")
    let sweepTwin = problems(ladderSpec.replacingOccurrences(of: "method: wsd", with: "method: both\n  learning_rate_sweep: {multipliers: [0.5, 2], tokens: 1_000_000}"))
    #expect(sweepTwin.contains { $0.contains("protocol.learning_rate_sweep.tokens") && $0.contains("token_budgets[0]") }, "\(sweepTwin)")
    let starved = problems(ladderSpec.replacingOccurrences(of: "tokens: 8_000_000}", with: "tokens: 500_000}"))
    #expect(starved.contains { $0.contains("protocol.token_limit.tokens") && $0.contains("models[5]") }, "\(starved)")
}

@Test func aFitThatStopsAtABoundIsFlaggedInItsTable() throws {
    // L = A/N^α + B/D^β with no offset: E goes to its lower bound 0.
    var observations: [ScalingObservation] = []
    for parameters in [1e4, 3e4, 1e5, 3e5] {
        for tokens in [1e5, 1e6, 1e7] {
            observations.append(ScalingObservation(parameters: parameters, tokens: tokens,
                                                   loss: 40 / pow(parameters, 0.3) + 60 / pow(tokens, 0.3)))
        }
    }
    let law = ChinchillaLaw(settings: ChinchillaSettings(huber: try HuberLoss(delta: 1e-3)))
    let fit = try fitLaw(law, to: observations, bootstrap: nil)
    let offset = try #require(fit.quantity("E"))
    #expect(offset.atBound?.side == .lower)
    let spec = try SpecLoader.parse(yaml: ladderSpec, file: "ladder.yaml")
    let table = try settings(spec).fitTable(fit, caption: "test", level: 0.95).table
    let row = try #require(table.rows.first { $0.first == "E" })
    #expect(row[1].hasPrefix("at lower bound 0"), "\(row)")
    #expect(row[2] == "–", "no standard error for a quantity at a bound")
    #expect(!table.rows.contains { $0.first?.hasPrefix("N_opt(") == true }, "6ND allocations are not shown")
}

@Test func validationChecksTheRunsAfterTheSweepBeforeAnyIsPlanned() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-sweep-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = (0..<40).map { "Paragraph \($0) has a few words of text in it." }.joined(separator: "\n\n")
    try text.write(to: folder.appendingPathComponent("small.txt"), atomically: true, encoding: .utf8)
    let yaml = """
        kind: scaling-law
        models: [{name: a, layers: 1, width: 16, heads: 2}]
        training: {batch_size: 4, context: 16}
        data: {corpus: "file:small.txt", validation_fraction: 0.1}
        protocol:
          token_budgets: [64_000]
          learning_rate_sweep: {multipliers: [0.5, 2], tokens: 1_024}
        """
    // The sweep reads 1 kB; the grid run after it would need more than 4 passes over the file.
    do {
        _ = try SpecLoader.parse(yaml: yaml, file: folder.appendingPathComponent("spec.yaml").path, folder: folder.path)
        Issue.record("a pool too small for the runs after the sweep was accepted")
    } catch let error as SpecValidationError {
        #expect(error.issues.contains { $0.description.contains("but a run reads 64001 bytes from it in at most 4 passes") },
                "\(error.issues)")
    }
}

@Test func previewListsTheRunsAfterTheSweepAsProvisionalAndSchedulesThemAfterIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-staged-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: """
        kind: scaling-law
        name: staged
        models: [{name: a, layers: 1, width: 16, heads: 2}, {name: b, layers: 1, width: 24, heads: 2}]
        training: {batch_size: 4, context: 16}
        data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
        protocol:
          token_budgets: [6_400, 12_800]
          method: cosine
          learning_rate_sweep: {multipliers: [0.5, 2], tokens: 3_200}
        """, file: "staged.yaml")
    let (current, later) = try StudyPipeline(outputFolder: folder).stagedPlan(spec)
    // The sweep (2 sizes × 2 rates) is the current stage; the 2 × 2 grid runs follow at the spec's rate.
    #expect(current.count == 4 && current.allSatisfy { $0.label.contains("LR sweep") })
    #expect(later.count == 4 && later.allSatisfy { !$0.label.contains("LR sweep") })
    #expect(Set(later.map(\.config.steps)) == [6_400 / 64, 12_800 / 64])

    // One second per step for every shape: the sweep's 4 runs of 50 steps take 100 s on two workers.
    // The later runs (100, 200, 100, 200 steps) start after it, each on the first free worker:
    // 100–200 and 200–300 on one, 100–300 and 300–500 on the other.
    var timings: [CalibrationShape: StepTiming] = [:]
    for run in current + later { timings[CalibrationShape(run.config, threads: 1)] = StepTiming(stepSeconds: 1, forwardSeconds: 0) }
    let preview = PlanPreview.make(spec: spec, plan: current, later: later, statuses: [:],
                                   parallelism: Parallelism(jobs: 2, threadsPerJob: 1), timings: timings)
    #expect(preview.runsToTrain == 8 && preview.provisionalRuns == 4)
    #expect(preview.runs.map(\.provisional) == [false, false, false, false, true, true, true, true])
    #expect(preview.estimatedSeconds == 500)
}

@Test func theEstimateSchedulesReadyRunsAheadOfRunsWaitingForTheirParent() {
    // A trunk of 100 s with a 10 s branch, and two independent 50 s runs, on two workers. The runner
    // does not leave a worker idle while the branch waits: B and C run beside the trunk, and the
    // branch follows it (0–100 trunk, 0–50 B, 50–100 C, 100–110 branch).
    let runs = [PlanPreview.ScheduledRun(hash: "trunk", parent: nil, seconds: 100),
                PlanPreview.ScheduledRun(hash: "branch", parent: "trunk", seconds: 10),
                PlanPreview.ScheduledRun(hash: "b", parent: nil, seconds: 50),
                PlanPreview.ScheduledRun(hash: "c", parent: nil, seconds: 50)]
    #expect(PlanPreview.wallSeconds(runs, workers: 2) == 110)
    #expect(PlanPreview.wallSeconds(runs, workers: 1) == 210)
    // A parent that is not trained here (already in the store) does not hold its branch back.
    #expect(PlanPreview.wallSeconds([PlanPreview.ScheduledRun(hash: "branch", parent: "stored", seconds: 10)], workers: 2) == 10)
}

@Test func aWSDTrunkWarmsUpOnlyAsLongAsItsShortestBranchsOwnRun() throws {
    // Budgets 64 times apart (100 and 6,400 steps of 4 × 16 bytes): a 2 % warm-up scaled to the
    // trunk (5,120 steps → 102) would outlast the 100-step branch, which leaves the trunk at step 80.
    let spec = try SpecLoader.parse(yaml: """
        kind: scaling-law
        models: [{name: a, layers: 1, width: 16, heads: 2}]
        training: {batch_size: 4, context: 16}
        data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
        protocol: {token_budgets: [6_400, 409_600], method: wsd}
        """, file: "wsd.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let runs = settings.plan(spec)
    #expect(runs.count == 3)
    #expect(runs.allSatisfy { $0.config.schedule.warmupSteps == 2 }, "the 100-step run's own 2 % warm-up")
    for run in runs {
        #expect(throws: Never.self) { try TrainingExecutor.learningRateSchedule(run.config.schedule, totalSteps: run.config.steps) }
    }
}
