// The benchmark function on a tiny configuration: consistent derived figures and refusals.
import Testing
@testable import TinyGPT

@Test func benchmarkFiguresAreConsistent() throws {
    let tiny = BenchmarkConfiguration(
        name: "tiny", model: ModelConfig(numLayers: 1, channels: 16, numHeads: 2, contextLength: 8),
        batchSize: 2, sequenceLength: 8)
    let result = try runBenchmark(tiny, warmupSteps: 1, measuredSteps: 2, threadCount: testThreadCount)
    #expect(result.parameterCount == tiny.model.parameterCount)
    #expect(result.flopsPerToken == tiny.model.trainingFLOPsPerToken(sequenceLength: 8))
    let gigaflops = result.tokensPerSecond * result.flopsPerToken / 1e9
    #expect(abs(result.gigaflopsPerSecond - gigaflops) <= 1e-9 * gigaflops)
    #expect(abs(result.percentOfPeak - gigaflops / (117 * Double(testThreadCount)) * 100) < 1e-9)
    #expect(result.forwardMilliseconds + result.backwardMilliseconds + result.optimizerMilliseconds
            <= result.stepMilliseconds * 1.001)
    #expect(result.peakMemoryBytes > 0 && result.finalLoss.isFinite)
    #expect(throws: BenchmarkError.invalidStepCount(warmup: 0, measured: 0)) {
        try runBenchmark(tiny, warmupSteps: 0, measuredSteps: 0, threadCount: 1)
    }
    #expect(BenchmarkConfiguration.reference.map(\.name) == ["A", "B", "C", "D"])
    #expect(BenchmarkConfiguration.reference[3].model.numLayers == 8 && BenchmarkConfiguration.reference[3].batchSize == 8)
}
