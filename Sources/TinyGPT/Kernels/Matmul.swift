// Linear layers in the Hugging Face Conv1D layout (weight [in, out]): out = inp · W + bias,
// through OpenBLAS `cblas_sgemm`, with a naive reference kernel used as the test oracle.
// Shape letters: N rows (B·T), C input channels, OC output channels.
import CBLAS

/// out = inp · weight + bias (overwrites out). Bias rows are written in parallel, then one sgemm
/// (OpenBLAS uses its own threads) adds the product.
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
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(N), Int32(OC), Int32(C),
                1, inp, Int32(C), weight, Int32(OC), 1, out, Int32(OC))
}

/// Accumulates dinp += dout · weightᵀ, dweight += inpᵀ · dout (two sgemms) and dbias += the column
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
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(N), Int32(C), Int32(OC),
                1, dout, Int32(OC), weight, Int32(OC), 1, dinp, Int32(C))
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(C), Int32(OC), Int32(N),
                1, inp, Int32(C), dout, Int32(OC), 1, dweight, Int32(OC))
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
