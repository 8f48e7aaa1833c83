// `tinyscale show` through the real binary: one run's config, evaluation curves and training log.
import Foundation
import Testing

@Test func showPrintsConfigEvaluationsAndTrainingLog() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-show-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("show.yaml").path, output = folder.appendingPathComponent("out").path
    try """
        kind: scaling-law
        name: tiny-show
        models:
          - {name: a, layers: 1, width: 16, heads: 2}
          - {name: b, layers: 1, width: 24, heads: 2}
        training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2, log_every: 20}
        data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
        protocol: {token_budgets: [3_200, 6_400], method: cosine}
        fit: {bootstrap: 10}
        report: {formats: [html]}
        """.write(toFile: spec, atomically: true, encoding: .utf8)
    #expect(try tinyscale("show", "abc", "-o", output).status == 66)
    let trained = try tinyscale("run", spec, "-o", output, "--quiet")
    #expect(trained.status == 0, "\(trained.standardError)")
    let plan = try #require(try JSONSerialization.jsonObject(with: Data(tinyscale("plan", spec, "-o", output, "--json").standardOutput.utf8)) as? [String: Any])
    let run = try #require((plan["runs"] as? [[String: Any]])?.first { ($0["label"] as? String)?.hasPrefix("a · 6.4k") == true })
    let hash = try #require(run["hash"] as? String)

    let shown = try tinyscale("show", String(hash.prefix(8)), "-o", output)
    #expect(shown.status == 0, "\(shown.standardError)")
    let text = shown.standardOutput
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines[0] == "run \(hash)")
    #expect(lines[1] == "study tiny-show: \(run["label"] as? String ?? "")")
    #expect(lines[2].hasPrefix("status complete, final loss ") && lines[2].contains(" 6400 tokens, "))
    // The config block is JSON: from "config:" to the blank line before the evaluations.
    let configStart = try #require(lines.firstIndex(of: "config:")) + 1
    let evaluations = try #require(lines.firstIndex(of: "evaluations (held-out loss, bits/byte):"))
    let config = try #require(try JSONSerialization.jsonObject(with: Data(lines[configStart..<(evaluations - 1)].joined(separator: "\n").utf8)) as? [String: Any])
    #expect(config["steps"] as? Int == 100 && config["batchSize"] as? Int == 4)
    #expect(lines[evaluations + 1].split(separator: " ") == ["step", "tokens", "validation"])
    let lastEvaluation = try #require(lines[(evaluations + 2)...].prefix { !$0.isEmpty }.last)
    #expect(Array(lastEvaluation.split(separator: " ").prefix(2)) == ["100", "6400"])
    // 100 steps logged every 20: five rows under the header.
    let log = try #require(lines.firstIndex { $0.hasPrefix("training log (every training.log_every steps") })
    #expect(lines[log + 1].split(separator: " ") == ["step", "tokens", "loss", "learning_rate", "gradient_norm", "tokens_per_s"])
    let rows = lines[(log + 2)...].filter { !$0.isEmpty }.map { $0.split(separator: " ").map(String.init) }
    #expect(rows.map { $0[0] } == ["20", "40", "60", "80", "100"])
    #expect(rows.allSatisfy { $0.count == 6 && Double($0[2]) != nil && Double($0[3]) != nil && Double($0[4]) != nil })

    let unknown = try tinyscale("show", "ffffffffffff", "-o", output)
    #expect(unknown.status == 65)
    #expect(unknown.standardError.hasPrefix("error: no run whose hash starts with 'ffffffffffff' in "))
}
