// The residual connection out = a + b of each transformer block.
// Shape letters: N elements (B·T·C).
//
// There is no backward kernel: the gradient of a sum passes to both summands unchanged, and the
// model keeps one residual-stream gradient buffer that both branches accumulate into.

/// out = a + b elementwise; `out` may be the same memory as `a` or `b`. Parallel over elements.
func residualForward(
    _ out: UnsafeMutablePointer<Float>,  // (N)
    _ a: UnsafePointer<Float>,           // (N)
    _ b: UnsafePointer<Float>,           // (N)
    N: Int, threads: Int
) {
    parallelFor(N, threads: threads) { range in
        for i in range { out[i] = a[i] + b[i] }
    }
}
