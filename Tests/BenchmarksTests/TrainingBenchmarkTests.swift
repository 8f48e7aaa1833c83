// The training benchmark on a tiny configuration, against figures counted by hand: its size, its
// FLOPs per token, the tokens its steps process, and its refusals; and the peak reference's lanes.
import Benchmarks
import Testing
import TinyGPT

/// One layer, 16 channels, 2 heads, context 8, vocabulary 256: embeddings 256·16 + 8·16 = 4,224;
/// one block 2·16 + (16·48 + 48) + (16·16 + 16) + 2·16 + (16·64 + 64) + (64·16 + 16) = 3,280;
/// final LayerNorm 32. So N = 7,536, non-embedding N = 3,312, and FLOPs per token
/// 6·7,536 + 12·1·8·16 = 46,752.
/// Two model threads, as in the TinyGPT tests that share this process.
private let threads = 2

private let tiny = BenchmarkConfiguration(
    name: "tiny", model: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8),
    batchSize: 2, sequenceLength: 8)

@Test func benchmarkReportsTheHandCountedSizeAndFLOPsOfATinyModel() throws {
    let result = try runBenchmark(tiny, warmupSteps: 1, measuredSteps: 2, threadCount: threads, peakGigaflopsPerCore: 100)
    #expect(result.parameterCount == 7_536)
    #expect(result.nonEmbeddingParameterCount == 3_312)
    #expect(result.flopsPerToken == 46_752)
    #expect(result.peakGigaflopsPerSecond == 200)
    #expect(result.blasCore == OpenBLASInfo.coreName && !result.blasCore.isEmpty)
    #expect(result.peakMemoryBytes > 0 && result.finalLoss.isFinite)
}

@Test func benchmarkRatesAgreeWithTheTokensItsStepsProcess() throws {
    let result = try runBenchmark(tiny, warmupSteps: 1, measuredSteps: 2, threadCount: threads, peakGigaflopsPerCore: 100)
    // Each step trains 2 sequences of 8 bytes: 16 tokens in one step's milliseconds.
    let tokensPerStep = result.tokensPerSecond * result.stepMilliseconds / 1000
    #expect(abs(tokensPerStep - 16) < 1e-9 * 16)
    let gigaflops = result.tokensPerSecond * 46_752 / 1e9
    #expect(abs(result.gigaflopsPerSecond - gigaflops) <= 1e-9 * gigaflops)
    // A peak of 100 GFLOP/s per core on two threads: 200 GFLOP/s, so the percentage is half the rate.
    #expect(abs(result.percentOfPeak - gigaflops / 2) <= 1e-9 * gigaflops)
    #expect(result.forwardMilliseconds + result.backwardMilliseconds + result.optimizerMilliseconds
            <= result.stepMilliseconds * 1.001)
}

@Test func benchmarkRefusesRunsWithoutMeasuredSteps() {
    #expect(throws: BenchmarkError.invalidStepCount(warmup: 0, measured: 0)) {
        try runBenchmark(tiny, warmupSteps: 0, measuredSteps: 0, threadCount: 1, peakGigaflopsPerCore: 100)
    }
}

@Test func referenceConfigurationsAreTheFourOfIssueThree() {
    #expect(BenchmarkConfiguration.reference.map(\.name) == ["A", "B", "C", "D"])
    #expect(BenchmarkConfiguration.reference.map(\.model.layers) == [2, 4, 6, 8])
    #expect(BenchmarkConfiguration.reference.map(\.model.width) == [64, 128, 256, 384])
    #expect(BenchmarkConfiguration.reference.map(\.batchSize) == [32, 16, 16, 8])
    #expect(BenchmarkConfiguration.reference.map(\.sequenceLength) == [64, 128, 128, 256])
}

@Test func peakReferenceFollowsTheKernelsVectorWidth() {
    #expect(vectorLanes(ofOpenBLASCore: "Haswell") == 8)
    #expect(vectorLanes(ofOpenBLASCore: "Zen") == 8)
    #expect(vectorLanes(ofOpenBLASCore: "Cooperlake") == 16)
    #expect(vectorLanes(ofOpenBLASCore: "SkylakeX") == 16)
    let peak = measurePeakGigaflopsPerCore(lanes: 8)
    #expect(peak.isFinite && peak > 1, "peak \(peak) GFLOP/s")
}
