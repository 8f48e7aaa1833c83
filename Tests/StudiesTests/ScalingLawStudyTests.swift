// The scaling-law study end to end on a synthetic corpus: plan, train, fit, judge and archive,
// then check the report's figures, fits and verdicts and that the HTML and PDF are well formed.
import Foundation
import Testing
import TestSupport
@testable import Studies

/// The repository root (this file is Tests/StudiesTests/ScalingLawStudyTests.swift).
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let syntheticStudy = """
    kind: scaling-law
    name: synthetic-scaling
    title: "Scaling on a synthetic language"
    models:
      - {name: xs, layers: 1, width: 16, heads: 2}
      - {name: s, layers: 1, width: 24, heads: 2}
      - {name: m, layers: 2, width: 32, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 3, evaluation_batches: 2}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol:
      token_budgets: [3_200, 6_400, 12_800]
      isoflop_budgets: [2e8, 6e8]
      method: cosine
    fit: {bootstrap: 20}
    """

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-study-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

private func tool(_ name: String, _ arguments: [String]) throws -> String {
    let path = try #require(ExternalTool.find(name), "\(name) missing: apt-get install poppler-utils")
    return try ExternalTool.run(path, arguments).output
}

@Test func scalingLawStudyArchivesACompleteReport() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: syntheticStudy, file: "synthetic.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    try store.saveStudy(spec)
    let plan = try pipeline.plan(spec)
    // 3 models × 3 token budgets of cosine runs, and 3 models × 2 IsoFLOP budgets: N = 7,664, 13,800
    // and 34,176 parameters at context 16 take C / 6N = 8,698 … 17,397, 4,830 … 9,661 and
    // 1,950 … 3,901 tokens, all within 64 (one step) and 25,600 (twice the largest budget).
    #expect(plan.count == 15)
    #expect(plan.filter { $0.role.columns["method"] == "isoflop" }.count == 6)
    let result = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 15)

    let build = BuildInfo(version: "test", gitCommit: nil, machine: "test machine", threads: 1)
    let archived = try pipeline.reporter(store: store, build: build).report(spec)
    let files = try FileManager.default.contentsOfDirectory(atPath: archived.folder.path).sorted()
    #expect(files == ["data.csv", "figures", "report.html", "report.json", "report.pdf", "spec.yaml"])
    let figureFiles = try FileManager.default.contentsOfDirectory(
        atPath: archived.folder.appendingPathComponent("figures").path)
    #expect(figureFiles.count == 3 * archived.summary.figures.count && archived.summary.figures.count >= 4)
    #expect(archived.summary.figures.allSatisfy { $0.files.allSatisfy(figureFiles.map { "figures/" + $0 }.contains) })
    #expect(archived.summary.figures.contains { $0.name.hasSuffix("-final-loss-against-model-size") })

    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<svg").count - 1 >= 4)
    for heading in ["Verdicts", "Approach 3: the parametric law", "Compute-optimal allocation", "Kaplan", "Runs"] {
        #expect(html.contains(heading), "missing section \(heading)")
    }
    #expect(html.contains("alpha") && html.contains("allocation_exponent_a"))
    #expect(!html.contains(">allocation_a<"), "the allocation exponent has one name")
    #expect(html.contains("<msup><mi>N</mi><mi>α</mi></msup>"), "formulas are typeset as MathML")
    #expect(!html.contains("<span class=\"math\">"), "every formula is in the typesetter's subset")
    #expect(archived.summary.verdicts.allSatisfy { !$0.claim.contains("$") }, "report.json claims are plain text")
    #expect(archived.summary.verdicts.count >= 3)
    #expect(archived.summary.verdicts.first?.claim == "Loss falls monotonically in N at fixed D and in D at fixed N")

    let csv = try String(contentsOf: archived.folder.appendingPathComponent("data.csv"), encoding: .utf8)
    #expect(csv.split(whereSeparator: \.isNewline).count == 16, "a header and one row per run")
    #expect(!csv.contains("\r"), "LF line ends")
    let header = try #require(csv.split(separator: "\n").first).split(separator: ",").map(String.init)
    #expect(Set(header).count == header.count, "unique columns: \(header)")
    #expect(header.allSatisfy { $0.range(of: "^[a-z][a-z0-9_]*$", options: .regularExpression) != nil }, "snake_case: \(header)")
    for column in ["study", "profile", "run", "status", "model", "corpus", "learning_rate", "batch_size", "context", "seed",
                   "tokens", "flops", "final_nats_validation", "final_bpb_validation", "method"] {
        #expect(header.contains(column), "data.csv lacks \(column)")
    }
    let firstRow = try #require(csv.split(separator: "\n").dropFirst().first).split(separator: ",", omittingEmptySubsequences: false)
    #expect(firstRow[header.firstIndex(of: "status")!] == "completed", "status in the run table's words")
    #expect(firstRow[header.firstIndex(of: "corpus")!] == "synthetic:alpha")

    // report.json: every verdict with its numbers, every fit with failed resamples and status,
    // valid against the documented schema.
    let json = try Data(contentsOf: archived.folder.appendingPathComponent("report.json"))
    let validator = try JSONSchemaValidator(schemaAt: repositoryRoot.appendingPathComponent("docs/report.schema.json"))
    #expect(try validator.errors(in: json) == [])
    #expect(archived.summary.profile == StudySpec.defaultProfile)
    #expect(archived.summary.fits.map(\.name).starts(with: ["approach3"]))
    let fit = try #require(archived.summary.fits.first)
    #expect(fit.bootstrap?.requested == 20)
    #expect(fit.parameters.map(\.name) == ["log_A", "log_B", "log_E", "alpha", "beta"])
    #expect((fit.status == .ok) == fit.problems.isEmpty)
    let allocation = try #require(archived.summary.verdicts.first { $0.claim.contains("(Approach 3)") })
    #expect(allocation.fits == ["approach3"])
    #expect(allocation.statistics.first?.name == "allocation_exponent_a")
    #expect(allocation.statistics.first?.threshold?.lower == 0.35 && allocation.statistics.first?.threshold?.upper == 0.65)
    if fit.status != .ok {
        #expect(allocation.outcome == .inconclusive && !allocation.inconclusiveBecause.isEmpty,
                "a verdict on an unreliable fit is inconclusive and says why")
    }
    let resolved = try String(contentsOf: archived.folder.appendingPathComponent("spec.yaml"), encoding: .utf8)
    #expect(try SpecLoader.parse(yaml: resolved, file: "spec.yaml").models == spec.models)

    let pdf = archived.folder.appendingPathComponent("report.pdf").path
    let info = try tool("pdfinfo", [pdf])
    let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last!) }
    #expect((pages ?? 0) >= 3)
    let text = try tool("pdftotext", [pdf, "-"])
    #expect(text.contains("Verdicts") && text.contains("Approach 3"))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))

    let approach3 = try store.fit(LawFitReportProbe.self, name: "approach3", study: spec.name)
    #expect(approach3?.pointsUsed == 9)
}

/// The fields of a stored Approach 3 fit this test reads back.
private struct LawFitReportProbe: Decodable {
    var pointsUsed: Int
}

@Test func learningRateSweepIsCachedAndPicksEachSizesBestRate() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let yaml = syntheticStudy
        .replacingOccurrences(of: "isoflop_budgets: [2e8, 6e8]", with: "isoflop_budgets: [2e8]\n  learning_rate_sweep: {multipliers: [0.25, 4], tokens: 4_800}")
        .replacingOccurrences(of: "token_budgets: [3_200, 6_400, 12_800]", with: "token_budgets: [3_200, 6_400]")
    let spec = try SpecLoader.parse(yaml: yaml, file: "synthetic.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let pipeline = StudyPipeline(outputFolder: folder)
    // Before the sweep has finished only the sweep is planned: 3 models × 2 multiples.
    let sweep = try pipeline.plan(spec)
    #expect(sweep.count == 6 && sweep.allSatisfy { $0.role.columns["method"] == "lr-sweep" })
    let sweepRates: Set<Double> = Set(sweep.map(\.config.optimizer.learningRate))
    let expectedRates: Set<Double> = [0.25 * 3e-3, 4 * 3e-3]
    #expect(sweepRates == expectedRates)

    let store = try pipeline.openStore()
    let first = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                   cancellation: CancellationFlag()) { _ in }
    let plan = try pipeline.plan(spec)
    let isoFLOPCount = plan.filter { $0.role.columns["method"] == "isoflop" }.count
    #expect(plan.count == 12 + isoFLOPCount)
    #expect(first.trained == plan.count)
    // The pick is the lowest stored final loss of each size's sweep.
    let finished = try store.finishedRuns()
    for model in spec.models {
        let trials = sweep.filter { $0.config.model.name == model.name }
        let best = try #require(trials.min { (finished.finalLossNats[$0.hash] ?? .infinity) < (finished.finalLossNats[$1.hash] ?? .infinity) })
        let main = plan.filter { $0.config.model.name == model.name && $0.role.columns["method"] == "cosine" }
        #expect(!main.isEmpty && main.allSatisfy { $0.config.optimizer.learningRate == best.config.optimizer.learningRate })
    }
    // A second run plans the same runs from the stored sweep and trains nothing.
    let second = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 2, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(second.trained == 0 && second.skipped == plan.count)
    #expect(try pipeline.plan(spec).map(\.hash) == plan.map(\.hash))
    #expect(settings.learningRateSweepRuns(spec).map(\.hash) == sweep.map(\.hash))

    let build = BuildInfo(version: "test", gitCommit: nil, machine: "test machine", threads: 1)
    let archived = try pipeline.reporter(store: store, build: build).report(spec)
    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.contains("Learning-rate sweep"))
}
