// The tanh-approximated GELU ("gelu_new" in Hugging Face) used by GPT-2's MLP, and its backward.
// The forward pass also saves the slope gelu'(x), so the backward pass is one multiply instead
// of a second tanh (which made GELU backward the largest non-matmul cost).
// Shape letters: N elements (B·T·4C).

/// √(2/π), the GELU tanh-approximation constant.
private let geluScale: Float = 0.797_884_560_802_865_4

/// out = ½·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³), and slope = d out / d x, elementwise,
/// where x = inp + bias (the bias of the linear layer before, added here so its output is read
/// once; nil for none). Computed as x·σ(2u) (the same function: ½(1 + tanh u) = σ(2u)), one
/// `fastExp` per element. The three buffers must not overlap (overlap would also defeat
/// vectorisation). Parallel over rows.
func geluForward(
    _ out: UnsafeMutablePointer<Float>,    // (N, C)
    _ slope: UnsafeMutablePointer<Float>,  // (N, C), saved for the backward pass
    _ inp: UnsafePointer<Float>,           // (N, C)
    _ bias: UnsafePointer<Float>?,         // (C)
    N: Int, C: Int, threads: Int
) {
    parallelFor(N, threads: threads) { rows in
        for row in rows {
            let (o, d, x) = (out + row * C, slope + row * C, inp + row * C)
            if let bias {
                for c in 0..<C { (o[c], d[c]) = geluWithSlope(x[c] + bias[c]) }
            } else {
                for c in 0..<C { (o[c], d[c]) = geluWithSlope(x[c]) }
            }
        }
    }
}

/// gelu(x) = x·σ(2u) and its derivative σ(2u) + x·σ(2u)(1 − σ(2u))·2u'(x).
@inline(__always)
private func geluWithSlope(_ x: Float) -> (value: Float, slope: Float) {
    let s = 1 / (1 + fastExp(-2 * geluScale * (x + 0.044715 * x * x * x)))
    return (x * s, s + x * s * (1 - s) * (2 * geluScale) * (1 + 3 * 0.044715 * x * x))
}

/// dinp = dout · slope (overwritten), with the slope saved by `geluForward`. Parallel over elements.
func geluBackward(
    _ dinp: UnsafeMutablePointer<Float>,  // (N), overwritten
    _ slope: UnsafePointer<Float>,        // (N)
    _ dout: UnsafePointer<Float>,         // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range { dinp[i] = dout[i] * slope[i] }
    }
}
