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
      isoflop_budgets: [4e8, 8e8]
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
    #expect(files == ["data.csv", "report.html", "report.json", "report.pdf", "spec.yaml"])

    let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<svg").count - 1 >= 4)
    for heading in ["Verdicts", "Approach 3: the parametric law", "Compute-optimal allocation", "Kaplan", "Runs"] {
        #expect(html.contains(heading), "missing section \(heading)")
    }
    #expect(html.contains("alpha") && html.contains("allocation_exponent_a"))
    #expect(!html.contains(">allocation_a<"), "the allocation exponent has one name")
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

@Test func isoFLOPRunsStayWithinTwiceTheLargestTokenBudget() throws {
    let spec = try SpecLoader.parse(yaml: syntheticStudy.replacingOccurrences(of: "[4e8, 8e8]", with: "[4e8, 8e8, 4e9]"),
                                    file: "synthetic.yaml")
    guard case .scalingLaw(let settings) = spec.settings else { throw CancellationError() }
    let isoFLOP = settings.plan(spec).filter { $0.role.columns["method"] == "isoflop" }
    #expect(!isoFLOP.isEmpty)
    #expect(isoFLOP.allSatisfy { $0.config.tokens <= 2 * 12_800 })
    // At C = 4e9 only the largest model fits the limit; smaller ones would need too many tokens.
    let atLargestBudget = try isoFLOP.filter { try $0.role.decode(ScalingLawRole.self).compute == 4e9 }
    #expect(atLargestBudget.map(\.config.model.name) == ["m"])
}
