// Branch-free exp for Float that the compiler can vectorise (libm's expf/tanhf are opaque calls,
// and tanhf in GELU alone took a quarter of a training step), accurate to about 3 ulp.

/// e^x for x in about [−87, 88] (clamped outside), by 2^n · p(r) with x = n·ln2 + r, |r| ≤ ln2/2,
/// p the degree-6 Taylor polynomial (truncation error < 1.2e-7 relative).
///
/// n is found with the 1.5·2²³ rounding trick and 2^n is built from its bits, so there are no
/// calls and no branches.
@inline(__always)
func fastExp(_ x: Float) -> Float {
    let clamped = min(max(x, -87), 88)
    let magic: Float = 12_582_912  // 1.5 · 2^23: adding it rounds to an integer in the low bits
    let shifted = clamped * 1.442_695_04 + magic
    let n = shifted - magic
    let r = (clamped - n * 0.693_145_751_953_125) - n * 1.428_606_765_330_187e-6  // ln2 = hi + lo
    let p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720))))))
    let exponentBits = (shifted.bitPattern &- magic.bitPattern &+ 127) << 23
    return p * Float(bitPattern: exponentBits)
}
