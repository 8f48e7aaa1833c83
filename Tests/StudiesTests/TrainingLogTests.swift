// The per-step training log: which steps are logged, that their learning rate is the schedule's,
// and that `training.log_every` leaves a run's identity alone.
import Foundation
import Testing
@testable import Studies

private func tinyStudy(logEvery: String) -> String {
    """
    kind: scaling-law
    name: logged
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
      - {name: b, layers: 1, width: 24, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 3, evaluation_batches: 2\(logEvery)}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [1_280, 2_560], method: cosine}
    """
}

@Test func logEveryIsValidatedAndLeavesRunHashesAlone() throws {
    let logged = try SpecLoader.parse(yaml: tinyStudy(logEvery: ", log_every: 3"), file: "logged.yaml")
    let plain = try SpecLoader.parse(yaml: tinyStudy(logEvery: ""), file: "logged.yaml")
    #expect(logged.training.logEvery == 3 && plain.training.logEvery == 10)
    #expect(try StudyPipeline.definition(of: logged).plan(logged).map(\.hash) == StudyPipeline.definition(of: plain).plan(plain).map(\.hash))
    #expect(throws: (any Error).self) { try SpecLoader.parse(yaml: tinyStudy(logEvery: ", log_every: 0"), file: "logged.yaml") }
}

@Test func trainingLogRecordsEveryKStepsWithTheSchedulesLearningRate() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-log-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = try SpecLoader.parse(yaml: tinyStudy(logEvery: ", log_every: 3"), file: "logged.yaml")
    let pipeline = StudyPipeline(outputFolder: folder)
    let store = try pipeline.openStore()
    let result = try pipeline.train(spec, store: store, parallelism: Parallelism(jobs: 1, threadsPerJob: 1),
                                    cancellation: CancellationFlag()) { _ in }
    #expect(result.trained == 4)
    for run in try store.runs(study: "logged") {
        let config = run.config
        let entries = try store.trainingLog(for: run.hash)
        let expectedSteps = Array(stride(from: 3, through: config.steps, by: 3)) + (config.steps % 3 == 0 ? [] : [config.steps])
        #expect(entries.map(\.step) == expectedSteps, "\(run.label)")
        let schedule = try TrainingExecutor.learningRateSchedule(config.schedule, totalSteps: config.steps)
        for point in entries {
            // The update that made step k used the schedule at zero-based index k − 1.
            #expect(point.learningRate == Double(schedule.learningRate(atStep: point.step - 1)), "\(run.label) step \(point.step)")
            #expect(point.tokens == point.step * config.batchSize * config.contextLength)
            // Between 0 and a little above uniform guessing (ln 256 nats per byte).
            #expect(point.lossNats > 0 && point.lossNats < 1.2 * log(256.0))
            #expect(point.gradientNorm > 0 && point.gradientNorm.isFinite)
            #expect(point.tokensPerSecond > 0)
        }
        // The loss falls from the first logged step to the last on these runs.
        #expect(try #require(entries.last).lossNats < (try #require(entries.first)).lossNats)
    }
}
