// FNV-1a, 64-bit: the one fast non-cryptographic hash of the project. It decides corpus splits and
// deterministic orders, checks training-state and safetensors files, and names SVG glyph ids. Chosen
// because it is tiny, stable across platforms and releases (unlike Swift's seeded `Hasher`) and good
// enough for bucketing and corruption checks; identities that must not collide use `SHA256`.

/// The 64-bit Fowler–Noll–Vo 1a hash.
public enum FNV1a64 {
    /// The FNV 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Hash of `bytes`, continuing from `seed` (the offset basis by default).
    @inlinable
    public static func hash<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = offsetBasis) -> UInt64
    where Bytes.Element == UInt8 {
        var state = seed
        for byte in bytes {
            state ^= UInt64(byte)
            state = state &* prime
        }
        return state
    }

    /// Hash of the UTF-8 bytes of `text`.
    public static func hash(_ text: String, seed: UInt64 = offsetBasis) -> UInt64 {
        hash(text.utf8, seed: seed)
    }

    /// A 64-bit avalanche (the SplitMix64 finaliser) so that nearby hashes map to unrelated values;
    /// used before turning a hash into a fraction in [0, 1).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var mixed = value &+ 0x9e37_79b9_7f4a_7c15
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// `value` mapped to a fraction in [0, 1) with 53 bits of resolution.
    @inlinable
    public static func unitInterval(_ value: UInt64) -> Double {
        Double(mix(value) >> 11) * 0x1.0p-53
    }
}
