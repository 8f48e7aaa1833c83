// `tinyscale run --json` through the real binary on a one-run study: standard output is one JSON
// object with the study, profile, report, run counts and verdicts; progress stays on standard error.
import Foundation
import Testing

private let tinySpec = """
    kind: scaling-law
    name: tiny-json
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [3_200], method: cosine}
    fit: {bootstrap: 10}
    report: {formats: [html]}
    """

@Suite struct RunJSONTests {
    @Test func runPrintsItsSummaryAsJSON() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-run-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = folder.appendingPathComponent("tiny.yaml").path, output = folder.appendingPathComponent("out").path
        try tinySpec.write(toFile: spec, atomically: true, encoding: .utf8)

        let first = try tinyscale("run", spec, "-o", output, "--json")
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("Fitting and writing the report"), "progress goes to standard error")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [String: Any])
        #expect(Set(summary.keys) == ["study", "profile", "report_folder", "report", "runs", "verdict_counts", "verdicts"])
        #expect(summary["study"] as? String == "tiny-json")
        #expect(summary["profile"] as? String == "full")
        let runs = try #require(summary["runs"] as? [String: Int])
        #expect(runs == ["trained": 1, "reused": 0, "diverged": 0, "interrupted": 0])
        let reportFolder = try #require(summary["report_folder"] as? String)
        #expect(summary["report"] as? String == reportFolder + "/report.html")
        #expect(FileManager.default.fileExists(atPath: reportFolder + "/report.html"))

        // The verdicts are those of the archived report.json, counted by outcome.
        let archived = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: reportFolder + "/report.json"))) as? [String: Any])
        let archivedVerdicts = try #require(archived["verdicts"] as? [[String: Any]])
        let verdicts = try #require(summary["verdicts"] as? [[String: String]])
        #expect(!verdicts.isEmpty)
        #expect(verdicts.map { $0["claim"] } == archivedVerdicts.map { $0["claim"] as? String })
        #expect(verdicts.map { $0["outcome"] } == archivedVerdicts.map { $0["outcome"] as? String })
        let counts = try #require(summary["verdict_counts"] as? [String: Int])
        #expect(Set(counts.keys) == ["reproduced", "not-reproduced", "inconclusive"])
        for (outcome, count) in counts {
            #expect(verdicts.count(where: { $0["outcome"] == outcome }) == count, "\(outcome)")
        }

        let second = try tinyscale("run", spec, "-o", output, "--json", "--quiet")
        #expect(second.status == 0, "\(second.standardError)")
        let rerun = try #require(try JSONSerialization.jsonObject(with: Data(second.standardOutput.utf8)) as? [String: Any])
        #expect(rerun["runs"] as? [String: Int] == ["trained": 0, "reused": 1, "diverged": 0, "interrupted": 0])
    }
}
