// Fault injection through the real binary: `tinyscale run` killed with SIGKILL at seeded random
// moments — while loading, training, checkpointing, writing the store or the report — at least ten
// times, then finished, must end with exactly the results of an uninterrupted run: every run's
// final weights identical byte for byte, the same final losses, nothing left running or damaged.
import Foundation
import Testing

private let faultSpec = """
    kind: scaling-law
    name: faults
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 4, evaluation_batches: 1}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [3_200, 6_400, 9_600], method: cosine}
    fit: {bootstrap: 10}

    """

/// A seeded generator (SplitMix64), so the kill moments are the same on every machine.
private struct KillClock: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Each run's final weights by run hash (the folder name under `checkpoints/`).
private func finalWeights(_ output: URL) throws -> [String: Data] {
    let checkpoints = output.appendingPathComponent("checkpoints")
    var weights: [String: Data] = [:]
    for hash in try FileManager.default.contentsOfDirectory(atPath: checkpoints.path) {
        let file = checkpoints.appendingPathComponent("\(hash)/final/model.safetensors")
        if let data = FileManager.default.contents(atPath: file.path) { weights[hash] = data }
    }
    return weights
}

/// (run hash, final validation loss in nats) of the newest report's data.csv, sorted by hash.
private func finalLosses(_ output: URL) throws -> [String] {
    let study = output.appendingPathComponent("faults")
    let stamps = try FileManager.default.contentsOfDirectory(atPath: study.path).filter { !$0.hasPrefix(".") }.sorted()
    let newest = try #require(stamps.last)
    let csv = try String(contentsOf: study.appendingPathComponent("\(newest)/data.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(rows.first)
    let hash = try #require(header.firstIndex(of: "run")), loss = try #require(header.firstIndex(of: "final_nats_validation"))
    return rows.dropFirst().map { "\($0[hash]) \($0[loss])" }.sorted()
}

@Test func runsKilledAtRandomMomentsEndWithTheResultsOfAnUninterruptedRun() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-faults-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let specPath = folder.appendingPathComponent("faults.yaml").path
    try faultSpec.write(toFile: specPath, atomically: true, encoding: .utf8)

    let reference = folder.appendingPathComponent("reference")
    let started = Date()
    let uninterrupted = try tinyscale("run", specPath, "--output", reference.path, "--jobs", "1", "--quiet")
    let duration = Date().timeIntervalSince(started)
    #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
    let expectedWeights = try finalWeights(reference)
    #expect(expectedWeights.count == 3)

    // Kill moments are drawn over the uninterrupted run's duration, so they land in every phase.
    // A round ends when a run survives to its end; rounds start afresh until ten kills are made.
    var clock = KillClock(state: 19)
    var kills = 0, round = 0
    while kills < 10 {
        round += 1
        let output = folder.appendingPathComponent("killed-\(round)")
        var finished = false
        while !finished {
            let process = try startTinyscale(["run", specPath, "--output", output.path, "--jobs", "1", "--quiet"])
            let deadline = Date().addingTimeInterval(Double.random(in: 0.05...max(0.1, duration), using: &clock))
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                kills += 1
            } else {
                #expect(process.terminationStatus == 0, "round \(round): a run after \(kills) kills failed")
                finished = true
            }
        }
        let rerun = try tinyscale("run", specPath, "--output", output.path, "--jobs", "1")
        #expect(rerun.status == 0)
        #expect(rerun.standardError.contains("0 runs trained, 3 reused"), "round \(round): \(rerun.standardError)")
        #expect(try finalWeights(output) == expectedWeights, "round \(round): final weights differ after \(kills) kills")
        #expect(try finalLosses(output) == (try finalLosses(reference)), "round \(round)")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: output.path)
            .filter { $0.contains(".partial") || $0.hasSuffix("latest.damaged") || $0.hasSuffix("/latest") }
        #expect(leftovers.isEmpty, "round \(round): nothing half-written or damaged is left: \(leftovers)")
        let listing = try tinyscale("list", "--output", output.path).standardOutput
        #expect(listing.hasPrefix("faults: 3 runs (3 complete)\n"), "\(listing)")
        #expect(!listing.contains("partial"), "\(listing)")
    }
    #expect(kills >= 10)
}
