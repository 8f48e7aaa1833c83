// Learning-rate schedules as pure functions of the optimizer step: constant, linear warm-up, cosine
// to a floor, warmup–stable–decay, and re-warming for continual pretraining.

import Foundation

/// A learning-rate schedule: a pure, total function from a 0-based optimizer step to a learning
/// rate (in the optimizer's units, e.g. 6e-4 per step for AdamW).
///
/// A schedule is a sequence of phases. The first phase starts at step 0; each re-warm (see
/// ``rewarmed(atStep:_:peakLearningRate:steps:)``) starts a new phase at a later step, and the
/// phase that applies at a step is the latest one that has started. Within a phase of `n` steps
/// every ramp follows one convention: local step `k` of a ramp of length `r` has progress
/// `(k + 1) / r`, so the first step of a warm-up is already above zero (nanoGPT issue #443) and
/// the last step of a ramp reaches its target exactly. Steps past the end of the last phase keep
/// that phase's final rate; negative steps get the rate of step 0.
///
/// Pass `schedule.learningRate(atStep:)` wherever a `(Int) -> Float` is expected.
public struct LearningRateSchedule: Sendable, Equatable {
    /// The shape of the decay ramp in a warmup–stable–decay schedule.
    public enum DecayShape: String, Sendable, Equatable, CaseIterable {
        /// η = η₀·(1 − p) + η_T·p, with p the progress through the decay ramp.
        case linear
        /// η = η₀·(1 − √p) + η_T·√p: drops fast at first, then flattens.
        case squareRoot
    }

    /// What one phase does over its steps, relative to its peak learning rate η₀.
    public enum Kind: Sendable, Equatable {
        /// η₀ at every step.
        case constant
        /// η₀·(k + 1)/warmupSteps for the first `warmupSteps` steps, then η₀.
        case linearWarmup(warmupSteps: Int)
        /// Linear warm-up, then a half cosine from η₀ down to `floorRatio`·η₀ at the phase's last
        /// step. `floorRatio` is in [0, 1].
        case cosine(warmupSteps: Int, floorRatio: Float)
        /// Linear warm-up, η₀ held (the stable part), then a decay ramp over the last
        /// `decayFraction` of the phase's steps (rounded to whole steps, at least one) down to
        /// `finalRatio`·η₀ at the phase's last step. `decayFraction` is in (0, 1], `finalRatio` in
        /// [0, 1].
        case warmupStableDecay(warmupSteps: Int, decayFraction: Double, decayShape: DecayShape, finalRatio: Float)
    }

    /// One phase: a kind, its peak rate and its length, starting at `startStep`.
    public struct Phase: Sendable, Equatable {
        /// The global step at which this phase takes over (0 for the first phase).
        public let startStep: Int
        public let kind: Kind
        /// η₀, the rate the phase warms up to and decays from.
        public let peakLearningRate: Float
        /// The phase's length in steps; its last step is `startStep + steps - 1`.
        public let steps: Int
    }

    /// The phases in order of their start steps; never empty.
    public let phases: [Phase]

    /// Creates a one-phase schedule over steps `0 ..< totalSteps`.
    ///
    /// - Throws: ``LearningRateScheduleError`` when `peakLearningRate` is negative or not finite,
    ///   `totalSteps` is not positive, a warm-up is negative or does not fit, or a ratio or fraction
    ///   is out of range.
    public init(_ kind: Kind, peakLearningRate: Float, totalSteps: Int) throws(LearningRateScheduleError) {
        let phase = try Self.validatedPhase(startStep: 0, kind: kind, peakLearningRate: peakLearningRate, steps: totalSteps)
        phases = [phase]
    }

    private init(phases: [Phase]) {
        self.phases = phases
    }

    /// One step past the last step of the last phase: the length of a run following this schedule.
    public var totalSteps: Int {
        let last = phases[phases.count - 1]
        return last.startStep + last.steps
    }

    /// Returns this schedule with a new phase (a second warm-up and decay, for continual
    /// pretraining) that takes over at `startStep` and lasts `steps` steps. Before `startStep` this
    /// schedule applies unchanged; if it had not finished by then, its remainder is dropped.
    ///
    /// - Throws: ``LearningRateScheduleError/rewarmNotAfterPreviousPhase(startStep:previousStartStep:)``
    ///   when `startStep` is not after the start of the current last phase, or any error of
    ///   ``init(_:peakLearningRate:totalSteps:)`` for the new phase.
    public func rewarmed(atStep startStep: Int, _ kind: Kind, peakLearningRate: Float, steps: Int) throws(LearningRateScheduleError) -> LearningRateSchedule {
        let previousStart = phases[phases.count - 1].startStep
        guard startStep > previousStart else {
            throw .rewarmNotAfterPreviousPhase(startStep: startStep, previousStartStep: previousStart)
        }
        let phase = try Self.validatedPhase(startStep: startStep, kind: kind, peakLearningRate: peakLearningRate, steps: steps)
        return LearningRateSchedule(phases: phases + [phase])
    }

    /// The learning rate at a 0-based optimizer step.
    public func learningRate(atStep step: Int) -> Float {
        let globalStep = max(step, 0)
        var phase = phases[0]
        for candidate in phases.dropFirst() where candidate.startStep <= globalStep {
            phase = candidate
        }
        let localStep = min(globalStep - phase.startStep, phase.steps - 1)
        return Self.rate(of: phase, atLocalStep: localStep)
    }

    /// The rate of `phase` at `localStep` in `0 ..< phase.steps`.
    private static func rate(of phase: Phase, atLocalStep localStep: Int) -> Float {
        let peak = phase.peakLearningRate
        switch phase.kind {
        case .constant:
            return peak
        case .linearWarmup(let warmupSteps):
            return warmupRate(peak: peak, warmupSteps: warmupSteps, localStep: localStep) ?? peak
        case .cosine(let warmupSteps, let floorRatio):
            if let rate = warmupRate(peak: peak, warmupSteps: warmupSteps, localStep: localStep) {
                return rate
            }
            let floor = floorRatio * peak
            let progress = rampProgress(localStep: localStep - warmupSteps, rampSteps: phase.steps - warmupSteps)
            let cosineFactor = 0.5 * (1 + cos(Double.pi * progress))
            return Float(Double(floor) + cosineFactor * (Double(peak) - Double(floor)))
        case .warmupStableDecay(let warmupSteps, let decayFraction, let decayShape, let finalRatio):
            if let rate = warmupRate(peak: peak, warmupSteps: warmupSteps, localStep: localStep) {
                return rate
            }
            let decaySteps = Self.decaySteps(totalSteps: phase.steps, decayFraction: decayFraction)
            let decayStart = phase.steps - decaySteps
            guard localStep >= decayStart else { return peak }
            let final = finalRatio * peak
            let progress = rampProgress(localStep: localStep - decayStart, rampSteps: decaySteps)
            let weight = decayShape == .linear ? progress : progress.squareRoot()
            return Float(Double(peak) * (1 - weight) + Double(final) * weight)
        }
    }

    /// The warm-up rate η₀·(k + 1)/warmupSteps, or nil once the warm-up is over.
    private static func warmupRate(peak: Float, warmupSteps: Int, localStep: Int) -> Float? {
        guard localStep < warmupSteps else { return nil }
        return Float(Double(peak) * Double(localStep + 1) / Double(warmupSteps))
    }

    /// Progress (k + 1)/r in (0, 1] through a ramp of `rampSteps` steps.
    private static func rampProgress(localStep: Int, rampSteps: Int) -> Double {
        Double(localStep + 1) / Double(rampSteps)
    }

    /// The number of decay steps of a warmup–stable–decay phase: `decayFraction`·`totalSteps`
    /// rounded to the nearest step, at least one.
    private static func decaySteps(totalSteps: Int, decayFraction: Double) -> Int {
        max(1, Int((decayFraction * Double(totalSteps)).rounded()))
    }

    private static func validatedPhase(startStep: Int, kind: Kind, peakLearningRate: Float, steps: Int) throws(LearningRateScheduleError) -> Phase {
        guard peakLearningRate.isFinite, peakLearningRate >= 0 else {
            throw .invalidPeakLearningRate(peakLearningRate)
        }
        guard steps > 0 else { throw .nonPositiveSteps(steps) }
        switch kind {
        case .constant:
            break
        case .linearWarmup(let warmupSteps):
            try validateWarmup(warmupSteps, steps: steps, needsDecayStep: false)
        case .cosine(let warmupSteps, let floorRatio):
            try validateWarmup(warmupSteps, steps: steps, needsDecayStep: true)
            try validateRatio(floorRatio, name: "floorRatio")
        case .warmupStableDecay(let warmupSteps, let decayFraction, _, let finalRatio):
            try validateWarmup(warmupSteps, steps: steps, needsDecayStep: true)
            try validateRatio(finalRatio, name: "finalRatio")
            guard decayFraction.isFinite, decayFraction > 0, decayFraction <= 1 else {
                throw .decayFractionOutOfRange(decayFraction)
            }
            let decaySteps = decaySteps(totalSteps: steps, decayFraction: decayFraction)
            guard warmupSteps + decaySteps <= steps else {
                throw .warmupAndDecayLongerThanTotal(warmupSteps: warmupSteps, decaySteps: decaySteps, totalSteps: steps)
            }
        }
        return Phase(startStep: startStep, kind: kind, peakLearningRate: peakLearningRate, steps: steps)
    }

    private static func validateWarmup(_ warmupSteps: Int, steps: Int, needsDecayStep: Bool) throws(LearningRateScheduleError) {
        guard warmupSteps >= 0 else { throw .negativeWarmupSteps(warmupSteps) }
        let longest = needsDecayStep ? steps - 1 : steps
        guard warmupSteps <= longest else {
            throw .warmupLongerThanTotal(warmupSteps: warmupSteps, totalSteps: steps, leavesDecayStep: needsDecayStep)
        }
    }

    private static func validateRatio(_ ratio: Float, name: String) throws(LearningRateScheduleError) {
        guard ratio.isFinite, ratio >= 0, ratio <= 1 else {
            throw .ratioOutOfRange(name: name, value: ratio)
        }
    }
}

/// Why a ``LearningRateSchedule`` could not be built.
public enum LearningRateScheduleError: Error, Equatable, CustomStringConvertible {
    /// The peak rate was negative, infinite or NaN.
    case invalidPeakLearningRate(Float)
    /// A phase had zero or negative length.
    case nonPositiveSteps(Int)
    case negativeWarmupSteps(Int)
    /// The warm-up does not fit in the phase (decaying kinds need at least one step after it).
    case warmupLongerThanTotal(warmupSteps: Int, totalSteps: Int, leavesDecayStep: Bool)
    /// A floor or final ratio was outside [0, 1].
    case ratioOutOfRange(name: String, value: Float)
    /// A warmup–stable–decay fraction was outside (0, 1].
    case decayFractionOutOfRange(Double)
    case warmupAndDecayLongerThanTotal(warmupSteps: Int, decaySteps: Int, totalSteps: Int)
    case rewarmNotAfterPreviousPhase(startStep: Int, previousStartStep: Int)

    public var description: String {
        switch self {
        case .invalidPeakLearningRate(let rate):
            return "learning-rate schedule: peak learning rate \(rate) is not a finite non-negative number; use e.g. 6e-4"
        case .nonPositiveSteps(let steps):
            return "learning-rate schedule: \(steps) steps; a schedule needs at least one step"
        case .negativeWarmupSteps(let warmupSteps):
            return "learning-rate schedule: warm-up of \(warmupSteps) steps; use 0 or more"
        case .warmupLongerThanTotal(let warmupSteps, let totalSteps, let leavesDecayStep):
            let limit = leavesDecayStep ? "at most \(totalSteps - 1) (one step must remain for the decay)" : "at most \(totalSteps)"
            return "learning-rate schedule: warm-up of \(warmupSteps) steps in a phase of \(totalSteps) steps; use \(limit)"
        case .ratioOutOfRange(let name, let value):
            return "learning-rate schedule: \(name) \(value) is outside [0, 1]; it is a fraction of the peak rate"
        case .decayFractionOutOfRange(let fraction):
            return "learning-rate schedule: decay fraction \(fraction) is outside (0, 1]; use e.g. 0.2 for the last 20 % of steps"
        case .warmupAndDecayLongerThanTotal(let warmupSteps, let decaySteps, let totalSteps):
            return "learning-rate schedule: warm-up (\(warmupSteps) steps) plus decay (\(decaySteps) steps) exceed the phase's \(totalSteps) steps; shorten one of them"
        case .rewarmNotAfterPreviousPhase(let startStep, let previousStartStep):
            return "learning-rate schedule: re-warm at step \(startStep) does not start after the previous phase (step \(previousStartStep)); use a later step"
        }
    }
}
