// What `tinyscale plan` / `run --dry-run` shows: the runs a profile plans, which the store already
// has, the bytes and FLOPs still to train and an estimated wall time from measured step times.
// Building it trains and writes nothing (the calibration cache aside, which `SpeedCalibration` owns).
import Foundation
import TinyGPT

/// A study's plan against the store, with an estimate of the time to train what is missing.
public struct PlanPreview: Codable, Sendable, Equatable {
    /// One planned run.
    public struct Run: Codable, Sendable, Equatable {
        public var label: String
        public var hash: String
        /// The model's name in the spec and its shape, e.g. `a (1×16, 2 heads)`.
        public var model: String
        public var parameters: Int
        /// Bytes this run trains on (from its parent's step for a branch that keeps its optimizer).
        public var tokens: Int
        /// Training FLOPs of those tokens (6N + 12·L·T·C per token).
        public var flops: Double
        /// `complete`, `diverged`, `interrupted`, `pending`, `running` or `new` (not in the store).
        public var status: String
        /// Whether `tinyscale run` would train it (it is neither complete nor diverged).
        public var toTrain: Bool
        /// Estimated wall seconds of training it (0 when it is not trained).
        public var estimatedSeconds: Double
        /// Planned after the current stage of a kind that plans in stages, with provisional
        /// settings (the scaling law's runs before its learning-rate sweep has picked).
        public var provisional: Bool
    }

    public var study: String
    public var profile: String
    /// Runs trained side by side and threads each.
    public var jobs: Int
    public var threadsPerJob: Int
    public var runs: [Run]
    public var runsToTrain: Int
    /// How many of the runs to train are provisional (planned after the current stage).
    public var provisionalRuns: Int
    /// Bytes (= tokens) still to train, over every run to train.
    public var bytesToTrain: Int
    public var flopsToTrain: Double
    /// Estimated wall seconds of training every run to train, `jobs` at a time.
    public var estimatedSeconds: Double

    /// Snake_case keys, as every JSON TinyScale writes.
    enum CodingKeys: String, CodingKey {
        case study, profile, jobs, threadsPerJob = "threads_per_job", runs, runsToTrain = "runs_to_train"
        case provisionalRuns = "provisional_runs"
        case bytesToTrain = "bytes_to_train", flopsToTrain = "flops_to_train", estimatedSeconds = "estimated_seconds"
    }

    /// The preview of `plan` and the provisional runs planned `later` (duplicate hashes counted
    /// once) given each run's status in the store (absent: not in the store) and the timing of
    /// each shape at `parallelism.threadsPerJob`.
    ///
    /// A run's estimate is its steps × the step time plus its evaluations × evaluation batches ×
    /// evaluation sets × the forward time. The wall time schedules the runs as the runner does
    /// (`wallSeconds`); the later runs start once every run of the current stage has finished.
    public static func make(spec: StudySpec, plan: [PlannedRun], later: [PlannedRun] = [], statuses: [String: RunStatus],
                            parallelism: Parallelism, timings: [CalibrationShape: StepTiming]) -> PlanPreview {
        var seen: Set<String> = []
        let unique = plan.filter { seen.insert($0.hash).inserted }.map { ($0, false) }
            + later.filter { seen.insert($0.hash).inserted }.map { ($0, true) }
        var runs: [Run] = []
        var stages: [[ScheduledRun]] = [[], []]
        for (planned, provisional) in unique {
            let config = planned.config
            let status = statuses[planned.hash]
            let toTrain = status != .complete && status != .diverged
            let startStep = config.parent.map { $0.keepsOptimizerState ? $0.step : 0 } ?? 0
            let steps = max(0, config.steps - startStep)
            let tokens = steps * config.batchSize * config.contextLength
            let modelConfig = config.modelConfig
            var seconds = 0.0
            if toTrain, let timing = timings[CalibrationShape(config, threads: parallelism.threadsPerJob)] {
                let evaluations = Set(config.evaluationSteps + [config.steps]).filter { $0 >= startStep }.count
                let forwards = evaluations * config.evaluationBatches * config.data.resolvedEvaluationSets.count
                seconds = Double(steps) * timing.stepSeconds + Double(forwards) * timing.forwardSeconds
            }
            if toTrain {
                stages[provisional ? 1 : 0].append(ScheduledRun(hash: planned.hash, parent: config.parent?.hash, seconds: seconds))
            }
            runs.append(Run(
                label: planned.label, hash: planned.hash,
                model: "\(config.model.name) (\(config.model.layers)×\(config.model.width), \(config.model.heads) heads)",
                parameters: modelConfig.parameterCount, tokens: tokens,
                flops: modelConfig.trainingFLOPsPerToken(sequenceLength: config.contextLength) * Double(tokens),
                status: status?.rawValue ?? "new", toTrain: toTrain, estimatedSeconds: seconds, provisional: provisional))
        }
        let firstStage = wallSeconds(stages[0], workers: parallelism.jobs)
        let training = runs.filter(\.toTrain)
        return PlanPreview(study: spec.name, profile: spec.profile, jobs: parallelism.jobs,
                           threadsPerJob: parallelism.threadsPerJob, runs: runs, runsToTrain: training.count,
                           provisionalRuns: training.filter(\.provisional).count,
                           bytesToTrain: training.map(\.tokens).reduce(0, +),
                           flopsToTrain: training.map(\.flops).reduce(0, +),
                           estimatedSeconds: firstStage + wallSeconds(stages[1], workers: parallelism.jobs))
    }

    /// A run to train as the schedule sees it: its parent (nil, or one not trained here, counts as
    /// finished) and its estimated seconds.
    struct ScheduledRun {
        var hash: String
        var parent: String?
        var seconds: Double
    }

    /// Wall seconds of training `runs` on `workers` workers the way the runner schedules them:
    /// whenever a worker is free it takes the first run in plan order whose parent has finished,
    /// and when none is ready it waits for the next run in flight to end.
    static func wallSeconds(_ runs: [ScheduledRun], workers: Int) -> Double {
        let trained = Set(runs.map(\.hash))
        var pending = runs
        var finished: Set<String> = []
        var inFlight: [(end: Double, hash: String)] = []
        var clock = 0.0
        while !pending.isEmpty || !inFlight.isEmpty {
            let ready = pending.firstIndex { run in run.parent.map { !trained.contains($0) || finished.contains($0) } ?? true }
            if let ready, inFlight.count < max(1, workers) {
                let run = pending.remove(at: ready)
                inFlight.append((clock + run.seconds, run.hash))
                continue
            }
            guard let next = inFlight.indices.min(by: { inFlight[$0].end < inFlight[$1].end }) else { break }
            clock = inFlight[next].end
            finished.insert(inFlight.remove(at: next).hash)
        }
        return clock
    }

    /// The shapes whose timings `make` needs: those of the runs to train.
    public static func shapes(of plan: [PlannedRun], statuses: [String: RunStatus], threads: Int) -> Set<CalibrationShape> {
        Set(plan.filter { statuses[$0.hash] != .complete && statuses[$0.hash] != .diverged }
                .map { CalibrationShape($0.config, threads: threads) })
    }
}

extension PlanPreview.Run {
    enum CodingKeys: String, CodingKey {
        case label, hash, model, parameters, tokens, flops, status, toTrain = "to_train", estimatedSeconds = "estimated_seconds"
        case provisional
    }
}
