// A run's data plan, end to end through the data provider: every field (and sub-field) changes the
// bytes the trainer reads or the evaluation it gets, byte budgets are exact, paired across seeds and
// orders and nested across sizes, the quality metric tracks corruption and drives both the orders
// and the best-quality set, and a curriculum-planned run reads its whole subset. All on the
// generated `synthetic:alpha` family, so nothing depends on installed corpora.
import Corpora
import Foundation
import LawFit
import Testing
@testable import Studies

/// One provider for the whole suite, as a study shares one across its runs (so its caches are tested too).
private let sharedProvider = DataProvider(cacheDirectory: cacheDirectory)

private let cacheDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("tinyscale-dataplan-tests").path

/// Training bytes of the baseline run: one and a half passes over its 16 kB subset, so a plan that
/// repeats its stream and one that refuses to can be told apart.
private let baselineRunBytes = 24_000

/// The plan every field is varied from: a budgeted, corrupted pool of `synthetic:alpha`, a quality
/// metric on a clean held-out part of it, and a corrupted best-quality set beside a clean one.
private func baselinePlan() -> DataPlan {
    DataPlan(
        components: [.init(source: "synthetic:alpha", byteBudget: 16_000, corruptionLevels: [0, 0.3, 0.6])],
        order: .uniform,
        quality: .init(ngramOrder: 3, reference: .heldOut(fraction: 0.15)),
        validationFraction: 0.1, dataSeed: 7, repeatsWhenExhausted: true,
        evaluationSets: [
            .init(name: "high-quality", source: "synthetic:alpha", corrupted: true, bestQualityFraction: 0.25),
            .init(name: "clean", source: "synthetic:alpha"),
        ])
}

/// What a run gets from its plan: the bytes its sampler reads and every evaluation stream, or the
/// error that refuses the run.
private enum Observation: Equatable {
    case data(training: [UInt8], evaluation: [NamedBytes])
    case refused(String)

    struct NamedBytes: Equatable {
        var name: String
        var bytes: [UInt8]
    }

    /// A short form for failure messages (the bytes themselves would flood the log).
    var summary: String {
        switch self {
        case .data(let training, let evaluation):
            "\(training.count) training bytes; evaluation " + evaluation.map { "\($0.name): \($0.bytes.count) bytes" }.joined(separator: ", ")
        case .refused(let message):
            "refused: \(message)"
        }
    }

    var refusal: String? {
        if case .refused(let message) = self { message } else { nil }
    }
}

/// The first `trainingBytes + 1` bytes of the training stream (what a run of `trainingBytes`
/// tokens reads) and the evaluation streams of `plan` for a run with `seed`.
private func observe(_ plan: DataPlan, seed: Int = 0, trainingBytes: Int = baselineRunBytes,
                     provider: DataProvider = sharedProvider) -> Observation {
    do {
        let data = try provider.data(for: plan, seed: seed, trainingBytes: trainingBytes)
        return .data(training: Array(data.training.bytes.prefix(trainingBytes + 1)),
                     evaluation: data.evaluation.map { .init(name: $0.name, bytes: $0.stream.bytes) })
    } catch {
        return .refused("\(error)")
    }
}

/// The documents of a stream in stream order, as their bytes (separators removed).
private func documents(_ stream: TokenStream) -> [[UInt8]] {
    stream.bytes.split(separator: TokenStream.documentSeparator, omittingEmptySubsequences: false)
        .dropLast()
        .map { Array($0) }
}

/// How often each document occurs.
private func counts(_ documents: [[UInt8]]) -> [[UInt8]: Int] {
    documents.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

/// Whether every document of `part` occurs in `whole` at least as often.
private func isContained(_ part: [[UInt8]: Int], in whole: [[UInt8]: Int]) -> Bool {
    part.allSatisfy { whole[$0.key, default: 0] >= $0.value }
}

/// Bits per byte of each document under `plan`'s quality metric.
private func bitsPerByte(_ documents: [[UInt8]], plan: DataPlan) throws -> [Double] {
    let wrapped = documents.enumerated().map { Document(id: "probe#\($0.offset)", source: "probe", bytes: $0.element) }
    return try sharedProvider.qualityScores(wrapped, plan: plan, use: "the test").map(\.bitsPerByte)
}

private func mean(_ values: [Double]) -> Double {
    values.reduce(0, +) / Double(max(values.count, 1))
}

// MARK: - Every field

/// One field changed from the baseline.
private struct Variation {
    /// The field, as `components.byteBudget`; the guard below matches these with the stored properties.
    var field: String
    /// The new value, for messages.
    var change: String
    /// Applied to the baseline and the variation alike: a setting without which the field cannot
    /// show (a share needs a second component to be a share of).
    var context: (inout DataPlan) -> Void
    var vary: (inout DataPlan) -> Void
    /// Text of the error that must refuse the varied plan; nil = the varied plan must run.
    var refusal: String?

    init(_ field: String, _ change: String, context: @escaping (inout DataPlan) -> Void = { _ in },
         refusal: String? = nil, vary: @escaping (inout DataPlan) -> Void) {
        self.field = field
        self.change = change
        self.context = context
        self.refusal = refusal
        self.vary = vary
    }
}

/// The variation name of each kind of quality reference. Exhaustive on purpose: a new kind fails to
/// compile here until it is varied below.
private func referenceField(_ reference: DataPlan.QualityReference) -> String {
    switch reference {
    case .heldOut: "quality.reference.heldOut"
    case .corpus: "quality.reference.corpus"
    }
}

/// A second component beside the baseline's.
private func secondSource(_ plan: inout DataPlan) {
    plan.components.append(.init(source: "synthetic:beta"))
}

private func variations() -> [Variation] {
    var list: [Variation] = [
        Variation("components", "a second source, synthetic:beta", vary: secondSource),
        Variation("components.source", "synthetic:beta") { $0.components[0].source = "synthetic:beta" },
        Variation("components.share", "3 : 1 instead of 1 : 1 beside synthetic:beta", context: secondSource) {
            $0.components[0].share = 3
        },
        Variation("components.byteBudget", "20 000 bytes") { $0.components[0].byteBudget = 20_000 },
        Variation("components.byteBudget", "none (the whole pool)") { $0.components[0].byteBudget = nil },
        Variation("components.subsetByQuality", "the best-scoring 16 000 bytes") { $0.components[0].subsetByQuality = true },
        Variation("components.subsetByQuality", "without a byte budget", refusal: "needs a byte budget") {
            $0.components[0].subsetByQuality = true
            $0.components[0].byteBudget = nil
        },
        Variation("components.epochs", "2") { $0.components[0].epochs = 2 },
        Variation("components.corruptionLevels", "none (clean)") { $0.components[0].corruptionLevels = [] },
        Variation("components.corruptionLevels", "[0, 0.6]") { $0.components[0].corruptionLevels = [0, 0.6] },
        Variation("quality", "none", refusal: "needs a quality metric") { $0.quality = nil },
        Variation("quality.ngramOrder", "5") { $0.quality?.ngramOrder = 5 },
        Variation(referenceField(.heldOut(fraction: 0)), "fraction 0.25") { $0.quality?.reference = .heldOut(fraction: 0.25) },
        Variation("quality.reference", "the corpus synthetic:beta instead of a held-out part") {
            $0.quality?.reference = .corpus("synthetic:beta")
        },
        Variation(referenceField(.corpus("")), "synthetic:gamma instead of synthetic:beta",
                  context: { $0.quality?.reference = .corpus("synthetic:beta") }) {
            $0.quality?.reference = .corpus("synthetic:gamma")
        },
        Variation("validationFraction", "0.15") { $0.validationFraction = 0.15 },
        Variation("dataSeed", "8") { $0.dataSeed = 8 },
        Variation("repeatsWhenExhausted", "false", refusal: "allow repeated passes") { $0.repeatsWhenExhausted = false },
        Variation("evaluationSets", "none (the default validation set)") { $0.evaluationSets = [] },
        Variation("evaluationSets", "reversed (another headline)") { $0.evaluationSets.reverse() },
        Variation("evaluationSets.name", "held-out instead of clean") { $0.evaluationSets[1].name = "held-out" },
        Variation("evaluationSets.source", "synthetic:beta for the clean set") { $0.evaluationSets[1].source = "synthetic:beta" },
        Variation("evaluationSets.corrupted", "true for the clean set") { $0.evaluationSets[1].corrupted = true },
        Variation("evaluationSets.corrupted", "false for the best-quality set") { $0.evaluationSets[0].corrupted = false },
        Variation("evaluationSets.bestQualityFraction", "0.5") { $0.evaluationSets[0].bestQualityFraction = 0.5 },
        Variation("evaluationSets.bestQualityFraction", "none") { $0.evaluationSets[0].bestQualityFraction = nil },
        // A digest names the bytes a file source must have; bytes that differ are refused.
        Variation("contentDigests", "a digest the source's bytes do not have",
                  refusal: "changed after the study was planned") {
            $0.contentDigests = [$0.components[0].source: String(repeating: "0", count: 64)]
        },
    ]
    for order in DataOrder.allCases where order != baselinePlan().order {
        list.append(Variation("order", order.rawValue) { $0.order = order })
    }
    return list
}

/// Stored property names of `value`.
private func storedProperties(_ value: Any) -> [String] {
    Mirror(reflecting: value).children.compactMap(\.label)
}

@Test func everyDataPlanFieldChangesTheTrainingBytesOrTheEvaluation() throws {
    let list = variations()
    let varied = Set(list.map(\.field))

    // The list is exhaustive: every stored property of the plan and its parts is varied.
    let plan = baselinePlan()
    let quality = try #require(plan.quality)
    var required = storedProperties(plan)
    required += storedProperties(plan.components[0]).map { "components.\($0)" }
    required += storedProperties(quality).map { "quality.\($0)" }
    required += storedProperties(plan.evaluationSets[0]).map { "evaluationSets.\($0)" }
    required += [DataPlan.QualityReference.heldOut(fraction: 0.1), .corpus("synthetic:beta")].map(referenceField)
    #expect(required.count >= 20, "Mirror found only \(required)")
    for field in required {
        #expect(varied.contains(field), "the data plan field \(field) is not varied: add a variation for it")
    }

    // Observations are deterministic and do not depend on what the provider served before.
    let baseline = observe(plan)
    #expect(baseline.refusal == nil, "the baseline is refused: \(baseline.summary)")
    let fresh = observe(plan, provider: DataProvider(cacheDirectory: cacheDirectory))
    let freshIsTheSame = fresh == baseline
    #expect(freshIsTheSame, "a fresh provider gives \(fresh.summary), the shared one \(baseline.summary)")

    for variation in list {
        var base = baselinePlan()
        variation.context(&base)
        var changed = base
        variation.vary(&changed)
        let before = base == plan ? baseline : observe(base)
        let after = observe(changed)
        #expect(before.refusal == nil, "\(variation.field): the context alone is refused: \(before.summary)")
        let differs = before != after
        #expect(differs, "\(variation.field) → \(variation.change) changes neither the training bytes nor the evaluation")
        if let refusal = variation.refusal {
            #expect(after.refusal?.contains(refusal) == true,
                    "\(variation.field) → \(variation.change) should be refused with '\(refusal)', got \(after.summary)")
        } else {
            #expect(after.refusal == nil, "\(variation.field) → \(variation.change) is refused: \(after.summary)")
        }
    }
}

@Test func theRunSeedShufflesAUniformOrderButNotAQualityOrder() {
    var plan = baselinePlan()
    let uniformChanged = observe(plan, seed: 1) != observe(plan, seed: 0)
    #expect(uniformChanged, "a uniform order ignores the run's seed")
    for order in [DataOrder.ascending, .descending] {
        plan.order = order
        for epochs in [1, 2] {
            plan.components[0].epochs = epochs
            // A quality order must reach the end of its curriculum: read every pass.
            let first = observe(plan, seed: 0, trainingBytes: epochs * baselineRunBytes)
            let second = observe(plan, seed: 3, trainingBytes: epochs * baselineRunBytes)
            #expect(first.refusal == nil, "\(order) × \(epochs) epochs is refused: \(first.summary)")
            let same = first == second
            #expect(same, "paired \(order.rawValue) arms (\(epochs) epochs) see different bytes under different run seeds")
        }
    }
}

@Test func aProviderGivesEveryPlanWhatAFreshProviderWouldWhateverItServedBefore() {
    // Same quality metric (order 3 on a held-out part of the first source), different first source:
    // the reference model and the cached scores must follow the source.
    var alpha = baselinePlan()
    alpha.order = .ascending
    var beta = alpha
    beta.components[0].source = "synthetic:beta"
    beta.evaluationSets = [.init(name: "high-quality", source: "synthetic:beta", corrupted: true, bestQualityFraction: 0.25)]
    let shared = DataProvider(cacheDirectory: cacheDirectory)
    _ = observe(alpha, provider: shared)
    let afterAlpha = observe(beta, provider: shared)
    let alone = observe(beta, provider: DataProvider(cacheDirectory: cacheDirectory))
    #expect(alone.refusal == nil, "\(alone.summary)")
    let same = afterAlpha == alone
    #expect(same, "a provider that served another source before orders and selects this one differently")
}

// MARK: - Exact budgets

@Test func byteBudgetsAreExactPairedNestedAndRefusedWhenTheyRunOut() throws {
    let budget = 12_000
    var plan = baselinePlan()
    plan.components[0].byteBudget = budget
    plan.repeatsWhenExhausted = false

    // A run that needs more than its subset holds is refused, naming the source and the fix.
    let error = #expect(throws: DataPlanError.self) {
        _ = try sharedProvider.data(for: plan, seed: 0, trainingBytes: 3 * budget)
    }
    if case .poolTooSmall(let source, let available, let needed)? = error {
        #expect(source == "synthetic:alpha")
        #expect(available < needed)
    } else {
        Issue.record("expected poolTooSmall, got \(String(describing: error))")
    }
    let message = error.map { "\($0)" } ?? ""
    #expect(message.contains("synthetic:alpha") && message.contains("lower the run's token budget")
            && message.contains("allow repeated passes"), "message: \(message)")

    // The whole pool runs out too.
    var whole = plan
    whole.components[0].byteBudget = nil
    let poolBytes = try sharedProvider.data(for: whole, seed: 0, trainingBytes: 1).training.count
    #expect(throws: DataPlanError.self) { _ = try sharedProvider.data(for: whole, seed: 0, trainingBytes: poolBytes) }
    #expect(throws: Never.self) { _ = try sharedProvider.data(for: whole, seed: 0, trainingBytes: poolBytes - 1) }

    // So does one component of a mixture, which would otherwise be started over silently.
    var mixture = plan
    mixture.components.append(.init(source: "synthetic:beta", share: 1, byteBudget: 100_000))
    let mixtureError = #expect(throws: DataPlanError.self) {
        _ = try sharedProvider.data(for: mixture, seed: 0, trainingBytes: 3 * budget)
    }
    #expect(mixtureError.map { "\($0)" }?.contains("synthetic:alpha") == true, "\(String(describing: mixtureError))")
    #expect(throws: Never.self) { _ = try sharedProvider.data(for: mixture, seed: 0, trainingBytes: budget) }

    // The stream of a budget just exceeds it: all of it is read by a run of `budget` tokens, and
    // without its last document it would not be.
    let pool = try sharedProvider.pool("synthetic:alpha", plan: plan)
    let poolCounts = counts(pool.documents.map(\.bytes))
    let uniform = try sharedProvider.data(for: plan, seed: 0, trainingBytes: budget).training
    let subset = documents(uniform)
    #expect(uniform.count > budget)
    #expect(uniform.count - (subset.last?.count ?? 0) - 1 <= budget, "the subset holds more documents than the budget needs")
    let fromThePool = isContained(counts(subset), in: poolCounts)
    #expect(fromThePool, "the subset is not drawn from the pool")
    #expect(subset.count < pool.documents.count / 4)

    // The same documents for every run seed and every order: paired arms see the same data.
    let reshuffled = documents(try sharedProvider.data(for: plan, seed: 5, trainingBytes: budget).training)
    let shuffled = reshuffled != subset
    let sameDocuments = counts(reshuffled) == counts(subset)
    #expect(shuffled, "the run seed does not shuffle a uniform order")
    #expect(sameDocuments, "another run seed reads other documents")
    for order in [DataOrder.ascending, .descending] {
        var ordered = plan
        ordered.order = order
        let stream = try sharedProvider.data(for: ordered, seed: 0, trainingBytes: budget).training
        let same = counts(documents(stream)) == counts(subset)
        #expect(same, "\(order.rawValue) order reads other documents")
    }

    // Nested: a larger budget's subset holds the smaller one's and more.
    var larger = plan
    larger.components[0].byteBudget = 2 * budget
    let largerSubset = counts(documents(try sharedProvider.data(for: larger, seed: 9, trainingBytes: 2 * budget).training))
    let nested = isContained(counts(subset), in: largerSubset)
    #expect(nested, "the larger subset drops documents")
    #expect(largerSubset.values.reduce(0, +) > subset.count)

    // A second data seed draws another subset.
    var reseeded = plan
    reseeded.dataSeed += 1
    let other = documents(try sharedProvider.data(for: reseeded, seed: 0, trainingBytes: budget).training)
    let reseededDiffers = counts(other) != counts(subset)
    #expect(reseededDiffers, "the data seed does not choose the subset")
}

@Test(arguments: DataOrder.allCases)
func twoEpochsReadEveryDocumentOfTheSubsetExactlyTwice(order: DataOrder) throws {
    var plan = baselinePlan()
    plan.components[0].byteBudget = 8_000
    plan.repeatsWhenExhausted = false
    plan.order = order
    let onePass = try sharedProvider.data(for: plan, seed: 0, trainingBytes: 8_000).training
    let once = documents(onePass)
    plan.components[0].epochs = 2
    let twice = documents(try sharedProvider.data(for: plan, seed: 0, trainingBytes: 2 * onePass.count - 1).training)
    #expect(twice.count == 2 * once.count)
    let first = Array(twice.prefix(once.count))
    let second = Array(twice.dropFirst(once.count))
    let firstIsTheSubset = counts(first) == counts(once)
    let secondIsTheSubset = counts(second) == counts(once)
    #expect(firstIsTheSubset, "the first pass is not the subset")
    #expect(secondIsTheSubset, "the second pass is not the subset")
    let repeated = second == first
    if order == .uniform {
        #expect(!repeated, "a uniform order is not reshuffled between passes")
    } else {
        #expect(repeated, "a \(order.rawValue) curriculum is not repeated in the same order")
    }
}

// MARK: - Quality

/// A plan whose quality metric is the curriculum's: order 4 on a clean held-out part of the pool.
private func qualityPlan() -> DataPlan {
    var plan = baselinePlan()
    plan.components[0].corruptionLevels = [0, 0.1, 0.3, 0.6]
    plan.quality = .init(ngramOrder: 4, reference: .heldOut(fraction: 0.15))
    return plan
}

@Test func qualityScoresTrackTheCorruptionOfThePool() throws {
    let plan = qualityPlan()
    let pool = try sharedProvider.pool("synthetic:alpha", plan: plan)
    let scores = try sharedProvider.qualityScores(pool.documents, plan: plan, use: "the test").map(\.bitsPerByte)
    let rho = try #require(spearmanCorrelation(scores, pool.corruptionLevels))
    #expect(rho >= 0.5, "Spearman's ρ between bits per byte and corruption level is \(rho)")
    let clean = zip(scores, pool.corruptionLevels).filter { $0.1 == 0 }.map(\.0)
    let heavy = zip(scores, pool.corruptionLevels).filter { $0.1 == 0.6 }.map(\.0)
    #expect(clean.count > 100 && heavy.count > 100)
    #expect(mean(clean) < mean(heavy), "clean documents score \(mean(clean)) bpb, level-0.6 ones \(mean(heavy))")
}

@Test func qualityOrdersSortTheTrainingStreamByScore() throws {
    var plan = qualityPlan()
    plan.repeatsWhenExhausted = false
    let budget = 12_000
    plan.components[0].byteBudget = budget
    for order in [DataOrder.ascending, .descending] {
        plan.order = order
        let stream = try sharedProvider.data(for: plan, seed: 0, trainingBytes: budget).training
        let bits = try bitsPerByte(documents(stream), plan: plan)
        let steps = zip(bits, bits.dropFirst())
        switch order {
        case .ascending:
            let worstFirst = steps.allSatisfy { $0 >= $1 }
            #expect(worstFirst, "ascending quality is not non-increasing in bits per byte")
        default:
            let bestFirst = steps.allSatisfy { $0 <= $1 }
            #expect(bestFirst, "descending quality is not non-decreasing in bits per byte")
        }
        #expect(Set(bits).count > bits.count / 2, "the scores hardly differ, so the order proves nothing")
    }
}

@Test func theBestQualitySetKeepsTheBestFractionOfTheHeldOutDocuments() throws {
    let plan = qualityPlan()
    let set = plan.evaluationSets[0]
    let fraction = try #require(set.bestQualityFraction)
    #expect(set.corrupted)
    let heldOut = try sharedProvider.pool(set.source, plan: plan, heldOut: true)
    #expect(heldOut.corruptionLevels.contains { $0 > 0 }, "the held-out pool is not corrupted")
    let data = try sharedProvider.data(for: plan, seed: 0, trainingBytes: 1_000)
    let stream = try #require(data.evaluation.first { $0.name == set.name }?.stream)
    let kept = documents(stream)
    let keptCounts = counts(kept)
    let heldOutBytes = heldOut.documents.map(\.bytes)
    let fromTheHeldOutPool = isContained(keptCounts, in: counts(heldOutBytes))
    #expect(fromTheHeldOutPool, "kept documents are not held-out ones")
    #expect(abs(Double(kept.count) - fraction * Double(heldOutBytes.count)) <= 1,
            "kept \(kept.count) of \(heldOutBytes.count) held-out documents for a fraction \(fraction)")
    var droppedCounts = counts(heldOutBytes)
    for (document, count) in keptCounts { droppedCounts[document, default: 0] -= count }
    let dropped = droppedCounts.filter { $0.value > 0 }.map(\.key)
    let worstKept = try #require(try bitsPerByte(kept, plan: plan).max())
    let bestDropped = try #require(try bitsPerByte(dropped, plan: plan).min())
    #expect(worstKept <= bestDropped, "a dropped document (\(bestDropped) bpb) beats a kept one (\(worstKept) bpb)")
    let cleanStream = try #require(data.evaluation.first { $0.name == "clean" }?.stream)
    #expect(documents(cleanStream).count == heldOutBytes.count, "the clean set is not the whole held-out split")
}

// MARK: - A planned curriculum run

private let curriculumSpec = """
    kind: curriculum
    name: tiny-curriculum
    seeds: [0, 1]
    models:
      - {name: xs, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}
    data:
      corpus: "synthetic:alpha"
      reference: self
      reference_fraction: 0.15
      validation_fraction: 0.1
      corruption_levels: [0, 0.3, 0.6]
      ngram_order: 3
      evaluation_quality_fraction: 0.25
    protocol:
      tokens: 15_000
      orders: [uniform, ascending]
      descending_control: true
      schedules: [constant]
    """

@Test func aPlannedCurriculumRunReadsItsWholeSubset() throws {
    let spec = try SpecLoader.parse(yaml: curriculumSpec, file: "curriculum.yaml")
    guard case .curriculum(let settings) = spec.settings else {
        Issue.record("the spec is not a curriculum study")
        return
    }
    let runs = settings.plan(spec)
    #expect(Set(runs.map(\.config.data.order)) == Set(DataOrder.allCases))
    var subsets: [[[UInt8]: Int]] = []
    for run in runs {
        let config = run.config
        let data = try sharedProvider.data(for: config.data, seed: config.seed, trainingBytes: config.tokens)
        let stream = data.training
        let longest = try #require(documents(stream).map(\.count).max())
        let unread = stream.count - (config.tokens + 1)
        #expect(unread >= 0, "\(run.label) reads past its stream")
        #expect(unread < longest + 1, "\(run.label) leaves \(unread) bytes unread, more than its longest document (\(longest))")
        #expect(data.evaluation.map(\.name) == ["high-quality", "clean"])
        subsets.append(counts(documents(stream)))
    }
    let paired = subsets.allSatisfy { $0 == subsets[0] }
    #expect(paired, "the arms of the curriculum read different documents")
}

@Test func aSourceNamedTwiceIsRefusedInsteadOfSharingOnePool() {
    var plan = baselinePlan()
    plan.components.append(.init(source: "synthetic:alpha", share: 0.5, corruptionLevels: []))
    let refusal = observe(plan).refusal
    #expect(refusal?.contains("names synthetic:alpha in two components") == true, "\(observe(plan).summary)")
}
