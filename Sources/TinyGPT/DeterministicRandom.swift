// A small seeded random number generator (xoshiro256** seeded through SplitMix64) with uniform
// and Gaussian draws, so initialisation and synthetic data are identical on every platform.
import Foundation


/// xoshiro256** (Blackman & Vigna), seeded by expanding a 64-bit seed with SplitMix64.
///
/// The whole state is four words (`stateWords`), so a training-state file can save and restore it.
public struct DeterministicRandom: Sendable, Equatable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Seeds the generator; equal seeds give equal streams.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    /// Restores a generator from `stateWords` of another one; `nil` unless there are exactly four
    /// words and they are not all zero (the one state xoshiro cannot leave).
    public init?(stateWords: [UInt64]) {
        guard stateWords.count == 4, stateWords.contains(where: { $0 != 0 }) else { return nil }
        s0 = stateWords[0]
        s1 = stateWords[1]
        s2 = stateWords[2]
        s3 = stateWords[3]
    }

    /// The four state words, for saving.
    public var stateWords: [UInt64] { [s0, s1, s2, s3] }

    /// The next 64 random bits.
    public mutating func nextUInt64() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in the open interval (0, 1), 53 bits of resolution.
    public mutating func nextUniform() -> Double {
        (Double(nextUInt64() >> 11) + 0.5) * 0x1.0p-53
    }

    /// Uniform integer in `0..<bound` (bound ≥ 1), by rejection so there is no modulo bias.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound, got \(bound)")
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let value = nextUInt64()
            if value >= threshold { return Int(value % limit) }
        }
    }

    /// A standard normal draw by the Box–Muller transform (one of the pair is used).
    public mutating func nextGaussian() -> Double {
        let radius = (-2 * log(nextUniform())).squareRoot()
        return radius * cos(2 * Double.pi * nextUniform())
    }
}
