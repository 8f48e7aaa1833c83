// The training-speed benchmark: reference model/batch configurations, and a function that
// trains one for a fixed number of steps after warm-up and measures throughput, phase times,
// achieved FLOP rate and peak memory. Formatting is the command's job.
import Foundation
import TinyGPT

/// A model and batch shape to benchmark.
public struct BenchmarkConfiguration: Sendable, Hashable, Codable {
    /// Short label, e.g. "A".
    public var name: String
    public var model: ModelConfig
    /// Sequences per step (B).
    public var batchSize: Int
    /// Tokens per sequence (T); the model's context length is set to it.
    public var sequenceLength: Int

    public init(name: String, model: ModelConfig, batchSize: Int, sequenceLength: Int) {
        self.name = name
        self.model = model
        self.batchSize = batchSize
        self.sequenceLength = sequenceLength
    }

    /// The four reference configurations of issue 3 (A smallest … D largest), with PyTorch
    /// 2.13 CPU eager numbers measured for comparison in `benchmarks/RESULTS.md`.
    public static let reference: [BenchmarkConfiguration] = [
        make("A", layers: 2, width: 64, heads: 4, context: 64, batch: 32),
        make("B", layers: 4, width: 128, heads: 4, context: 128, batch: 16),
        make("C", layers: 6, width: 256, heads: 8, context: 128, batch: 16),
        make("D", layers: 8, width: 384, heads: 8, context: 256, batch: 8),
    ]

    private static func make(_ name: String, layers: Int, width: Int, heads: Int, context: Int,
                             batch: Int) -> BenchmarkConfiguration {
        BenchmarkConfiguration(
            name: name, model: ModelConfig(layers: layers, width: width, heads: heads, contextLength: context),
            batchSize: batch, sequenceLength: context)
    }
}

/// Measured speed of one configuration. Times are means over the measured steps.
public struct BenchmarkResult: Sendable, Codable {
    public let configuration: BenchmarkConfiguration
    public let threadCount: Int
    public let warmupSteps: Int
    public let measuredSteps: Int
    /// All parameters (N) and non-embedding parameters.
    public let parameterCount: Int
    public let nonEmbeddingParameterCount: Int
    /// Training tokens processed per second of wall time.
    public let tokensPerSecond: Double
    /// Training tokens per second of process CPU time (user + system) over the measured steps.
    /// With one thread on a shared machine this approximates the uncontended wall-clock rate.
    public let tokensPerCPUSecond: Double
    /// Milliseconds per step: whole step, and its forward, backward and optimizer parts.
    public let stepMilliseconds: Double
    public let forwardMilliseconds: Double
    public let backwardMilliseconds: Double
    public let optimizerMilliseconds: Double
    /// FLOPs per token used for the rate: 6N + 12·L·T·C (nanoGPT's estimate, N = all parameters).
    public let flopsPerToken: Double
    /// tokensPerSecond × flopsPerToken / 1e9.
    public let gigaflopsPerSecond: Double
    /// The peak the percentage refers to: the caller's measured one-core peak × threads.
    public let peakGigaflopsPerSecond: Double
    /// gigaflopsPerSecond / peakGigaflopsPerSecond × 100.
    public let percentOfPeak: Double
    /// The process's peak resident memory after this configuration (getrusage ru_maxrss), bytes.
    /// It is a high-water mark of the whole process, so run the largest configuration last or alone.
    public let peakMemoryBytes: Int
    /// Training loss of the last measured step (a sanity check that it trained), nats per byte.
    public let finalLoss: Float
    /// OpenBLAS's kernel set that ran the matrix products (`OpenBLASInfo.coreName`).
    public let blasCore: String
}

/// Why a benchmark could not run.
public enum BenchmarkError: Error, Equatable, CustomStringConvertible {
    case invalidStepCount(warmup: Int, measured: Int)

    public var description: String {
        switch self {
        case let .invalidStepCount(warmup, measured):
            return "benchmark needs ≥ 0 warm-up steps and ≥ 1 measured step, got \(warmup) and \(measured)"
        }
    }
}

/// Trains `configuration` from a fixed seed on synthetic bytes (AdamW, constant learning rate
/// 3e-4) for `warmupSteps` unmeasured and `measuredSteps` measured steps at `threadCount` threads.
/// The rate is also given as a share of `peakGigaflopsPerCore` × threads (see
/// `measurePeakGigaflopsPerCore()`).
public func runBenchmark(_ configuration: BenchmarkConfiguration, warmupSteps: Int, measuredSteps: Int,
                         threadCount: Int, peakGigaflopsPerCore: Double) throws -> BenchmarkResult {
    guard warmupSteps >= 0, measuredSteps >= 1 else {
        throw BenchmarkError.invalidStepCount(warmup: warmupSteps, measured: measuredSteps)
    }
    let model = try GPTModel(config: configuration.model, seed: 1, threadCount: threadCount)
    try model.allocateActivations(batchSize: configuration.batchSize, sequenceLength: configuration.sequenceLength)
    let trainer = Trainer(model: model, optimizer: AdamW(layout: model.layout), learningRate: { _ in 3e-4 })
    var source = SyntheticByteSource(batchSize: configuration.batchSize, sequenceLength: configuration.sequenceLength,
                                     seed: 2)
    try trainer.train(steps: warmupSteps, source: &source)
    let clock = ContinuousClock()
    let cpuStart = processCPUSeconds()
    let start = clock.now
    let records = try trainer.train(steps: measuredSteps, source: &source)
    let elapsed = clock.now - start
    let cpuSeconds = processCPUSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

    let steps = Double(measuredSteps)
    let tokens = Double(configuration.batchSize * configuration.sequenceLength) * steps
    let flopsPerToken = configuration.model.trainingFLOPsPerToken(sequenceLength: configuration.sequenceLength)
    let gigaflops = tokens / seconds * flopsPerToken / 1e9
    let peak = peakGigaflopsPerCore * Double(threadCount)
    return BenchmarkResult(
        configuration: configuration, threadCount: threadCount, warmupSteps: warmupSteps, measuredSteps: measuredSteps,
        parameterCount: configuration.model.parameterCount,
        nonEmbeddingParameterCount: configuration.model.nonEmbeddingParameterCount,
        tokensPerSecond: tokens / seconds, tokensPerCPUSecond: tokens / cpuSeconds, stepMilliseconds: seconds / steps * 1000,
        forwardMilliseconds: records.reduce(0) { $0 + $1.forwardSeconds } / steps * 1000,
        backwardMilliseconds: records.reduce(0) { $0 + $1.backwardSeconds } / steps * 1000,
        optimizerMilliseconds: records.reduce(0) { $0 + $1.optimizerSeconds } / steps * 1000,
        flopsPerToken: flopsPerToken, gigaflopsPerSecond: gigaflops, peakGigaflopsPerSecond: peak,
        percentOfPeak: gigaflops / peak * 100, peakMemoryBytes: peakResidentMemoryBytes(),
        finalLoss: records.last!.loss, blasCore: OpenBLASInfo.coreName)
}

/// User plus system CPU time of the whole process so far, seconds.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) * 1e-6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// The process's peak resident set size in bytes (ru_maxrss is KiB on Linux, bytes on macOS).
private func peakResidentMemoryBytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss
    #endif
}
