// The one random number generator of the module: SplitMix64, seeded explicitly, so every shuffle,
// sample and synthetic text is reproducible from a seed on any platform.
import Digests

/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a constant and finalised by
/// `FNV1a64.mix`. Its whole state is one `UInt64`, so it can be saved and restored exactly.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    /// The full state; saving and restoring it resumes the sequence exactly.
    public var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        return FNV1a64.mix(state &- 0x9e37_79b9_7f4a_7c15)
    }

    /// A uniform fraction in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in `0..<upperBound` (`upperBound` > 0), without modulo bias.
    public mutating func nextIndex(below upperBound: Int) -> Int {
        Int(next(upperBound: UInt64(upperBound)))
    }
}
