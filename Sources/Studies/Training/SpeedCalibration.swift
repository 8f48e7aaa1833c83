// The machine's measured training speed for `tinyscale plan` / `run --dry-run`: a few real
// training steps (TinyGPT's Trainer, AdamW, random bytes) per distinct model shape, cached in the
// output folder's `.cache/` under a key naming the build and the CPU. Not a benchmark: `bench` is.
import Foundation
import TinyGPT

/// A model and batch shape trained at a thread count: what the speed of a step depends on.
public struct CalibrationShape: Codable, Sendable, Hashable, CustomStringConvertible {
    public var layers: Int
    public var width: Int
    public var heads: Int
    /// Sequences per step (B).
    public var batchSize: Int
    /// Bytes per sequence (T).
    public var contextLength: Int
    public var threads: Int

    public init(layers: Int, width: Int, heads: Int, batchSize: Int, contextLength: Int, threads: Int) {
        self.layers = layers
        self.width = width
        self.heads = heads
        self.batchSize = batchSize
        self.contextLength = contextLength
        self.threads = threads
    }

    /// The shape a run trains at with `threads` threads.
    public init(_ config: RunConfig, threads: Int) {
        self.init(layers: config.model.layers, width: config.model.width, heads: config.model.heads,
                  batchSize: config.batchSize, contextLength: config.contextLength, threads: threads)
    }

    /// The cache key, e.g. `2x64h4-b16t64-1t`.
    public var description: String {
        "\(layers)x\(width)h\(heads)-b\(batchSize)t\(contextLength)-\(threads)t"
    }
}

/// Measured seconds of one training step and of one held-out batch's forward pass.
public struct StepTiming: Codable, Sendable, Equatable {
    /// Wall seconds of one optimizer step (forward, backward, AdamW).
    public var stepSeconds: Double
    /// Wall seconds of one forward pass (an evaluation batch costs about this).
    public var forwardSeconds: Double

    public init(stepSeconds: Double, forwardSeconds: Double) {
        self.stepSeconds = stepSeconds
        self.forwardSeconds = forwardSeconds
    }
}

/// Measures (or reads from its cache) the step time of model shapes on this machine.
public struct SpeedCalibration: Sendable {
    /// `<output>/.cache/calibration.json`.
    public let cacheFile: URL
    /// Names the build and the CPU: a timing measured under another key is measured again.
    public let machineKey: String

    public init(outputFolder: URL, machineKey: String) {
        cacheFile = outputFolder.appendingPathComponent(".cache/calibration.json")
        self.machineKey = machineKey
    }

    /// The cache file's contents: machine key → shape key → timing.
    private typealias Cache = [String: [String: StepTiming]]

    /// Timings of every shape; shapes not in the cache under `machineKey` are measured (about a
    /// quarter of a second each, more for large models) and written back. A cache that cannot be
    /// read or written is ignored: the timing is measured again next time.
    public func timings(for shapes: Set<CalibrationShape>) throws -> [CalibrationShape: StepTiming] {
        var cache = (try? JSONDecoder().decode(Cache.self, from: Data(contentsOf: cacheFile))) ?? [:]
        var known = cache[machineKey] ?? [:]
        var result: [CalibrationShape: StepTiming] = [:]
        var measured = false
        for shape in shapes.sorted(by: { $0.description < $1.description }) {
            if let timing = known[shape.description] {
                result[shape] = timing
            } else {
                let timing = try Self.measure(shape)
                known[shape.description] = timing
                result[shape] = timing
                measured = true
            }
        }
        if measured {
            cache[machineKey] = known
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            try? FileManager.default.createDirectory(at: cacheFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? encoder.encode(cache).write(to: cacheFile, options: .atomic)
        }
        return result
    }

    /// Trains `shape` on random bytes: two warm-up steps, then steps until 0.25 s have passed
    /// (at least 3, at most 50); the median step and forward times.
    public static func measure(_ shape: CalibrationShape) throws -> StepTiming {
        let config = ModelConfig(layers: shape.layers, width: shape.width, heads: shape.heads,
                                 contextLength: shape.contextLength)
        try config.validate()
        let model = try GPTModel(config: config, seed: 0, threadCount: shape.threads)
        try model.allocateActivations(batchSize: shape.batchSize, sequenceLength: shape.contextLength)
        let optimizer = AdamW(layout: model.layout, settings: AdamWSettings())
        let trainer = Trainer(model: model, optimizer: optimizer) { _ in 1e-3 }
        var random = SystemRandomNumberGenerator()
        let windows = (0..<(shape.batchSize * (shape.contextLength + 1))).map { _ in UInt8.random(in: 0...255, using: &random) }
        let batch = try TokenBatch(windows: windows, batchSize: shape.batchSize, sequenceLength: shape.contextLength)
        for _ in 0..<2 { try trainer.trainStep(on: batch) }
        var steps: [Double] = [], forwards: [Double] = []
        let clock = ContinuousClock(), start = clock.now
        while steps.count < 3 || (steps.count < 50 && clock.now - start < .milliseconds(250)) {
            let stepStart = clock.now
            let record = try trainer.trainStep(on: batch)
            let elapsed = clock.now - stepStart
            steps.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            forwards.append(record.forwardSeconds)
        }
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        return StepTiming(stepSeconds: median(steps), forwardSeconds: median(forwards))
    }
}
