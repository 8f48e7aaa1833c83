// The tanh-approximated GELU ("gelu_new" in Hugging Face) used by GPT-2's MLP, and its backward.
// The forward pass also saves the slope gelu'(x), so the backward pass is one multiply instead
// of a second tanh (which made GELU backward the largest non-matmul cost).
// Shape letters: N elements (B·T·4C).

/// √(2/π), the GELU tanh-approximation constant.
private let geluScale: Float = 0.797_884_560_802_865_4

/// out = ½·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³), and slope = d out / d x, elementwise;
/// computed as x·σ(2u) (the same function: ½(1 + tanh u) = σ(2u)), one `fastExp` per element.
/// The three buffers must not overlap (overlap would also defeat vectorisation). Parallel over
/// elements.
func geluForward(
    _ out: UnsafeMutablePointer<Float>,    // (N)
    _ slope: UnsafeMutablePointer<Float>,  // (N), saved for the backward pass
    _ inp: UnsafePointer<Float>,           // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range {
            let x = inp[i]
            let s = 1 / (1 + fastExp(-2 * geluScale * (x + 0.044715 * x * x * x)))
            out[i] = x * s
            slope[i] = s + x * s * (1 - s) * (2 * geluScale) * (1 + 3 * 0.044715 * x * x)
        }
    }
}

/// dinp += dout · slope, with the slope saved by `geluForward`. Parallel over elements.
func geluBackward(
    _ dinp: UnsafeMutablePointer<Float>,  // (N), accumulated
    _ slope: UnsafePointer<Float>,        // (N)
    _ dout: UnsafePointer<Float>,         // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range { dinp[i] += dout[i] * slope[i] }
    }
}
