// Optimizer and training-loop tests: the AdamW update against a hand computation, weight-decay
// groups, clipping, overfitting one batch, determinism, and evaluation.
import Foundation
import Testing
@testable import TinyGPT

private let tinyConfig = ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)

@Test func adamWStepMatchesHandComputation() throws {
    let model = try GPTModel(config: tinyConfig, seed: 1, threadCount: testThreadCount)
    let settings = AdamWSettings(beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weightDecay: 0.1, gradientClipNorm: nil)
    let optimizer = AdamW(layout: model.layout, settings: settings)
    let before = model.parameterValues()
    let gradient = randomValues(model.layout.count, seed: 2, std: 0.01)
    let learningRate: Float = 1e-3
    for step in 1...2 {
        model.gradients.assign(from: gradient)
        optimizer.update(model, learningRate: learningRate)
        #expect(optimizer.stepCount == step)
    }
    let after = model.parameterValues()
    let decayed = model.layout.tensor(named: "transformer.h.0.mlp.c_fc.weight")!.offset + 3
    let notDecayed = model.layout.tensor(named: "transformer.h.0.ln_1.weight")!.offset + 3
    for (index, decay) in [(decayed, 0.1), (notDecayed, 0.0)] {
        var p = Double(before[index]), m = 0.0, v = 0.0
        let g = Double(gradient[index]), lr = Double(learningRate)
        for t in 1...2 {
            m = 0.9 * m + 0.1 * g
            v = 0.95 * v + 0.05 * g * g
            let mHat = m / (1 - pow(0.9, Double(t)))
            let vHat = v / (1 - pow(0.95, Double(t)))
            p = p * (1 - lr * decay) - lr * mHat / (vHat.squareRoot() + 1e-8)
        }
        #expect(abs(Double(after[index]) - p) < 1e-6, "parameter \(index): \(after[index]) vs \(p)")
    }
    #expect(model.layout.tensors.filter(\.appliesWeightDecay).map(\.name).allSatisfy {
        $0.hasSuffix("wte.weight") || $0.hasSuffix("wpe.weight") || $0.hasSuffix("c_attn.weight")
            || $0.hasSuffix("c_proj.weight") || $0.hasSuffix("c_fc.weight")
    })

    let state = optimizer.exportState()
    let restored = AdamW(layout: model.layout, settings: settings)
    try restored.importState(state)
    #expect(restored.exportState() == state)
}

@Test func clippingScalesGradientToTheLimit() throws {
    let model = try GPTModel(config: tinyConfig, seed: 1, threadCount: testThreadCount)
    let optimizer = AdamW(layout: model.layout, settings: AdamWSettings(weightDecay: 0, gradientClipNorm: 1))
    let gradient = [Float](repeating: 0.5, count: model.layout.count)
    model.gradients.assign(from: gradient)
    let norm = optimizer.gradientNorm(of: model)
    #expect(abs(Double(norm) - 0.5 * Double(model.layout.count).squareRoot()) < 1e-2)
    #expect(optimizer.update(model, learningRate: 0) == norm)
    // With clipping, the first moment after one step is (1 − β1)·g·(limit / norm).
    let firstMoment = optimizer.exportState().firstMoments[0]
    #expect(abs(firstMoment - 0.1 * 0.5 / norm) < 1e-7)
}

@Test func tinyModelOverfitsOneBatch() throws {
    let model = try GPTModel(config: tinyConfig, seed: 3, threadCount: testThreadCount)
    let trainer = Trainer(model: model, optimizer: AdamW(layout: model.layout, settings: AdamWSettings(weightDecay: 0)),
                          learningRate: { _ in 1e-2 })
    var source = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 4)
    let batch = try source.nextBatch()
    for _ in 0..<150 { try trainer.trainStep(on: batch) }
    let first = trainer.history.first!.loss
    let last = trainer.history.last!.loss
    #expect(abs(Double(first) - log(256.0)) < 0.2)
    #expect(last < 0.5, "loss after 150 steps on one batch: \(last)")
}

@Test func sameSeedAndThreadsGiveBitIdenticalLossCurves() throws {
    func curve(threads: Int = testThreadCount) throws -> [TrainingStepRecord] {
        let model = try GPTModel(config: ModelConfig(layers: 2, width: 32, heads: 4, contextLength: 16),
                                 seed: 9, threadCount: threads)
        let trainer = Trainer(model: model, optimizer: AdamW(layout: model.layout), learningRate: { step in
            1e-3 * Float(step + 1) / 5
        })
        var source = SyntheticByteSource(batchSize: 4, sequenceLength: 16, seed: 10)
        var seen: [Int] = []
        try trainer.train(steps: 5, source: &source) { seen.append($0.step) }
        #expect(seen == [0, 1, 2, 3, 4])
        return trainer.history
    }
    let first = try curve()
    let second = try curve()
    #expect(first.map(\.loss) == second.map(\.loss))
    #expect(first.map(\.gradientNorm) == second.map(\.gradientNorm))
    #expect(first.map(\.learningRate) == (1...5).map { 1e-3 * Float($0) / 5 })
    #expect(first.last!.loss < first.first!.loss)
    // Stronger than promised: every kernel partitions outputs, never sums, across threads, and
    // sgemm is split by output rows only, so one thread reproduces two threads' curve.
    #expect(try curve(threads: 1).map(\.loss) == first.map(\.loss))
}

@Test func evaluationReportsNatsAndBits() throws {
    let model = try GPTModel(config: tinyConfig, seed: 5, threadCount: testThreadCount)
    var source = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 6)
    let batches = try (0..<3).map { _ in try source.nextBatch() }
    let result = try model.evaluate(batches)
    let mean = try batches.reduce(0.0) { $0 + Double(try model.forward($1)) } / 3
    #expect(abs(result.lossNats - mean) < 1e-6)
    #expect(abs(result.bitsPerByte - result.lossNats / log(2.0)) < 1e-12)
    #expect(result.tokenCount == 48)
    #expect(throws: EvaluationError.noBatches) { try model.evaluate([]) }
}

/// What a training-state file must capture, in memory: parameters, AdamW state, step and the
/// batch source's position. Restoring them reproduces the uninterrupted curve to the bit.
@Test func resumingFromCapturedStateReproducesUninterruptedCurve() throws {
    let config = ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)
    let schedule: (Int) -> Float = { step in 1e-3 / Float(step + 1) }
    func freshTrainer() throws -> Trainer {
        let model = try GPTModel(config: config, seed: 4, threadCount: testThreadCount)
        return Trainer(model: model, optimizer: AdamW(layout: model.layout), learningRate: schedule)
    }
    let straight = try freshTrainer()
    var straightSource = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 5)
    try straight.train(steps: 6, source: &straightSource)

    let first = try freshTrainer()
    var source = SyntheticByteSource(batchSize: 2, sequenceLength: 8, seed: 5)
    try first.train(steps: 3, source: &source)
    let parameters = first.model.parameterValues()
    let optimizerState = first.optimizer.exportState()

    let model = try GPTModel(config: config, seed: 99, threadCount: testThreadCount)
    try model.setParameterValues(parameters)
    let optimizer = AdamW(layout: model.layout)
    try optimizer.importState(optimizerState)
    let resumed = Trainer(model: model, optimizer: optimizer, startStep: first.step, learningRate: schedule)
    try resumed.train(steps: 3, source: &source)

    #expect((first.history + resumed.history).map(\.loss) == straight.history.map(\.loss))
    #expect(resumed.history.map(\.step) == [3, 4, 5])
    #expect(model.parameterValues() == straight.model.parameterValues())
}
