// Linear layers in the Hugging Face Conv1D layout (weight [in, out]): out = inp · W + bias,
// through OpenBLAS sgemm (`rowParallelSgemm`), with a naive reference kernel used as the test oracle.
// Shape letters: N rows (B·T), C input channels, OC output channels.

/// out = inp · weight + bias + residual (overwrites out; `bias` and `residual` may be nil). With
/// either, the rows of out are first set to bias + residual in parallel and sgemm over row blocks
/// adds the product; without, sgemm writes the product directly. Adding the residual here is the
/// block's residual connection, fused so the stream is written once.
func matmulForward(
    _ out: UnsafeMutablePointer<Float>,  // (N, OC)
    _ inp: UnsafePointer<Float>,         // (N, C)
    _ weight: UnsafePointer<Float>,      // (C, OC)
    _ bias: UnsafePointer<Float>?,       // (OC)
    residual: UnsafePointer<Float>? = nil,  // (N, OC), must not overlap out
    N: Int, C: Int, OC: Int, threads: Int
) {
    switch (bias, residual) {
    case (nil, nil):
        break
    case (let bias?, nil):
        parallelFor(N, threads: threads) { rows in
            for row in rows { (out + row * OC).update(from: bias, count: OC) }
        }
    case (nil, let residual?):
        parallelFor(N, threads: threads) { rows in
            (out + rows.lowerBound * OC).update(from: residual + rows.lowerBound * OC, count: rows.count * OC)
        }
    case (let bias?, let residual?):
        parallelFor(N, threads: threads) { rows in
            for row in rows {
                let o = out + row * OC
                let r = residual + row * OC
                for i in 0..<OC { o[i] = r[i] + bias[i] }
            }
        }
    }
    let beta: Float = bias == nil && residual == nil ? 0 : 1
    rowParallelSgemm(transposeA: false, transposeB: false, M: N, N: OC, K: C, alpha: 1, inp, lda: C,
                     weight, ldb: OC, beta: beta, out, ldc: OC, threads: threads)
}

/// Sets dinp = dout · weightᵀ and accumulates dweight += inpᵀ · dout and dbias += the column sums
/// of dout (rows summed in order). dinp is overwritten, not accumulated: every linear layer's
/// input gradient has this one source. One parallel loop: the weight gradient (one sgemm, then
/// the bias sums) runs beside the row blocks of dinp.
func matmulBackward(
    _ dinp: UnsafeMutablePointer<Float>,     // (N, C), overwritten
    _ dweight: UnsafeMutablePointer<Float>,  // (C, OC), accumulated
    _ dbias: UnsafeMutablePointer<Float>,    // (OC), accumulated
    _ dout: UnsafePointer<Float>,            // (N, OC)
    _ inp: UnsafePointer<Float>,             // (N, C)
    _ weight: UnsafePointer<Float>,          // (C, OC)
    N: Int, C: Int, OC: Int, threads: Int
) {
    ensureSingleThreadedBLAS()
    let weightGradient = SgemmProduct(transposeA: true, transposeB: false, M: C, N: OC, K: N, alpha: 1,
                                      a: inp, lda: C, b: dout, ldb: OC, beta: 1, c: dweight, ldc: OC, blocks: 1)
    let inputGradient = SgemmProduct(transposeA: false, transposeB: true, M: N, N: C, K: OC, alpha: 1,
                                     a: dout, lda: OC, b: weight, ldb: OC, beta: 0, c: dinp, ldc: C, blocks: rowBlocks)
    parallelFor(1 + inputGradient.blockCount, threads: threads) { pieces in
        for piece in pieces {
            guard piece == 0 else {
                inputGradient.run(block: piece - 1)
                continue
            }
            weightGradient.run(block: 0)
            for row in 0..<N {
                let d = dout + row * OC
                for o in 0..<OC { dbias[o] += d[o] }
            }
        }
    }
}

/// Reference for `matmulForward`: the textbook triple loop, one thread.
func matmulForwardNaive(
    _ out: UnsafeMutablePointer<Float>,  // (N, OC)
    _ inp: UnsafePointer<Float>,         // (N, C)
    _ weight: UnsafePointer<Float>,      // (C, OC)
    _ bias: UnsafePointer<Float>?,       // (OC)
    residual: UnsafePointer<Float>? = nil,  // (N, OC)
    N: Int, C: Int, OC: Int
) {
    for row in 0..<N {
        for o in 0..<OC {
            var sum: Float = 0
            for c in 0..<C { sum += inp[row * C + c] * weight[c * OC + o] }
            out[row * OC + o] = sum + (bias?[o] ?? 0) + (residual?[row * OC + o] ?? 0)
        }
    }
}

/// Reference for `matmulBackward`: the textbook loops, one thread.
func matmulBackwardNaive(
    _ dinp: UnsafeMutablePointer<Float>,     // (N, C), overwritten
    _ dweight: UnsafeMutablePointer<Float>,  // (C, OC), accumulated
    _ dbias: UnsafeMutablePointer<Float>,    // (OC), accumulated
    _ dout: UnsafePointer<Float>,            // (N, OC)
    _ inp: UnsafePointer<Float>,             // (N, C)
    _ weight: UnsafePointer<Float>,          // (C, OC)
    N: Int, C: Int, OC: Int
) {
    dinp.update(repeating: 0, count: N * C)
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
