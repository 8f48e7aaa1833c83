// Checkpoint averaging: a fixed-capacity ring of the last k parameter snapshots, averaged as an
// exponential moving average or a simple mean, in a fixed summation order.

/// Keeps the last `capacity` snapshots of a flat parameter buffer (every parameter of the model in
/// one contiguous `[Float]`, in the model's layout) and averages them.
///
/// Both averages visit the kept snapshots from the oldest to the newest and accumulate in `Double`,
/// so the result depends only on the snapshots, never on timing or thread count.
public struct CheckpointAverager: Sendable {
    /// The number of Float32 values in every snapshot.
    public let parameterCount: Int
    /// The most snapshots kept; appending beyond it drops the oldest.
    public let capacity: Int
    /// Snapshot slots, `capacity` × `parameterCount` values; slot `i` starts at `i * parameterCount`.
    private var storage: [Float]
    /// The slot the next snapshot goes into.
    private var nextSlot = 0
    /// The optimizer step of the snapshot in each slot.
    private var slotSteps: [Int]
    /// The number of snapshots kept so far, at most `capacity`.
    public private(set) var count = 0

    /// Creates an empty ring for snapshots of `parameterCount` values, keeping at most `capacity`.
    ///
    /// - Throws: ``CheckpointAveragingError/invalidSize(parameterCount:capacity:)`` when either is
    ///   not positive.
    public init(parameterCount: Int, capacity: Int) throws(CheckpointAveragingError) {
        guard parameterCount > 0, capacity > 0 else {
            throw .invalidSize(parameterCount: parameterCount, capacity: capacity)
        }
        self.parameterCount = parameterCount
        self.capacity = capacity
        storage = [Float](repeating: 0, count: parameterCount * capacity)
        slotSteps = [Int](repeating: 0, count: capacity)
    }

    /// The optimizer steps of the kept snapshots, oldest first.
    public var keptSteps: [Int] {
        orderedSlots(last: count).map { slotSteps[$0] }
    }

    /// Copies `parameters` into the ring as the newest snapshot, taken at optimizer `step`; when the
    /// ring is full the oldest snapshot is dropped.
    ///
    /// - Throws: ``CheckpointAveragingError/parameterCountMismatch(expected:actual:)`` when
    ///   `parameters.count` differs from ``parameterCount``.
    public mutating func append(_ parameters: [Float], step: Int) throws(CheckpointAveragingError) {
        guard parameters.count == parameterCount else {
            throw .parameterCountMismatch(expected: parameterCount, actual: parameters.count)
        }
        let offset = nextSlot * parameterCount
        storage.withUnsafeMutableBufferPointer { destination in
            parameters.withUnsafeBufferPointer { source in
                for index in 0 ..< source.count {
                    destination[offset + index] = source[index]
                }
            }
        }
        slotSteps[nextSlot] = step
        nextSlot = (nextSlot + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// The mean of the newest `last` snapshots (all kept snapshots by default).
    ///
    /// - Throws: ``CheckpointAveragingError/notEnoughSnapshots(requested:kept:)`` when `last` is not
    ///   in `1 ... count`.
    public func simpleAverage(last: Int? = nil) throws(CheckpointAveragingError) -> [Float] {
        let slots = try validatedSlots(last: last)
        var sums = [Double](repeating: 0, count: parameterCount)
        storage.withUnsafeBufferPointer { snapshots in
            sums.withUnsafeMutableBufferPointer { sums in
                for slot in slots {
                    let offset = slot * parameterCount
                    for index in 0 ..< parameterCount {
                        sums[index] += Double(snapshots[offset + index])
                    }
                }
            }
        }
        let snapshotCount = Double(slots.count)
        return sums.map { Float($0 / snapshotCount) }
    }

    /// The exponential moving average of the newest `last` snapshots (all kept by default): it starts
    /// at the oldest of them and folds in each newer snapshot θ as `average ← α·θ + (1 − α)·average`.
    ///
    /// - Parameter alpha: the weight α of each newer snapshot, in (0, 1]; 1 returns the newest.
    /// - Throws: ``CheckpointAveragingError/alphaOutOfRange(_:)`` or
    ///   ``CheckpointAveragingError/notEnoughSnapshots(requested:kept:)``.
    public func exponentialMovingAverage(alpha: Double, last: Int? = nil) throws(CheckpointAveragingError) -> [Float] {
        guard alpha.isFinite, alpha > 0, alpha <= 1 else { throw .alphaOutOfRange(alpha) }
        let slots = try validatedSlots(last: last)
        var averages = [Double](repeating: 0, count: parameterCount)
        storage.withUnsafeBufferPointer { snapshots in
            averages.withUnsafeMutableBufferPointer { averages in
                let oldestOffset = slots[0] * parameterCount
                for index in 0 ..< parameterCount {
                    averages[index] = Double(snapshots[oldestOffset + index])
                }
                for slot in slots.dropFirst() {
                    let offset = slot * parameterCount
                    for index in 0 ..< parameterCount {
                        averages[index] = alpha * Double(snapshots[offset + index]) + (1 - alpha) * averages[index]
                    }
                }
            }
        }
        return averages.map { Float($0) }
    }

    private func validatedSlots(last: Int?) throws(CheckpointAveragingError) -> [Int] {
        let requested = last ?? count
        guard requested >= 1, requested <= count else {
            throw .notEnoughSnapshots(requested: requested, kept: count)
        }
        return orderedSlots(last: requested)
    }

    /// The slots of the newest `last` snapshots, oldest first.
    private func orderedSlots(last: Int) -> [Int] {
        (0 ..< last).map { age in (nextSlot - last + age + capacity) % capacity }
    }
}

/// Why a ``CheckpointAverager`` could not be built or used.
public enum CheckpointAveragingError: Error, Equatable, CustomStringConvertible {
    case invalidSize(parameterCount: Int, capacity: Int)
    case parameterCountMismatch(expected: Int, actual: Int)
    case notEnoughSnapshots(requested: Int, kept: Int)
    case alphaOutOfRange(Double)

    public var description: String {
        switch self {
        case .invalidSize(let parameterCount, let capacity):
            return "checkpoint averaging: \(parameterCount) parameters and capacity \(capacity); both must be positive"
        case .parameterCountMismatch(let expected, let actual):
            return "checkpoint averaging: snapshot has \(actual) parameters but the ring holds \(expected); append snapshots of the same model"
        case .notEnoughSnapshots(let requested, let kept):
            return "checkpoint averaging: asked to average the last \(requested) snapshots but \(kept) are kept; ask for 1 to \(kept), or append more first"
        case .alphaOutOfRange(let alpha):
            return "checkpoint averaging: EMA weight α = \(alpha) is outside (0, 1]; use e.g. 0.2"
        }
    }
}
