// Reliability through the real binary: an edited `file:` corpus retrains exactly the runs that read
// it; two `run`s on one output folder train every run once (the second waits, naming the first's
// PID, or stops with 75 under --no-wait); a killed run is listed as interrupted and `report` will
// not archive its study as final; `validate` and `run` refuse what `run` could not do, before
// anything is written.
import Foundation
import Synchronization
import Testing

/// A scaling-law spec on `corpus` with one model and `budgets` token budgets (one run each).
private func spec(name: String, corpus: String, budgets: [Int] = [3_200, 6_400]) -> String {
    """
    kind: scaling-law
    name: \(name)
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 1}
    data: {corpus: "\(corpus)", validation_fraction: 0.1}
    protocol: {token_budgets: [\(budgets.map(String.init).joined(separator: ", "))], method: cosine}
    fit: {bootstrap: 10}

    """
}

/// `count` paragraphs separated by blank lines, different for each `seed`.
private func paragraphs(_ count: Int, seed: Int) -> String {
    let words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far", "into", "woods", "\(seed)"]
    return (0..<count).map { index in
        (0..<(20 + index % 17)).map { words[($0 * 7 + index * 3 + seed) % words.count] }.joined(separator: " ")
    }.joined(separator: "\n\n") + "\n"
}

private func workspace() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    return folder
}

/// (trained, reused) from the summary line of `run`'s standard error.
private func counts(_ standardError: String) -> (trained: Int, reused: Int)? {
    guard let line = standardError.split(separator: "\n").first(where: { $0.contains(" runs trained, ") }) else { return nil }
    let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
}

/// Text appended from the pipe's reading thread and read from the test's.
private final class Collected: Sendable {
    let text = Mutex("")
}

/// A process started with its standard error collected as it comes.
private final class Running {
    let process: Process
    private let collected = Collected()

    init(_ arguments: [String]) throws {
        let pipe = Pipe()
        let collected = collected
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                collected.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        process = try startTinyscale(arguments, standardError: pipe)
    }

    var standardError: String { collected.text.withLock { $0 } }

    /// Waits until standard error contains `text` or the process ends (a generous limit guards
    /// against a hang; the test does not depend on how long it takes).
    func waitFor(_ text: String) -> Bool {
        let limit = Date().addingTimeInterval(120)
        while !standardError.contains(text), process.isRunning, Date() < limit {
            Thread.sleep(forTimeInterval: 0.02)
        }
        return standardError.contains(text)
    }

    func finish() -> Int32 {
        process.waitUntilExit()
        Thread.sleep(forTimeInterval: 0.1)  // the last bytes of standard error
        return process.terminationStatus
    }
}

@Test func editedFileCorpusRetrainsExactlyTheRunsThatReadIt() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let output = folder.appendingPathComponent("out").path
    let edited = folder.appendingPathComponent("data/edited.txt"), kept = folder.appendingPathComponent("data/kept.txt")
    try paragraphs(300, seed: 1).write(to: edited, atomically: true, encoding: .utf8)
    try paragraphs(300, seed: 2).write(to: kept, atomically: true, encoding: .utf8)
    // Relative paths: read from the spec's folder, not from the working directory (the repository).
    try spec(name: "edited", corpus: "file:data/edited.txt").write(to: folder.appendingPathComponent("edited.yaml"), atomically: true, encoding: .utf8)
    try spec(name: "kept", corpus: "file:data/kept.txt").write(to: folder.appendingPathComponent("kept.yaml"), atomically: true, encoding: .utf8)
    let editedSpec = folder.appendingPathComponent("edited.yaml").path, keptSpec = folder.appendingPathComponent("kept.yaml").path

    for path in [editedSpec, keptSpec] {
        let first = try tinyscale("run", path, "--output", output)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(counts(first.standardError)?.trained == 2)
    }
    try (paragraphs(300, seed: 1) + "\nan added paragraph\n").write(to: edited, atomically: true, encoding: .utf8)
    let rerunEdited = try tinyscale("run", editedSpec, "--output", output)
    #expect(rerunEdited.status == 0, "\(rerunEdited.standardError)")
    #expect(counts(rerunEdited.standardError).map { [$0.trained, $0.reused] } == [2, 0])
    let rerunKept = try tinyscale("run", keptSpec, "--output", output)
    #expect(counts(rerunKept.standardError).map { [$0.trained, $0.reused] } == [0, 2])

    // The report records the digest of the bytes the runs read.
    let report = try String(contentsOfFile: rerunEdited.standardOutput.trimmingCharacters(in: .newlines), encoding: .utf8)
    let digest = try sha256sum(edited.path)
    #expect(report.contains("file, SHA-256 \(digest)"))
}

/// `sha256sum`'s digest of the file at `path`.
private func sha256sum(_ path: String) throws -> String {
    let process = Process(), output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
    process.arguments = [path]
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(String(decoding: data, as: UTF8.self).prefix(64))
}

@Test func twoRunsOnOneOutputFolderTrainEveryRunOnce() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let specPath = folder.appendingPathComponent("both.yaml").path
    try spec(name: "both", corpus: "synthetic:alpha", budgets: [3_200, 6_400, 12_800]).write(toFile: specPath, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out").path
    let first = try Running(["run", specPath, "--output", output, "--jobs", "1"])
    let second = try Running(["run", specPath, "--output", output, "--jobs", "1"])
    let statuses = [first.finish(), second.finish()]
    #expect(statuses == [0, 0], "\(first.standardError)\n---\n\(second.standardError)")
    let trained = [counts(first.standardError), counts(second.standardError)].compactMap { $0 }
    #expect(trained.count == 2)
    #expect(trained.map(\.trained).reduce(0, +) == 3, "every run trained exactly once")
    let waited = [first, second].filter { $0.standardError.contains("Waiting for PID ") }
    #expect(waited.count <= 1)
    for running in waited {
        #expect(counts(running.standardError).map { [$0.trained, $0.reused] } == [0, 3])
    }
    let list = try tinyscale("list", "--output", output)
    #expect(list.standardOutput.hasPrefix("both: 3 runs (3 complete)\n"))
}

@Test func aRunWaitsForTheProcessHoldingTheOutputFolder() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let specPath = folder.appendingPathComponent("wait.yaml").path
    try spec(name: "wait", corpus: "synthetic:alpha", budgets: [3_200]).write(toFile: specPath, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

    // This test process plays the first run: it holds the lock and names itself in the file.
    let descriptor = open(output.appendingPathComponent("tinyscale.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(descriptor >= 0)
    #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
    let record = "\(getpid())\ntinyscale run other.yaml\n2026-12-01T10:00:00Z\n"
    #expect(write(descriptor, record, record.utf8.count) == record.utf8.count)

    let refused = try tinyscale("run", specPath, "--output", output.path, "--no-wait")
    #expect(refused.status == 75)
    #expect(refused.standardError == "error: \(output.path) is in use by PID \(getpid()) (tinyscale run other.yaml, since 2026-12-01T10:00:00Z); run again when it finishes, or use another --output\n")
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("tinyscale.sqlite").path))

    let waiting = try Running(["run", specPath, "--output", output.path, "--quiet"])
    #expect(waiting.waitFor("Waiting for PID \(getpid()) (tinyscale run other.yaml, since 2026-12-01T10:00:00Z) to finish with \(output.path)"))
    #expect(waiting.process.isRunning)
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("tinyscale.sqlite").path),
            "nothing is opened or trained while waiting")
    close(descriptor)
    #expect(waiting.finish() == 0, "\(waiting.standardError)")
    #expect(try tinyscale("list", "--output", output.path).standardOutput.hasPrefix("wait: 1 runs (1 complete)\n"))
}

@Test func aKilledRunIsInterruptedAndItsStudyIsNotReportedAsFinal() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    let specPath = folder.appendingPathComponent("killed.yaml").path
    // Budgets large enough that the first run is still training when the test sees it running.
    try spec(name: "killed", corpus: "synthetic:alpha", budgets: [3_200_000, 6_400_000]).write(toFile: specPath, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out").path
    let running = try Running(["run", specPath, "--output", output, "--jobs", "1"])
    var listing = ""
    let limit = Date().addingTimeInterval(120)
    while !listing.contains("running"), running.process.isRunning, Date() < limit {
        Thread.sleep(forTimeInterval: 0.05)
        listing = try tinyscale("list", "--output", output).standardOutput
    }
    #expect(listing.contains("killed: 2 runs (1 pending, 1 running)"), "\(listing)")
    #expect(listing.contains("Training now: PID \(running.process.processIdentifier) (tinyscale run \(specPath)"))
    let duringRun = try tinyscale("report", "killed", "--output", output)
    #expect(duringRun.status == 75)
    #expect(duringRun.standardError.hasPrefix("killed: incomplete: 0 of 2 runs complete (1 pending, 1 running). No report archived: PID \(running.process.processIdentifier) "))
    kill(running.process.processIdentifier, SIGKILL)
    _ = running.finish()

    let afterKill = try tinyscale("list", "--output", output)
    #expect(afterKill.standardOutput == "killed: 2 runs (1 pending, 1 interrupted)\n")
    let refused = try tinyscale("report", "killed", "--output", output)
    #expect(refused.status == 75)
    #expect(refused.standardError == "killed: incomplete: 0 of 2 runs complete (1 pending, 1 interrupted). No report archived: run `tinyscale run \(specPath) --output \(output)` to finish it, or pass --partial for a report marked partial.\n")
    let partial = try tinyscale("report", "killed", "--output", output, "--partial")
    #expect(partial.status == 0, "\(partial.standardError)")
    let html = try String(contentsOfFile: partial.standardOutput.trimmingCharacters(in: .newlines), encoding: .utf8)
    #expect(html.contains("(partial)"))
    #expect(html.contains("Partial report: 0 of 2 runs complete (1 pending, 1 interrupted)"))
    #expect(try tinyscale("list", "--output", output).standardOutput.contains("/report.html  (partial)\n"))
    let listed = try tinyscale("list", "--output", output, "--json")
    #expect(listed.status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [String: Any])
    #expect(json["training_now"] is NSNull)
    let studies = try #require(json["studies"] as? [[String: Any]])
    #expect(studies.count == 1)
    #expect(studies.first?["study"] as? String == "killed")
    #expect(studies.first?["runs"] as? Int == 2)
    #expect(studies.first?["states"] as? [String: Int] == ["pending": 1, "interrupted": 1])
    let reports = try #require(studies.first?["reports"] as? [[String: Any]])
    #expect(reports.count == 1)
    #expect(reports.first?["partial"] as? Bool == true)
    #expect((reports.first?["path"] as? String)?.hasSuffix("/report.html") == true)
    #expect(reports.first?["profile"] as? String == "full")
    let unknown = try tinyscale("report", "kiled", "--output", output)
    #expect(unknown.status == 66)
    #expect(unknown.standardError == "error: no study 'kiled' in the store; did you mean 'killed'?; studies in the store: killed\n")
}

@Test func validateAndRunRefuseWhatRunCannotDoBeforeWritingAnything() throws {
    let folder = try workspace()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "a few words\n\nand a few more\n".write(to: folder.appendingPathComponent("data/small.txt"), atomically: true, encoding: .utf8)
    let cases: [(name: String, corpus: String, status: Int32, message: String)] = [
        ("missing", "file:data/missing.txt", 66, "data.corpus: no file at \(folder.path)/data/missing.txt"),
        ("folder", "file:data", 65, "data.corpus: \(folder.path)/data is a folder, not a regular file"),
        ("root", "file:/", 65, "data.corpus: / is a folder, not a regular file"),
        ("device", "file:/dev/zero", 65, "data.corpus: /dev/zero is a character device, not a regular file"),
        ("small", "file:data/small.txt", 65, "but a run reads 3201 bytes from it in at most 4 passes (108 bytes)"),
        ("\"\"", "synthetic:alpha", 65, "name: found ''; it is empty"),
        ("café", "synthetic:alpha", 65, "name: found 'café'; a study name is 1 to 100 ASCII letters"),
    ]
    for (index, example) in cases.enumerated() {
        let path = folder.appendingPathComponent("case\(index).yaml").path
        try spec(name: example.name, corpus: example.corpus).write(toFile: path, atomically: true, encoding: .utf8)
        let validated = try tinyscale("validate", path)
        #expect(validated.status == example.status, "\(example.corpus): \(validated.standardError)")
        #expect(validated.standardError.hasPrefix("\(path):"), "file:line:column first")
        #expect(validated.standardError.contains(example.message), "\(validated.standardError)")
        let output = folder.appendingPathComponent("out\(index)")
        let ran = try tinyscale("run", path, "--output", output.path)
        #expect(ran.status == example.status)
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing written for \(example.corpus)")
    }
}
