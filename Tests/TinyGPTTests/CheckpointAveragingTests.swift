// Known answers for checkpoint averaging: EMA folding order, simple means over the ring, eviction of
// the oldest snapshot, and validation errors.

import Testing
@testable import TinyGPT

struct CheckpointAveragingTests {
    @Test func exponentialMovingAverageStartsAtTheOldestAndFoldsInNewerSnapshots() throws {
        var averager = try CheckpointAverager(parameterCount: 2, capacity: 3)
        try averager.append([1, 10], step: 100)
        try averager.append([2, 20], step: 200)
        try averager.append([3, 30], step: 300)
        // 1 → 0.5·2 + 0.5·1 = 1.5 → 0.5·3 + 0.5·1.5 = 2.25
        #expect(try averager.exponentialMovingAverage(alpha: 0.5) == [2.25, 22.5])
        #expect(try averager.exponentialMovingAverage(alpha: 0.5, last: 2) == [2.5, 25])
        #expect(try averager.exponentialMovingAverage(alpha: 1) == [3, 30])
    }

    @Test func exponentialMovingAverageWithAlphaOneFifthOverSixCheckpoints() throws {
        var averager = try CheckpointAverager(parameterCount: 1, capacity: 6)
        for step in 0 ..< 6 {
            try averager.append([step == 0 ? 1 : 0], step: step)
        }
        // The oldest snapshot survives five folds with weight (1 − 0.2)^5.
        let expected = Float(0.8 * 0.8 * 0.8 * 0.8 * 0.8)
        #expect(try averager.exponentialMovingAverage(alpha: 0.2) == [expected])
    }

    @Test func simpleAverageIsTheMeanOfTheNewestSnapshots() throws {
        var averager = try CheckpointAverager(parameterCount: 3, capacity: 4)
        try averager.append([1, 2, 3], step: 1)
        try averager.append([3, 4, 5], step: 2)
        #expect(try averager.simpleAverage() == [2, 3, 4])
        #expect(try averager.simpleAverage(last: 1) == [3, 4, 5])
    }

    @Test func fullRingDropsTheOldestSnapshot() throws {
        var averager = try CheckpointAverager(parameterCount: 1, capacity: 3)
        for value in 1 ... 5 {
            try averager.append([Float(value)], step: value * 10)
        }
        #expect(averager.count == 3)
        #expect(averager.keptSteps == [30, 40, 50])
        #expect(try averager.simpleAverage() == [4])
        #expect(try averager.exponentialMovingAverage(alpha: 0.5) == [4.25])
    }

    @Test func averagesAreIndependentOfRingRotation() throws {
        var direct = try CheckpointAverager(parameterCount: 2, capacity: 3)
        var rotated = try CheckpointAverager(parameterCount: 2, capacity: 3)
        let snapshots: [[Float]] = [[0.1, -0.7], [0.3, 0.2], [0.25, 1e-3]]
        try rotated.append([9, 9], step: 0)
        try rotated.append([8, 8], step: 0)
        for (index, snapshot) in snapshots.enumerated() {
            try direct.append(snapshot, step: index)
            try rotated.append(snapshot, step: index)
        }
        #expect(try direct.simpleAverage() == rotated.simpleAverage())
        #expect(try direct.exponentialMovingAverage(alpha: 0.2) == rotated.exponentialMovingAverage(alpha: 0.2))
    }

    @Test func invalidUseIsRejectedWithTypedErrors() throws {
        #expect(throws: CheckpointAveragingError.invalidSize(parameterCount: 0, capacity: 3)) {
            try CheckpointAverager(parameterCount: 0, capacity: 3)
        }
        var averager = try CheckpointAverager(parameterCount: 2, capacity: 2)
        #expect(throws: CheckpointAveragingError.notEnoughSnapshots(requested: 0, kept: 0)) {
            try averager.simpleAverage()
        }
        #expect(throws: CheckpointAveragingError.parameterCountMismatch(expected: 2, actual: 3)) {
            try averager.append([1, 2, 3], step: 0)
        }
        try averager.append([1, 2], step: 0)
        #expect(throws: CheckpointAveragingError.notEnoughSnapshots(requested: 2, kept: 1)) {
            try averager.simpleAverage(last: 2)
        }
        #expect(throws: CheckpointAveragingError.alphaOutOfRange(0)) {
            try averager.exponentialMovingAverage(alpha: 0)
        }
    }
}
