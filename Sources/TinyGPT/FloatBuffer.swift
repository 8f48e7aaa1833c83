// Owned, zero-initialised Float memory for the parameter, gradient, moment and activation
// buffers: one allocation each, freed with its owner.

/// A fixed-size block of Float32 values, zeroed at creation, freed on deinit.
final class FloatBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int

    init(count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    deinit {
        pointer.deallocate()
    }

    /// Sets every value to zero.
    func zero() {
        pointer.update(repeating: 0, count: count)
    }

    /// A copy of the values.
    func toArray() -> [Float] {
        Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    /// Overwrites the values from `values` (same count).
    func assign(from values: [Float]) {
        precondition(values.count == count, "buffer of \(count) values assigned \(values.count)")
        values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: count) }
    }
}
