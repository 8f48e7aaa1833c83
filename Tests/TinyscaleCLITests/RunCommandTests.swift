// `tinyscale run`, `report` and `list` through the real binary on a tiny synthetic study: a rerun
// trains nothing, and a study killed with SIGKILL mid-way and rerun ends with exactly the results
// of an uninterrupted run.
import Foundation
import Testing

private let tinySpec = """
    kind: scaling-law
    name: tiny-cli
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
      - {name: b, layers: 1, width: 24, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 3, evaluation_batches: 2}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [6_400, 12_800, 25_600], method: both}
    fit: {bootstrap: 10}
    """

private func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try tinySpec.write(to: folder.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
    return folder
}

/// The newest report folder of the tiny study under `output`.
private func newestReport(_ output: URL) throws -> URL {
    let study = output.appendingPathComponent("tiny-cli")
    let stamps = try FileManager.default.contentsOfDirectory(atPath: study.path).filter { !$0.hasPrefix(".") }.sorted()
    return study.appendingPathComponent(try #require(stamps.last))
}

/// run hash → final loss (nats) of every run in the newest data.csv under `output`.
private func finalLosses(_ output: URL) throws -> [String: String] {
    let csv = try String(contentsOf: newestReport(output).appendingPathComponent("data.csv"), encoding: .utf8)
    let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let run = try #require(lines[0].firstIndex(of: "run")), column = try #require(lines[0].firstIndex(of: "final_nats_validation"))
    return Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[run], $0[column]) })
}

/// Reads data.csv with Python's csv module: fails unless the header names unique snake_case
/// columns, every row has one field per column and no line ends in CR; then writes the cosine runs,
/// in the analysis's (parameters, tokens) order, to `cosine` and prints the row count.
private let pythonCSVCheck = #"""
    import csv, re, sys
    source, cosine = sys.argv[1], sys.argv[2]
    raw = open(source, "rb").read()
    assert b"\r" not in raw, "CR in data.csv"
    with open(source, newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    assert len(set(header)) == len(header), "duplicate columns: %r" % header
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in header), "not snake_case: %r" % header
    assert all(len(row) == len(header) for row in body), "ragged rows"
    records = [dict(zip(header, row)) for row in body]
    assert all(record["status"] == "completed" for record in records)
    chosen = sorted((r for r in records if r["method"] == "cosine"), key=lambda r: (float(r["parameters"]), float(r["tokens"])))
    with open(cosine, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([r[name] for name in header] for r in chosen)
    print(len(body))
    """#

@Test func runTrainsReportsAndReusesFinishedRuns() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("tiny.yaml").path, output = folder.appendingPathComponent("out").path
    let first = try tinyscale("run", spec, "--output", output, "--quiet")
    #expect(first.status == 0, "\(first.standardError)")
    #expect(first.standardOutput.hasSuffix("/report.html\n"))
    #expect(FileManager.default.fileExists(atPath: first.standardOutput.trimmingCharacters(in: .newlines)))

    let second = try tinyscale("run", spec, "--output", output)
    #expect(second.status == 0)
    #expect(second.standardError.contains("0 runs trained, 14 reused"))

    let list = try tinyscale("list", "--output", output)
    #expect(list.standardOutput.hasPrefix("tiny-cli: 14 runs (14 complete)\n"))
    let report = try tinyscale("report", "tiny-cli", "--output", output)
    #expect(report.status == 0)
    #expect(report.standardOutput.contains("/tiny-cli/"))

    try checkEvalAndSample(checkpoints: folder.appendingPathComponent("out/checkpoints"), scratch: folder)
    try checkDataRoundTrip(report: newestReport(URL(fileURLWithPath: output)), scratch: folder)
}

/// data.csv loads in Python's csv module, `tinyscale fit` reads it with its default columns, and
/// the cosine runs it holds give back the report's Approach 3 fit.
private func checkDataRoundTrip(report: URL, scratch: URL) throws {
    let python = try #require(ExternalToolPath.find("python3"), "python3 is needed to check data.csv")
    let script = scratch.appendingPathComponent("check_csv.py"), cosine = scratch.appendingPathComponent("cosine.csv")
    try pythonCSVCheck.write(to: script, atomically: true, encoding: .utf8)
    let data = report.appendingPathComponent("data.csv").path
    let check = try runProcess(URL(fileURLWithPath: python), [script.path, data, cosine.path])
    #expect(check.status == 0, "\(check.standardError)")
    #expect(check.standardOutput == "14\n")

    let whole = try tinyscale("fit", "--csv", data, "--bootstrap", "0")
    #expect(whole.status == 0, "\(whole.standardError)")
    #expect(whole.standardOutput.contains("Columns read: parameters, tokens, final_bpb_validation."))

    let fitted = try tinyscale("fit", "--csv", cosine.path, "--bootstrap", "0", "--json")
    #expect(fitted.status == 0, "\(fitted.standardError)")
    let cli = try #require(try JSONSerialization.jsonObject(with: Data(fitted.standardOutput.utf8)) as? [String: Any])
    let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("report.json"))) as? [String: Any])
    let fits = try #require(summary["fits"] as? [[String: Any]])
    let approach3 = try #require(fits.first { $0["name"] as? String == "approach3" })
    func estimates(_ quantities: Any?) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: ((quantities as? [[String: Any]]) ?? []).compactMap { quantity in
            (quantity["estimate"] as? Double).map { (quantity["name"] as? String ?? "", $0) }
        })
    }
    let fromCLI = estimates(cli["parameters"]), fromReport = estimates(approach3["parameters"])
    #expect(approach3["points_used"] as? Int == cli["pointsUsed"] as? Int)
    for name in ["alpha", "beta", "log_A", "log_B", "log_E"] {
        let a = try #require(fromCLI[name], "\(name) missing from tinyscale fit"), b = try #require(fromReport[name])
        #expect(abs(a - b) <= 1e-9 * max(abs(b), 1), "\(name): tinyscale fit \(a), report \(b)")
    }
}

/// `eval` and `sample` on one of the study's trained models.
private func checkEvalAndSample(checkpoints: URL, scratch: URL) throws {
    let run = try #require(try FileManager.default.contentsOfDirectory(atPath: checkpoints.path).sorted().first)
    let model = checkpoints.appendingPathComponent(run).appendingPathComponent("final").path
    let text = scratch.appendingPathComponent("text.txt")
    try String(repeating: "the cat sat on the mat. ", count: 40).write(to: text, atomically: true, encoding: .utf8)

    let evaluation = try tinyscale("eval", model, "--data", text.path, "--json")
    #expect(evaluation.status == 0, "\(evaluation.standardError)")
    let fields = try JSONSerialization.jsonObject(with: Data(evaluation.standardOutput.utf8)) as? [String: Double]
    let nats = try #require(fields?["loss_nats"]), bits = try #require(fields?["bits_per_byte"])
    #expect(abs(bits - nats / log(2)) < 1e-9)
    #expect(nats > 0 && nats < log(256) + 1)
    #expect(fields?["tokens"] == Double(((40 * 24 - 1) / 16) * 16))

    let first = try tinyscale("sample", model, "--prompt", "the \u{1B}[31m", "--bytes", "40", "--seed", "7")
    let second = try tinyscale("sample", model, "--prompt", "the \u{1B}[31m", "--bytes", "40", "--seed", "7")
    #expect(first.status == 0)
    #expect(first.standardOutput == second.standardOutput)
    #expect(first.standardOutput.hasPrefix("the \\u{1b}[31m"))
    #expect(!first.standardOutput.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })

    #expect(try tinyscale("sample", model, "--top-k", "0").status == 64)
    #expect(try tinyscale("eval", model, "--data", text.path, "--context", "999").status == 64)
    #expect(try tinyscale("eval", scratch.appendingPathComponent("nope").path, "--data", text.path).status == 66)
    #expect(try tinyscale("eval", model, "--data", scratch.appendingPathComponent("nope.txt").path).status == 66)
}

@Test func killedStudyResumesToTheUninterruptedResults() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("tiny.yaml").path
    let reference = folder.appendingPathComponent("reference"), killed = folder.appendingPathComponent("killed")
    #expect(try tinyscale("run", spec, "--output", reference.path, "--quiet", "--jobs", "1").status == 0)

    let process = try startTinyscale(["run", spec, "--output", killed.path, "--quiet", "--jobs", "1"])
    let store = killed.appendingPathComponent("checkpoints")
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: store.path), process.isRunning, Date() < deadline {
        Thread.sleep(forTimeInterval: 0.05)
    }
    Thread.sleep(forTimeInterval: 0.3)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()

    let rerun = try tinyscale("run", spec, "--output", killed.path, "--quiet", "--jobs", "1")
    #expect(rerun.status == 0, "\(rerun.standardError)")
    let expected = try finalLosses(reference)
    #expect(expected.count == 14)
    #expect(try finalLosses(killed) == expected)
}

/// Finds an executable on PATH.
private enum ExternalToolPath {
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

