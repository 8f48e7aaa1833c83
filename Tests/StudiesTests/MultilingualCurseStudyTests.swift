// The multilingual-curse study: its plan reads each level's target for its epochs and the added
// languages once (counted in the bytes the trainer sees), and a tiny study on synthetic languages
// runs end to end — baselines, the equivalent-data curve, verdicts, archive — and a rerun trains
// nothing.
import Foundation
import Testing
@testable import Studies

private let tinyCurse = """
    kind: multilingual-curse
    name: tiny-curse
    seeds: [0, 1, 2]
    models: [{name: xs, layers: 1, width: 16, heads: 2}]
    training: {batch_size: 4, context: 16, evaluations: 3, evaluation_batches: 2}
    data:
      target: "synthetic:alpha"
      similar: ["synthetic:beta"]
      dissimilar: ["synthetic:gamma", "synthetic:delta"]
      ladder: ["synthetic:alpha-sov"]
      validation_fraction: 0.1
    protocol:
      levels:
        - {name: low, bytes: 2_000, epochs: 4}
        - {name: high, bytes: 12_000, epochs: 2}
      added_bytes: [0, 6_000]
      baselines:
        - {bytes: 2_000, epochs: 4}
        - {bytes: 4_000, epochs: 3}
        - {bytes: 8_000, epochs: 2}
        - {bytes: 12_000, epochs: 2}
    fit: {bootstrap: 50}
    """

private func settings(_ spec: StudySpec) throws -> MultilingualCurseSettings {
    guard case .multilingualCurse(let settings) = spec.settings else { throw CancellationError() }
    return settings
}

@Test func multilingualRunsReadTheTargetForItsEpochsAndTheAddedDataOnce() throws {
    let spec = try SpecLoader.parse(yaml: tinyCurse, file: "curse.yaml")
    let plan = try settings(spec).plan(spec)
    let roles = try plan.map { try $0.role.decode(MultilingualCurseRole.self) }
    // 4 baselines (the levels' monolingual runs are two of them) + 2 levels × (similar, dissimilar)
    // + the ladder language at the low level, per seed.
    #expect(plan.count == 3 * (4 + 4 + 1))
    #expect(Set(plan.map(\.hash)).count == plan.count)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-curse-bytes-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let data = DataProvider(cacheDirectory: folder.path)
    let run = try #require(zip(plan, roles).first { $0.1.group == .dissimilar && $0.1.level == "low" && $0.1.seed == 0 })
    let config = run.0.config
    #expect(config.tokens == (4 * 2_000 + 6_000) / 64 * 64, "the run reads all of its planned bytes, to the last whole step")
    let stream = try data.data(for: config.data, seed: config.seed, trainingBytes: config.tokens).training
    // Attribute every document the run reads to its source by its bytes.
    var sourceOf: [[UInt8]: String] = [:]
    for source in ["synthetic:alpha", "synthetic:gamma", "synthetic:delta"] {
        for document in try data.pool(source, plan: config.data).documents { sourceOf[document.bytes] = source }
    }
    let read = stream.bytes.prefix(config.tokens + 1)
    var bytesBySource: [String: Int] = [:]
    var targetReads: [[UInt8]: Int] = [:]
    for document in read.split(separator: 0x1E, omittingEmptySubsequences: false).dropLast().map(Array.init) {
        let source = try #require(sourceOf[document], "a document the run reads comes from no planned source")
        bytesBySource[source, default: 0] += document.count + 1
        if source == "synthetic:alpha" { targetReads[document, default: 0] += 1 }
    }
    // The target's 2 000-byte subset four times and the 6 000 added bytes split over gamma and
    // delta, each source over by at most one document per pass (subsets hold whole documents) and
    // short by at most the last step's 64 bytes: the mixture runs every source out together.
    let longest = try ["synthetic:alpha", "synthetic:gamma", "synthetic:delta"].map { source in
        try data.pool(source, plan: config.data).documents.map { $0.byteCount + 1 }.max() ?? 0
    }
    let planned = [("synthetic:alpha", 4 * 2_000, 4), ("synthetic:gamma", 3_000, 1), ("synthetic:delta", 3_000, 1)]
    for ((source, bytes, passes), document) in zip(planned, longest) {
        let read = bytesBySource[source] ?? 0
        #expect(read >= bytes - 64 - document && read <= bytes + passes * document, "\(source): \(bytesBySource)")
    }
    // Every target document is read four times, but for at most one or two whose last reading
    // falls after the final step.
    #expect(targetReads.values.allSatisfy { $0 == 3 || $0 == 4 }, "\(targetReads.values.sorted())")
    #expect(targetReads.values.filter { $0 == 3 }.count <= 2, "\(targetReads.values.sorted())")
    // However the run's length falls against the mixture's document boundaries (every one of the
    // last 300 byte counts, so one ends exactly on a boundary), the stream holds the byte after it.
    for trainingBytes in (config.tokens - 300)...config.tokens {
        let stream = try data.data(for: config.data, seed: config.seed, trainingBytes: trainingBytes).training
        #expect(stream.count >= trainingBytes + 1)
    }
}

@Test func multilingualCurseStudyArchivesItsVerdictsAndTrainsNothingOnARerun() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-curse-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: tinyCurse, file: "curse.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    let result = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 27)
    let archived = try pipeline.reporter(store: store, build: BuildInfo(version: "test", gitCommit: nil, machine: "test", threads: 1))
        .report(spec)
    let claims = archived.summary.verdicts.map(\.claim)
    #expect(claims.count == 3)
    #expect(claims.first?.hasPrefix("Low-resource gain") == true)
    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    for heading in ["Finding and protocol", "Verdicts", "Results", "Runs"] {
        #expect(html.contains(heading), "missing section \(heading)")
    }
    #expect(!html.contains("Monolingual baselines") || html.contains("<mi>ℓ</mi>"), "the baseline law is MathML")
    #expect(!html.contains("<span class=\"math\">"), "every formula is in the typesetter's subset")
    #expect(html.contains("synthetic:alpha-sov"))
    let rerun = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                   cancellation: CancellationFlag()) { _ in }
    #expect(rerun.trained == 0)
}
