// An open-addressing hash table from 64-bit keys to two 32-bit counts, the storage of the byte n-gram
// model (Swift's Dictionary is several times slower for this access pattern).
import Digests

/// Linear-probing table; a slot is empty when its first count is 0, so every stored key has a
/// first count ≥ 1.
struct CountTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var first: [UInt32]
    private(set) var second: [UInt32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        first = [UInt32](repeating: 0, count: size)
        second = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        var index = Int(truncatingIfNeeded: FNV1a64.mix(key)) & mask
        while first[index] != 0 && keys[index] != key {
            index = (index + 1) & mask
        }
        return index
    }

    /// The counts stored for `key`, (0, 0) when absent.
    @inline(__always)
    func counts(_ key: UInt64) -> (first: UInt32, second: UInt32) {
        let index = slot(of: key)
        return (first[index], second[index])
    }

    /// Adds to the counts of `key` (`firstIncrement` ≥ 1 when the key is new) and returns the first
    /// count before the addition.
    @discardableResult
    mutating func add(_ key: UInt64, first firstIncrement: UInt32, second secondIncrement: UInt32) -> UInt32 {
        if (count + 1) * 2 > keys.count { grow() }
        let index = slot(of: key)
        let previous = first[index]
        if previous == 0 {
            keys[index] = key
            count += 1
        }
        first[index] = previous + firstIncrement
        second[index] += secondIncrement
        return previous
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldFirst = first
        let oldSecond = second
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        first = [UInt32](repeating: 0, count: size)
        second = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for index in oldKeys.indices where oldFirst[index] != 0 {
            let target = slot(of: oldKeys[index])
            keys[target] = oldKeys[index]
            first[target] = oldFirst[index]
            second[target] = oldSecond[index]
        }
    }
}
