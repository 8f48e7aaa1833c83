// Linear layers in the Hugging Face Conv1D layout (weight [in, out]): out = inp · W + bias,
// through OpenBLAS sgemm (`rowParallelSgemm`), with a naive reference kernel used as the test oracle.
// Shape letters: N rows (B·T), C input channels, OC output channels.

/// out = inp · weight + bias (overwrites out). Bias rows are written in parallel, then sgemm over
/// row blocks adds the product.
func matmulForward(
    _ out: UnsafeMutablePointer<Float>,  // (N, OC)
    _ inp: UnsafePointer<Float>,         // (N, C)
    _ weight: UnsafePointer<Float>,      // (C, OC)
    _ bias: UnsafePointer<Float>,        // (OC)
    N: Int, C: Int, OC: Int, threads: Int
) {
    parallelFor(N, threads: threads) { rows in
        for row in rows { (out + row * OC).update(from: bias, count: OC) }
    }
    rowParallelSgemm(transposeA: false, transposeB: false, M: N, N: OC, K: C, alpha: 1, inp, lda: C,
                     weight, ldb: OC, beta: 1, out, ldc: OC, threads: threads)
}

/// Accumulates dinp += dout · weightᵀ, dweight += inpᵀ · dout (row-parallel sgemm) and dbias += the column
/// sums of dout (parallel over column blocks, rows summed in order).
func matmulBackward(
    _ dinp: UnsafeMutablePointer<Float>,     // (N, C), accumulated
    _ dweight: UnsafeMutablePointer<Float>,  // (C, OC), accumulated
    _ dbias: UnsafeMutablePointer<Float>,    // (OC), accumulated
    _ dout: UnsafePointer<Float>,            // (N, OC)
    _ inp: UnsafePointer<Float>,             // (N, C)
    _ weight: UnsafePointer<Float>,          // (C, OC)
    N: Int, C: Int, OC: Int, threads: Int
) {
    rowParallelSgemm(transposeA: false, transposeB: true, M: N, N: C, K: OC, alpha: 1, dout, lda: OC,
                     weight, ldb: OC, beta: 1, dinp, ldc: C, threads: threads)
    rowParallelSgemm(transposeA: true, transposeB: false, M: C, N: OC, K: N, alpha: 1, inp, lda: C,
                     dout, ldb: OC, beta: 1, dweight, ldc: OC, threads: threads)
    let blockWidth = 64
    let blocks = (OC + blockWidth - 1) / blockWidth
    parallelFor(blocks, threads: threads) { blockRange in
        let o0 = blockRange.lowerBound * blockWidth
        let o1 = min(OC, blockRange.upperBound * blockWidth)
        for row in 0..<N {
            let d = dout + row * OC
            for o in o0..<o1 { dbias[o] += d[o] }
        }
    }
}

/// Reference for `matmulForward`: the textbook triple loop, one thread.
func matmulForwardNaive(
    _ out: UnsafeMutablePointer<Float>,  // (N, OC)
    _ inp: UnsafePointer<Float>,         // (N, C)
    _ weight: UnsafePointer<Float>,      // (C, OC)
    _ bias: UnsafePointer<Float>,        // (OC)
    N: Int, C: Int, OC: Int
) {
    for row in 0..<N {
        for o in 0..<OC {
            var sum = bias[o]
            for c in 0..<C { sum += inp[row * C + c] * weight[c * OC + o] }
            out[row * OC + o] = sum
        }
    }
}

/// Reference for `matmulBackward`: the textbook loops, one thread.
func matmulBackwardNaive(
    _ dinp: UnsafeMutablePointer<Float>,     // (N, C), accumulated
    _ dweight: UnsafeMutablePointer<Float>,  // (C, OC), accumulated
    _ dbias: UnsafeMutablePointer<Float>,    // (OC), accumulated
    _ dout: UnsafePointer<Float>,            // (N, OC)
    _ inp: UnsafePointer<Float>,             // (N, C)
    _ weight: UnsafePointer<Float>,          // (C, OC)
    N: Int, C: Int, OC: Int
) {
    for row in 0..<N {
        for o in 0..<OC {
            let d = dout[row * OC + o]
            dbias[o] += d
            for c in 0..<C {
                dinp[row * C + c] += d * weight[c * OC + o]
                dweight[c * OC + o] += d * inp[row * C + c]
            }
        }
    }
}
