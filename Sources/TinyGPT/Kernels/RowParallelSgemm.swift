// Matrix products for the kernels: OpenBLAS sgemm kept single-threaded, with the output rows
// split across the model's threads by us. One process-wide OpenBLAS thread count that never
// changes keeps results independent of what else runs in the process, and lets the attention
// kernel call sgemm from several workers at once.
import CBLAS

/// Sets OpenBLAS to one thread, once per process, before the first product.
private let openBLASSingleThreaded: Void = openblas_set_num_threads(1)

/// C = alpha·op(A)·op(B) + beta·C, row-major, op = transpose when `transposeA`/`transposeB`.
/// M rows of C are split into `threads` contiguous blocks, each one single-threaded sgemm call
/// (same K order for every element, so the split does not change the result's summation order).
func rowParallelSgemm(
    transposeA: Bool, transposeB: Bool, M: Int, N: Int, K: Int, alpha: Float,
    _ a: UnsafePointer<Float>, lda: Int,  // op(A) is (M, K)
    _ b: UnsafePointer<Float>, ldb: Int,  // op(B) is (K, N)
    beta: Float,
    _ c: UnsafeMutablePointer<Float>, ldc: Int,  // (M, N)
    threads: Int
) {
    ensureSingleThreadedBLAS()
    let pieces = max(1, min(rowBlocks, M))
    let work = { (piece: Int) in
        let m0 = M * piece / pieces
        let m1 = M * (piece + 1) / pieces
        guard m1 > m0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m1 - m0), Int32(N), Int32(K), alpha, transposeA ? a + m0 : a + m0 * lda, Int32(lda),
                    b, Int32(ldb), beta, c + m0 * ldc, Int32(ldc))
    }
    if pieces == 1 || threads <= 1 {
        (0..<pieces).forEach(work)
    } else {
        parallelFor(pieces, threads: threads) { range in range.forEach(work) }
    }
}

/// Row blocks of every product, whatever the thread count: OpenBLAS chooses its kernels by the
/// shape of each call, so the split must not depend on the threads or results would.
private let rowBlocks = 4

/// Makes sure OpenBLAS runs single-threaded; call before any direct `cblas_sgemm`.
func ensureSingleThreadedBLAS() {
    openBLASSingleThreaded
}
