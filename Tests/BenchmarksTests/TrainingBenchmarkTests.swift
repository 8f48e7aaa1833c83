// The benchmark function on a tiny configuration: consistent derived figures and refusals.
import Testing
@testable import TinyGPT

@Test func benchmarkFiguresAreConsistent() throws {
    let tiny = BenchmarkConfiguration(
        name: "tiny", model: ModelConfig(numLayers: 1, channels: 16, numHeads: 2, contextLength: 8),
        batchSize: 2, sequenceLength: 8)
    let result = try runBenchmark(tiny, warmupSteps: 1, measuredSteps: 2, threadCount: testThreadCount, peakGigaflopsPerCore: 100)
    #expect(result.parameterCount == tiny.model.parameterCount)
    #expect(result.flopsPerToken == tiny.model.trainingFLOPsPerToken(sequenceLength: 8))
    let gigaflops = result.tokensPerSecond * result.flopsPerToken / 1e9
    #expect(abs(result.gigaflopsPerSecond - gigaflops) <= 1e-9 * gigaflops)
    #expect(abs(result.percentOfPeak - gigaflops / (100 * Double(testThreadCount)) * 100) < 1e-9)
    #expect(result.blasCore == OpenBLASInfo.coreName && !result.blasCore.isEmpty)
    #expect(result.forwardMilliseconds + result.backwardMilliseconds + result.optimizerMilliseconds
            <= result.stepMilliseconds * 1.001)
    #expect(result.peakMemoryBytes > 0 && result.finalLoss.isFinite)
    #expect(throws: BenchmarkError.invalidStepCount(warmup: 0, measured: 0)) {
        try runBenchmark(tiny, warmupSteps: 0, measuredSteps: 0, threadCount: 1, peakGigaflopsPerCore: 100)
    }
    #expect(BenchmarkConfiguration.reference.map(\.name) == ["A", "B", "C", "D"])
    #expect(BenchmarkConfiguration.reference[3].model.numLayers == 8 && BenchmarkConfiguration.reference[3].batchSize == 8)
}

@Test func peakReferenceFollowsTheKernelsVectorWidth() {
    #expect(vectorLanes(ofOpenBLASCore: "Haswell") == 8)
    #expect(vectorLanes(ofOpenBLASCore: "Zen") == 8)
    #expect(vectorLanes(ofOpenBLASCore: "Cooperlake") == 16)
    #expect(vectorLanes(ofOpenBLASCore: "SkylakeX") == 16)
    let peak = measurePeakGigaflopsPerCore(lanes: 8)
    #expect(peak.isFinite && peak > 1, "peak \(peak) GFLOP/s")
}

