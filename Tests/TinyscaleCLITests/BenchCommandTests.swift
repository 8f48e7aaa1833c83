// `tinyscale bench` through the real binary: the table and its footer (OpenBLAS kernel set, how
// it was chosen, and the measured peak), the JSON fields, and an unknown configuration as a
// usage error.
import Foundation
import Testing

@Test func benchPrintsATableWithTheKernelSetAndMeasuredPeak() throws {
    let result = try tinyscale("bench", "--configs", "A", "--steps", "1", "--warmup", "0")
    #expect(result.status == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("config  params(all/non-emb)  tokens/s") == true)
    #expect(lines.dropFirst().first?.hasPrefix("A       120576/100096") == true)
    let footer = String(lines.last ?? "")
    #expect(footer.hasPrefix("threads 1, warm-up 0, measured steps 1; FLOPs/token = 6N + 12·L·T·C; OpenBLAS kernels "))
    #expect(footer.contains(" GFLOP/s (FMA at ") && footer.hasSuffix(" lanes, measured) × threads"))
}

@Test func benchJSONCarriesTheRatesAndTheKernelSet() throws {
    let result = try tinyscale("bench", "--configs", "a", "--steps", "1", "--warmup", "0", "--threads", "2", "--json")
    #expect(result.status == 0, "\(result.standardError)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
    let rows = try #require(parsed as? [[String: Any]])
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect((row["configuration"] as? [String: Any])?["name"] as? String == "A")
    #expect(row["threadCount"] as? Int == 2)
    #expect(((row["blasCore"] as? String) ?? "").isEmpty == false)
    let rate = try #require(row["gigaflopsPerSecond"] as? Double)
    let peak = try #require(row["peakGigaflopsPerSecond"] as? Double)
    let percent = try #require(row["percentOfPeak"] as? Double)
    #expect(peak > 0 && abs(percent - rate / peak * 100) < 1e-6 * max(1, percent))
}

@Test func benchRejectsAnUnknownConfiguration() throws {
    let result = try tinyscale("bench", "--configs", "A,Z")
    #expect(result.status == 64)
    #expect(result.standardError.contains("unknown configuration 'Z'; choose from A, B, C, D"))
}

@Test func benchSaysWhetherTheEnvironmentChoseOpenBLASKernels() throws {
    let arguments = ["bench", "--configs", "A", "--steps", "1", "--warmup", "0"]
    let forced = try tinyscale(arguments, environment: ["OPENBLAS_CORETYPE": "Haswell"])
    #expect(forced.status == 0)
    #expect(forced.standardOutput.contains("OpenBLAS kernels Haswell (set by OPENBLAS_CORETYPE); "))
    let chosen = try tinyscale(arguments, environment: ["OPENBLAS_CORETYPE": nil])
    #expect(chosen.status == 0)
    #expect(chosen.standardOutput.contains(" (chosen for this CPU); "))
}
