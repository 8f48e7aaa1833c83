// Token + position embedding: the first layer of the forward pass, and its backward.
// Shape letters: B batch, T time (sequence length), C channels, V vocabulary size.

/// out[b,t,:] = wte[inputs[b,t],:] + wpe[t,:]. Parallel over the B·T rows.
func encoderForward(
    _ out: UnsafeMutablePointer<Float>,  // (B, T, C)
    _ inputs: UnsafePointer<Int32>,      // (B, T) token ids in 0..<V
    _ wte: UnsafePointer<Float>,         // (V, C)
    _ wpe: UnsafePointer<Float>,         // (maxT, C), maxT ≥ T
    B: Int, T: Int, C: Int, threads: Int
) {
    parallelFor(B * T, threads: threads) { rows in
        for row in rows {
            let o = out + row * C
            let e = wte + Int(inputs[row]) * C
            let p = wpe + (row % T) * C
            for c in 0..<C { o[c] = e[c] + p[c] }
        }
    }
}

/// dwte[inputs[b,t],:] += dout[b,t,:] and dwpe[t,:] += dout[b,t,:].
///
/// Parallel over channel blocks, so each thread owns whole columns of both gradients and visits
/// the rows in order: deterministic although tokens repeat.
func encoderBackward(
    _ dwte: UnsafeMutablePointer<Float>,  // (V, C), accumulated
    _ dwpe: UnsafeMutablePointer<Float>,  // (maxT, C), accumulated
    _ dout: UnsafePointer<Float>,         // (B, T, C)
    _ inputs: UnsafePointer<Int32>,       // (B, T)
    B: Int, T: Int, C: Int, threads: Int
) {
    let blockWidth = 16
    let blocks = (C + blockWidth - 1) / blockWidth
    parallelFor(blocks, threads: threads) { blockRange in
        let c0 = blockRange.lowerBound * blockWidth
        let c1 = min(C, blockRange.upperBound * blockWidth)
        for row in 0..<(B * T) {
            let d = dout + row * C
            let e = dwte + Int(inputs[row]) * C
            let p = dwpe + (row % T) * C
            for c in c0..<c1 {
                e[c] += d[c]
                p[c] += d[c]
            }
        }
    }
}
