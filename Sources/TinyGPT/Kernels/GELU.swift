// The tanh-approximated GELU ("gelu_new" in Hugging Face) used by GPT-2's MLP, and its backward.
// Shape letters: N elements (B·T·4C).

/// √(2/π), the GELU tanh-approximation constant.
private let geluScale: Float = 0.797_884_560_802_865_4

/// out = ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). Parallel over elements.
func geluForward(
    _ out: UnsafeMutablePointer<Float>,  // (N)
    _ inp: UnsafePointer<Float>,         // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range {
            let x = inp[i]
            out[i] = 0.5 * x * (1 + fastTanh(geluScale * (x + 0.044715 * x * x * x)))
        }
    }
}

/// dinp += dout · gelu'(inp). Parallel over elements.
func geluBackward(
    _ dinp: UnsafeMutablePointer<Float>,  // (N), accumulated
    _ inp: UnsafePointer<Float>,          // (N)
    _ dout: UnsafePointer<Float>,         // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range {
            let x = inp[i]
            let th = fastTanh(geluScale * (x + 0.044715 * x * x * x))
            let slope = geluScale * (1 + 3 * 0.044715 * x * x)
            dinp[i] += dout[i] * (0.5 * (1 + th) + 0.5 * x * (1 - th * th) * slope)
        }
    }
}
