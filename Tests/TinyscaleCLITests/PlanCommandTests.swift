// `tinyscale plan` and `run --dry-run` through the real binary: stored and missing runs, parsed
// JSON, nothing written to the store, and an estimate within a factor of two of the real time.
import Foundation
import Testing

private func spec(name: String, models: String, training: String, budgets: String) -> String {
    """
    kind: scaling-law
    name: \(name)
    models:
    \(models)
    training: \(training)
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: \(budgets), method: cosine}
    fit: {bootstrap: 10}
    report: {formats: [html]}
    """
}

private func workspace(_ text: String) throws -> (folder: URL, spec: String, output: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-plan-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let spec = folder.appendingPathComponent("plan.yaml")
    try text.write(to: spec, atomically: true, encoding: .utf8)
    return (folder, spec.path, folder.appendingPathComponent("out").path)
}

private func parse(_ json: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
}

// Serialized: one test's calibration must not share the cores with the other's training.
@Suite(.serialized) struct PlanCommandTests {
    @Test func seedsTakeAListOrACount() throws {
        let (folder, spec, output) = try workspace(spec(
            name: "seeds", models: "  - {name: a, layers: 1, width: 16, heads: 2}",
            training: "{batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}", budgets: "[3_200]"))
        defer { try? FileManager.default.removeItem(at: folder) }
        func seeds(_ options: String...) throws -> [String] {
            let result = try tinyscale(["plan", spec, "-o", output, "--json"] + options)
            #expect(result.status == 0, "\(result.standardError)")
            let runs = try #require(try parse(result.standardOutput)["runs"] as? [[String: Any]])
            return runs.compactMap { ($0["label"] as? String)?.components(separatedBy: " · ").last }
        }
        #expect(try seeds("--seeds", "3,7") == ["seed 3", "seed 7"])
        #expect(try seeds("--seed-count", "2") == ["seed 0", "seed 1"])
        #expect(try seeds() == ["seed 0"])
        for bad in [["--seeds", "0,x"], ["--seeds", "1,1"], ["--seeds", "-1"], ["--seeds", "1", "--seed-count", "2"], ["--seed-count", "0"]] {
            let refused = try tinyscale(["plan", spec, "-o", output] + bad)
            #expect(refused.status == 64, "\(bad): \(refused.standardError)")
            #expect(refused.standardError.contains("--seed"), "\(bad): \(refused.standardError)")
        }
    }

    @Test func planListsStoredAndMissingRunsAndWritesNothing() throws {
        let (folder, spec, output) = try workspace(spec(
            name: "tiny-plan", models: "  - {name: a, layers: 1, width: 16, heads: 2}\n  - {name: b, layers: 1, width: 24, heads: 2}",
            training: "{batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}", budgets: "[3_200, 6_400, 12_800]"))
        defer { try? FileManager.default.removeItem(at: folder) }

        // No store yet: the plan creates none.
        let empty = try tinyscale("plan", spec, "-o", output, "--json")
        #expect(empty.status == 0, "\(empty.standardError)")
        #expect(!FileManager.default.fileExists(atPath: output + "/tinyscale.sqlite"))
        #expect(try parse(empty.standardOutput)["runs_to_train"] as? Int == 6)

        let trained = try tinyscale("run", spec, "-o", output, "--quiet")
        #expect(trained.status == 0, "\(trained.standardError)")
        let storeDate = try FileManager.default.attributesOfItem(atPath: output + "/tinyscale.sqlite")[.modificationDate] as? Date

        // A second seed: seed 0's runs are stored, seed 1's are missing.
        let result = try tinyscale("plan", spec, "--output", output, "--seed-count", "2", "--json")
        #expect(result.status == 0, "\(result.standardError)")
        let plan = try parse(result.standardOutput)
        let runs = try #require(plan["runs"] as? [[String: Any]])
        #expect(runs.count == 12)
        let stored = runs.filter { $0["to_train"] as? Bool == false }, missing = runs.filter { $0["to_train"] as? Bool == true }
        #expect(stored.count == 6 && missing.count == 6)
        #expect(stored.allSatisfy { $0["status"] as? String == "complete" && ($0["label"] as? String)?.contains("seed 0") == true })
        #expect(missing.allSatisfy { $0["status"] as? String == "new" && ($0["label"] as? String)?.contains("seed 1") == true })
        #expect(missing.allSatisfy { ($0["estimated_seconds"] as? Double ?? 0) > 0 })
        #expect(plan["runs_to_train"] as? Int == 6)
        #expect(plan["bytes_to_train"] as? Int == 2 * (3_200 + 6_400 + 12_800))
        let flops = missing.map { $0["flops"] as? Double ?? 0 }.reduce(0, +)
        #expect(abs((plan["flops_to_train"] as? Double ?? 0) - flops) <= 1e-9 * flops)
        #expect((plan["estimated_seconds"] as? Double ?? 0) > 0)
        #expect(plan["study"] as? String == "tiny-plan" && plan["profile"] as? String == "full")

        // The table, the same from `run --dry-run` (the calibration is cached), and no store write.
        let table = try tinyscale("plan", spec, "-o", output, "--seed-count", "2")
        let dryRun = try tinyscale("run", spec, "-o", output, "--seed-count", "2", "--dry-run")
        #expect(table.status == 0 && dryRun.status == 0)
        #expect(table.standardOutput == dryRun.standardOutput)
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "tiny-plan (profile full): 12 runs, 6 already in \(output)/tinyscale.sqlite, 6 to train")
        #expect(lines[1].hasPrefix("run ") && lines[1].hasSuffix("  stored  estimate"))
        #expect(lines.filter { $0.contains("seed 0") }.allSatisfy { $0.contains("  yes  ") && $0.hasSuffix("  —") })
        #expect(lines.filter { $0.contains("seed 1") }.allSatisfy { $0.contains("  no  ") && $0.hasSuffix(" s") })
        #expect(lines.contains { $0.hasPrefix("To train: 6 runs, 44.8 kB, ") })
        #expect(lines.last == "Nothing was trained or written.")
        #expect(try FileManager.default.attributesOfItem(atPath: output + "/tinyscale.sqlite")[.modificationDate] as? Date == storeDate)
        let list = try tinyscale("list", "-o", output)
        #expect(list.standardOutput.hasPrefix("tiny-plan: 6 runs (6 complete)\n"))
    }

    /// The estimate against the real thing: the test times `tinyscale run` and subtracts the time of
    /// `tinyscale report` (fits and HTML, which the estimate does not cover) to get the training time.
    /// The ratio is the behaviour under test; its factor of two is the promise the README makes.
    /// It compares wall-clock times, which other work on the machine (other test suites in CI)
    /// distorts, so like the benchmarks it runs on request: `TINYSCALE_TIMING_TESTS=1 swift test
    /// --filter estimateIsWithin` on an otherwise idle machine.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TINYSCALE_TIMING_TESTS"] == "1",
                   "wall-clock comparison: set TINYSCALE_TIMING_TESTS=1 on an idle machine"))
    func estimateIsWithinAFactorOfTwoOfTheMeasuredTime() throws {
        let (folder, spec, output) = try workspace(spec(
            name: "timed-plan", models: "  - {name: a, layers: 2, width: 64, heads: 4}\n  - {name: b, layers: 2, width: 96, heads: 4}",
            training: "{batch_size: 8, context: 64, evaluations: 4, evaluation_batches: 4, threads: 1}",
            budgets: "[8_192, 16_384]"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let planned = try tinyscale("plan", spec, "-o", output, "-j", "1", "--json")
        #expect(planned.status == 0, "\(planned.standardError)")
        let estimate = try #require(try parse(planned.standardOutput)["estimated_seconds"] as? Double)

        let clock = ContinuousClock()
        var start = clock.now
        let run = try tinyscale("run", spec, "-o", output, "-j", "1", "--quiet")
        let runTime = clock.now - start
        #expect(run.status == 0, "\(run.standardError)")
        start = clock.now
        let report = try tinyscale("report", "timed-plan", "-o", output)
        let reportTime = clock.now - start
        #expect(report.status == 0, "\(report.standardError)")
        let seconds = { (duration: Duration) in Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18 }
        let measured = max(seconds(runTime) - seconds(reportTime), 1e-3)
        let ratio = estimate / measured
        #expect(ratio > 0.5 && ratio < 2, "estimated \(estimate) s, measured \(measured) s of training (run \(seconds(runTime)) s − report \(seconds(reportTime)) s)")
    }
}
