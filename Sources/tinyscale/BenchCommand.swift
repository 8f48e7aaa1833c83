// `tinyscale bench`: trains the reference configurations for a fixed number of steps and prints
// their speed (the measuring is TinyGPT's `runBenchmark`; this file only parses and formats).
import ArgumentParser
import Benchmarks
import Foundation
import TinyGPT

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure training speed on the reference model configurations A–D.",
        discussion: """
            Each configuration trains from a fixed seed on synthetic bytes: warm-up steps first, \
            then measured steps. Reported: tokens/s, ms per step split into forward, backward and \
            optimizer, GFLOP/s counted as (6N + 12·L·T·C) FLOPs per token with N all parameters, \
            that rate as a percentage of the peak (one core's fused multiply–add peak at the \
            vector width of OpenBLAS's kernels in use, measured at the start, × threads), tokens \
            per second of process CPU time (with one thread, an estimate of the unshared rate on a \
            busy machine), and the process's peak resident memory so far (a high-water mark: run \
            one configuration alone for its own figure).

            Configurations: A L2 C64 NH4 T64 B32, B L4 C128 NH4 T128 B16, \
            C L6 C256 NH8 T128 B16, D L8 C384 NH8 T256 B8.
            """)

    @Flag(help: "Print the results as a JSON array instead of a table.")
    var json = false

    @Option(help: "Comma-separated configuration names.")
    var configs = "A,B,C,D"

    @Option(help: "Measured steps per configuration.")
    var steps = 10

    @Option(help: "Unmeasured warm-up steps per configuration.")
    var warmup = 2

    @Option(help: "Threads for the kernels (matrix products are split by rows across them).")
    var threads = 1

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1") }
        guard warmup >= 0 else { throw ValidationError("--warmup must not be negative") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        _ = try selectedConfigurations()
    }

    private func selectedConfigurations() throws -> [BenchmarkConfiguration] {
        let known = BenchmarkConfiguration.reference
        return try configs.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces).uppercased()
            guard let found = known.first(where: { $0.name == trimmed }) else {
                throw ValidationError("unknown configuration '\(name)'; choose from "
                    + known.map(\.name).joined(separator: ", "))
            }
            return found
        }
    }

    func run() throws {
        let lanes = vectorLanes(ofOpenBLASCore: OpenBLASInfo.coreName)
        let peak = measurePeakGigaflopsPerCore(lanes: lanes)
        var results: [BenchmarkResult] = []
        if !json {
            print("config  params(all/non-emb)  tokens/s  tok/CPU-s   ms/step  fwd ms   bwd ms   opt ms  GFLOP/s  %peak  peak MiB  loss")
        }
        for configuration in try selectedConfigurations() {
            let result = try runBenchmark(configuration, warmupSteps: warmup, measuredSteps: steps,
                                          threadCount: threads, peakGigaflopsPerCore: peak)
            results.append(result)
            if !json { print(row(result)) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print("threads \(threads), warm-up \(warmup), measured steps \(steps); "
                + "FLOPs/token = 6N + 12·L·T·C; OpenBLAS kernels \(OpenBLASInfo.coreDescription); "
                + "peak = \(Int(peak.rounded())) GFLOP/s (FMA at \(lanes) lanes, measured) × threads")
        }
    }

    private func row(_ r: BenchmarkResult) -> String {
        func fixed(_ value: Double, _ digits: Int, width: Int) -> String {
            let text = String(format: "%.\(digits)f", value)
            return String(repeating: " ", count: max(0, width - text.count)) + text
        }
        let params = "\(r.parameterCount)/\(r.nonEmbeddingParameterCount)"
        return r.configuration.name.padding(toLength: 8, withPad: " ", startingAt: 0)
            + params.padding(toLength: 20, withPad: " ", startingAt: 0)
            + fixed(r.tokensPerSecond, 0, width: 9) + fixed(r.tokensPerCPUSecond, 0, width: 11)
            + fixed(r.stepMilliseconds, 1, width: 10)
            + fixed(r.forwardMilliseconds, 1, width: 9) + fixed(r.backwardMilliseconds, 1, width: 9)
            + fixed(r.optimizerMilliseconds, 1, width: 9) + fixed(r.gigaflopsPerSecond, 1, width: 9)
            + fixed(r.percentOfPeak, 1, width: 7) + fixed(Double(r.peakMemoryBytes) / 1_048_576, 0, width: 10)
            + fixed(Double(r.finalLoss), 3, width: 7)
    }
}
