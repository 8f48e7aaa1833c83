// A reproducible random source for bootstrap resampling and synthetic data: GSL's MT19937,
// plus the rule that derives independent per-task seeds from one master seed.
@preconcurrency import CGSL

/// GSL's Mersenne Twister (`gsl_rng_mt19937`), owned by this object. Same seed ⇒ same sequence.
/// Not thread-safe: give every thread (or every bootstrap resample) its own generator.
public final class SeededRandomNumberGenerator {
    private let generator: UnsafeMutablePointer<gsl_rng>

    /// A generator seeded with `seed` (MT19937 uses the low 32 bits; `derivedSeed` spreads seeds first).
    public init(seed: UInt64) {
        GSLRuntime.prepare()
        generator = gsl_rng_alloc(gsl_rng_mt19937)
        gsl_rng_set(generator, UInt(truncatingIfNeeded: seed))
    }

    deinit {
        gsl_rng_free(generator)
    }

    /// A uniform integer in 0..<upperBound (`gsl_rng_uniform_int`); upperBound ≥ 1.
    public func uniformInteger(below upperBound: Int) -> Int {
        Int(gsl_rng_uniform_int(generator, UInt(upperBound)))
    }

    /// A uniform double in [0, 1) (`gsl_rng_uniform`).
    public func uniform() -> Double {
        gsl_rng_uniform(generator)
    }

    /// A Gaussian variate with mean 0 and standard deviation σ (`gsl_ran_gaussian`).
    public func gaussian(standardDeviation: Double) -> Double {
        gsl_ran_gaussian(generator, standardDeviation)
    }

    /// The seed of task `index` under master seed `seed`: SplitMix64's finaliser applied to
    /// seed + (index + 1)·φ·2⁶⁴. Distinct tasks get well-mixed, reproducible seeds, so results do
    /// not depend on which thread runs which task.
    public static func derivedSeed(master seed: UInt64, index: Int) -> UInt64 {
        var mixed = seed &+ UInt64(index + 1) &* 0x9E37_79B9_7F4A_7C15
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
