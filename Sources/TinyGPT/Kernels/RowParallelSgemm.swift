// Matrix products for the kernels: OpenBLAS sgemm kept single-threaded, with the output rows
// split across the model's threads by us. One process-wide OpenBLAS thread count that never
// changes keeps results independent of what else runs in the process, and lets the attention
// kernel call sgemm from several workers at once.
import CBLAS

/// Sets OpenBLAS to one thread, once per process, before the first product.
private let openBLASSingleThreaded: Void = openblas_set_num_threads(1)

/// Makes sure OpenBLAS runs single-threaded; call before any direct `cblas_sgemm` (also outside
/// TinyGPT, e.g. the benchmarks' peak measurement).
public func ensureSingleThreadedBLAS() {
    openBLASSingleThreaded
}

/// Row blocks of a product with many output rows, whatever the thread count: OpenBLAS chooses its
/// kernels by the shape of each call (measured: splitting a product differently changes some
/// results in the last bit), so the split must not depend on the threads or results would.
let rowBlocks = 4

/// One product C = alpha·op(A)·op(B) + beta·C, row-major (op = transpose when `transposeA` /
/// `transposeB`), and the fixed number of row blocks its M rows are computed in.
struct SgemmProduct {
    var transposeA: Bool
    var transposeB: Bool
    var M: Int, N: Int, K: Int
    var alpha: Float
    var a: UnsafePointer<Float>, lda: Int  // op(A) is (M, K)
    var b: UnsafePointer<Float>, ldb: Int  // op(B) is (K, N)
    var beta: Float
    var c: UnsafeMutablePointer<Float>, ldc: Int  // (M, N)
    /// `rowBlocks` for products whose M is the batch's rows; 1 for weight gradients (M is a few
    /// channels and K the rows: splitting M would only repack B once per block).
    var blocks: Int

    /// Blocks actually used: `blocks`, or M when there are fewer rows.
    var blockCount: Int { max(1, min(blocks, M)) }

    /// Runs block `block` of `blockCount` (contiguous rows), one single-threaded sgemm call.
    func run(block: Int) {
        let pieces = blockCount
        guard block < pieces else { return }
        let m0 = M * block / pieces
        let m1 = M * (block + 1) / pieces
        guard m1 > m0 else { return }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m1 - m0), Int32(N), Int32(K), alpha, transposeA ? a + m0 : a + m0 * lda, Int32(lda),
                    b, Int32(ldb), beta, c + m0 * ldc, Int32(ldc))
    }
}

/// Runs every block of every product, the blocks spread over `threads` threads in one parallel
/// loop (the products must write disjoint outputs).
func parallelSgemm(_ products: [SgemmProduct], threads: Int) {
    ensureSingleThreadedBLAS()
    var pieces: [(product: Int, block: Int)] = []
    for (index, product) in products.enumerated() {
        for block in 0..<product.blockCount { pieces.append((index, block)) }
    }
    parallelFor(pieces.count, threads: threads) { range in
        for piece in range { products[pieces[piece].product].run(block: pieces[piece].block) }
    }
}

/// C = alpha·op(A)·op(B) + beta·C in `rowBlocks` row blocks over `threads` threads (same K order
/// for every element, so the split does not change the result's summation order).
func rowParallelSgemm(
    transposeA: Bool, transposeB: Bool, M: Int, N: Int, K: Int, alpha: Float,
    _ a: UnsafePointer<Float>, lda: Int,  // op(A) is (M, K)
    _ b: UnsafePointer<Float>, ldb: Int,  // op(B) is (K, N)
    beta: Float,
    _ c: UnsafeMutablePointer<Float>, ldc: Int,  // (M, N)
    threads: Int
) {
    parallelSgemm([SgemmProduct(transposeA: transposeA, transposeB: transposeB, M: M, N: N, K: K, alpha: alpha,
                                a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, blocks: rowBlocks)],
                  threads: threads)
}
