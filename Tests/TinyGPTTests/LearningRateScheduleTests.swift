// Edge values of every learning-rate schedule kind: step 0, end of warm-up, first decay step, final
// step, floor, monotonicity, re-warm hand-over, and validation errors.

import Testing
@testable import TinyGPT

struct LearningRateScheduleTests {
    let peak: Float = 1e-3

    private func rates(_ schedule: LearningRateSchedule) -> [Float] {
        (0 ..< schedule.totalSteps).map { schedule.learningRate(atStep: $0) }
    }

    private func isNonIncreasing(_ values: ArraySlice<Float>) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 >= $1 }
    }

    private func isStrictlyIncreasing(_ values: ArraySlice<Float>) -> Bool {
        zip(values, values.dropFirst()).allSatisfy { $0 < $1 }
    }

    @Test func constantScheduleIsPeakAtEveryStepAndBeyond() throws {
        let schedule = try LearningRateSchedule(.constant, peakLearningRate: peak, totalSteps: 10)
        #expect(rates(schedule).allSatisfy { $0 == peak })
        #expect(schedule.learningRate(atStep: -3) == peak)
        #expect(schedule.learningRate(atStep: 50) == peak)
    }

    @Test func linearWarmupStartsAboveZeroAndReachesPeakOnItsLastStep() throws {
        let schedule = try LearningRateSchedule(.linearWarmup(warmupSteps: 4), peakLearningRate: 1, totalSteps: 8)
        #expect(rates(schedule) == [0.25, 0.5, 0.75, 1, 1, 1, 1, 1])
    }

    @Test func warmupAsLongAsTheRunEndsAtPeak() throws {
        let schedule = try LearningRateSchedule(.linearWarmup(warmupSteps: 5), peakLearningRate: peak, totalSteps: 5)
        #expect(schedule.learningRate(atStep: 0) == peak / 5)
        #expect(schedule.learningRate(atStep: 4) == peak)
    }

    @Test func cosineHasExactEdgeValuesAndNeverCrossesTheFloor() throws {
        let floorRatio: Float = 0.1
        let schedule = try LearningRateSchedule(.cosine(warmupSteps: 10, floorRatio: floorRatio), peakLearningRate: peak, totalSteps: 100)
        let values = rates(schedule)
        let floor = floorRatio * peak
        #expect(values[0] == peak / 10)
        #expect(values[0] > 0)
        #expect(values[9] == peak)
        #expect(values[10] < peak)
        #expect(values[10] > peak * 0.999)
        #expect(values[99] == floor)
        #expect(schedule.learningRate(atStep: 1_000) == floor)
        #expect(values.allSatisfy { $0 >= floor })
        #expect(isStrictlyIncreasing(values[0 ..< 10]))
        #expect(isNonIncreasing(values[9...]))
    }

    @Test func cosineMidpointIsHalfwayBetweenPeakAndFloor() throws {
        let schedule = try LearningRateSchedule(.cosine(warmupSteps: 0, floorRatio: 0), peakLearningRate: 1, totalSteps: 4)
        #expect(schedule.learningRate(atStep: 1) == 0.5)
        #expect(schedule.learningRate(atStep: 3) == 0)
    }

    @Test func cosineWithoutWarmupStartsJustBelowPeak() throws {
        let schedule = try LearningRateSchedule(.cosine(warmupSteps: 0, floorRatio: 0.5), peakLearningRate: peak, totalSteps: 1_000)
        let first = schedule.learningRate(atStep: 0)
        #expect(first < peak && first > peak * 0.9999)
    }

    @Test func warmupStableDecayLinearHoldsPeakThenDecaysToFinalRatio() throws {
        let kind = LearningRateSchedule.Kind.warmupStableDecay(warmupSteps: 2, decayFraction: 0.4, decayShape: .linear, finalRatio: 0)
        let schedule = try LearningRateSchedule(kind, peakLearningRate: 1, totalSteps: 10)
        #expect(rates(schedule) == [0.5, 1, 1, 1, 1, 1, 0.75, 0.5, 0.25, 0])
    }

    @Test func warmupStableDecaySquareRootFollowsOneMinusRootOfProgress() throws {
        let kind = LearningRateSchedule.Kind.warmupStableDecay(warmupSteps: 0, decayFraction: 0.5, decayShape: .squareRoot, finalRatio: 0.2)
        let schedule = try LearningRateSchedule(kind, peakLearningRate: 1, totalSteps: 8)
        let values = rates(schedule)
        let final = Double(Float(0.2))
        #expect(values[0 ..< 4].allSatisfy { $0 == 1 })
        #expect(values[4] == Float((1 - 0.5) + final * 0.5))
        #expect(values[5] == Float((1 - 0.5.squareRoot()) + final * 0.5.squareRoot()))
        #expect(values[7] == 0.2)
        #expect(values.allSatisfy { $0 >= 0.2 })
        #expect(isNonIncreasing(values[...]))
    }

    @Test func squareRootDecayDropsFasterThanLinearEarlyInTheDecay() throws {
        func schedule(_ shape: LearningRateSchedule.DecayShape) throws -> LearningRateSchedule {
            try LearningRateSchedule(.warmupStableDecay(warmupSteps: 10, decayFraction: 0.2, decayShape: shape, finalRatio: 0.1), peakLearningRate: peak, totalSteps: 100)
        }
        let linear = try schedule(.linear)
        let squareRoot = try schedule(.squareRoot)
        #expect(linear.learningRate(atStep: 79) == peak)
        #expect(squareRoot.learningRate(atStep: 79) == peak)
        #expect(squareRoot.learningRate(atStep: 80) < linear.learningRate(atStep: 80))
        #expect(linear.learningRate(atStep: 99) == 0.1 * peak)
        #expect(squareRoot.learningRate(atStep: 99) == 0.1 * peak)
    }

    @Test func rewarmKeepsTheBaseScheduleBeforeItsStartAndWarmsUpAgainAfter() throws {
        let base = try LearningRateSchedule(.cosine(warmupSteps: 2, floorRatio: 0.1), peakLearningRate: 1, totalSteps: 10)
        let schedule = try base.rewarmed(atStep: 10, .cosine(warmupSteps: 4, floorRatio: 0.0), peakLearningRate: 0.5, steps: 20)
        #expect(schedule.totalSteps == 30)
        for step in 0 ..< 10 {
            #expect(schedule.learningRate(atStep: step) == base.learningRate(atStep: step))
        }
        #expect(schedule.learningRate(atStep: 9) == 0.1)
        #expect(schedule.learningRate(atStep: 10) == 0.125)
        #expect(schedule.learningRate(atStep: 13) == 0.5)
        #expect(schedule.learningRate(atStep: 29) == 0)
        #expect(isNonIncreasing(rates(schedule)[13...]))
    }

    @Test func rewarmBeforeTheBaseEndsCutsTheBaseShort() throws {
        let base = try LearningRateSchedule(.constant, peakLearningRate: 1, totalSteps: 100)
        let schedule = try base.rewarmed(atStep: 40, .linearWarmup(warmupSteps: 2), peakLearningRate: 2, steps: 10)
        #expect(schedule.learningRate(atStep: 39) == 1)
        #expect(schedule.learningRate(atStep: 40) == 1)
        #expect(schedule.learningRate(atStep: 41) == 2)
        #expect(schedule.totalSteps == 50)
    }

    @Test func invalidParametersAreRejectedWithTypedErrors() {
        #expect(throws: LearningRateScheduleError.invalidPeakLearningRate(-1)) {
            try LearningRateSchedule(.constant, peakLearningRate: -1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.nonPositiveSteps(0)) {
            try LearningRateSchedule(.constant, peakLearningRate: 1, totalSteps: 0)
        }
        #expect(throws: LearningRateScheduleError.negativeWarmupSteps(-2)) {
            try LearningRateSchedule(.linearWarmup(warmupSteps: -2), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.warmupLongerThanTotal(warmupSteps: 11, totalSteps: 10, leavesDecayStep: false)) {
            try LearningRateSchedule(.linearWarmup(warmupSteps: 11), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.warmupLongerThanTotal(warmupSteps: 10, totalSteps: 10, leavesDecayStep: true)) {
            try LearningRateSchedule(.cosine(warmupSteps: 10, floorRatio: 0.1), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.ratioOutOfRange(name: "floorRatio", value: 1.5)) {
            try LearningRateSchedule(.cosine(warmupSteps: 1, floorRatio: 1.5), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.ratioOutOfRange(name: "finalRatio", value: -0.1)) {
            try LearningRateSchedule(.warmupStableDecay(warmupSteps: 1, decayFraction: 0.2, decayShape: .linear, finalRatio: -0.1), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.decayFractionOutOfRange(0)) {
            try LearningRateSchedule(.warmupStableDecay(warmupSteps: 1, decayFraction: 0, decayShape: .linear, finalRatio: 0), peakLearningRate: 1, totalSteps: 10)
        }
        #expect(throws: LearningRateScheduleError.warmupAndDecayLongerThanTotal(warmupSteps: 6, decaySteps: 5, totalSteps: 10)) {
            try LearningRateSchedule(.warmupStableDecay(warmupSteps: 6, decayFraction: 0.5, decayShape: .linear, finalRatio: 0), peakLearningRate: 1, totalSteps: 10)
        }
    }

    @Test func rewarmMustStartAfterThePreviousPhase() throws {
        let base = try LearningRateSchedule(.constant, peakLearningRate: 1, totalSteps: 10)
        let once = try base.rewarmed(atStep: 5, .constant, peakLearningRate: 1, steps: 5)
        #expect(throws: LearningRateScheduleError.rewarmNotAfterPreviousPhase(startStep: 5, previousStartStep: 5)) {
            try once.rewarmed(atStep: 5, .constant, peakLearningRate: 1, steps: 5)
        }
    }

    @Test func errorMessagesSayHowToFixTheProblem() {
        let message = LearningRateScheduleError.warmupLongerThanTotal(warmupSteps: 10, totalSteps: 10, leavesDecayStep: true).description
        #expect(message.contains("at most 9"))
    }
}
