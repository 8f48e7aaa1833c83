// The tied LM head fused with softmax and cross-entropy: logits = x · wteᵀ, then probabilities
// and per-token losses in nats; the backward pass starts from the mean loss and reuses the
// probabilities' memory for the logits' gradient.
// Shape letters: N rows (B·T), C channels, V vocabulary size.
import Foundation

/// Computes probs = softmax(inp · wteᵀ) per row (row-parallel sgemm, then rows in parallel) and, when
/// targets are given, losses[row] = −log probs[row, targets[row]] (from the log-sum-exp, not from
/// the rounded probability). Returns the mean loss in nats, summed in Double in row order, or 0
/// without targets.
@discardableResult
func crossEntropyForward(
    _ probs: UnsafeMutablePointer<Float>,   // (N, V)
    _ losses: UnsafeMutablePointer<Float>,  // (N)
    _ inp: UnsafePointer<Float>,            // (N, C)
    _ wte: UnsafePointer<Float>,            // (V, C)
    _ targets: UnsafePointer<Int32>?,       // (N) token ids in 0..<V, or nil
    N: Int, C: Int, V: Int, threads: Int
) -> Float {
    rowParallelSgemm(transposeA: false, transposeB: true, M: N, N: V, K: C, alpha: 1, inp, lda: C,
                     wte, ldb: C, beta: 0, probs, ldc: V, threads: threads)
    parallelFor(N, threads: threads) { rows in
        for row in rows {
            let p = probs + row * V
            let targetLogit = targets.map { p[Int($0[row])] } ?? 0
            let (maximum, sum) = softmaxInPlace(p, count: V)
            losses[row] = log(sum) + maximum - targetLogit
        }
    }
    guard targets != nil else { return 0 }
    var total = 0.0
    for row in 0..<N { total += Double(losses[row]) }
    return Float(total / Double(N))
}

/// The gradients of the mean loss, from the probabilities of `crossEntropyForward`, which it
/// consumes: probs becomes probs − onehot(targets) = N·dlogits in place, then dinp = dlogits · wte
/// (overwritten) and dwte += dlogitsᵀ · inp, side by side (`parallelSgemm`, the 1/N as sgemm's alpha).
func crossEntropyBackward(
    _ dinp: UnsafeMutablePointer<Float>,   // (N, C), overwritten
    _ dwte: UnsafeMutablePointer<Float>,   // (V, C), accumulated
    _ probs: UnsafeMutablePointer<Float>,  // (N, V), consumed
    _ inp: UnsafePointer<Float>,           // (N, C)
    _ wte: UnsafePointer<Float>,           // (V, C)
    _ targets: UnsafePointer<Int32>,       // (N)
    N: Int, C: Int, V: Int, threads: Int
) {
    let scale = 1 / Float(N)
    for row in 0..<N { probs[row * V + Int(targets[row])] -= 1 }
    parallelSgemm([
        SgemmProduct(transposeA: true, transposeB: false, M: V, N: C, K: N, alpha: scale, a: probs, lda: V,
                     b: inp, ldb: C, beta: 1, c: dwte, ldc: C, blocks: 1),
        SgemmProduct(transposeA: false, transposeB: false, M: N, N: C, K: V, alpha: scale, a: probs, lda: V,
                     b: wte, ldb: C, beta: 0, c: dinp, ldc: C, blocks: rowBlocks),
    ], threads: threads)
}

/// Reference for `crossEntropyForward` with targets: explicit logits, log-softmax in Double,
/// one thread. Returns the mean loss in nats.
func crossEntropyForwardNaive(
    _ probs: UnsafeMutablePointer<Float>,   // (N, V)
    _ losses: UnsafeMutablePointer<Float>,  // (N)
    _ inp: UnsafePointer<Float>,            // (N, C)
    _ wte: UnsafePointer<Float>,            // (V, C)
    _ targets: UnsafePointer<Int32>,        // (N)
    N: Int, C: Int, V: Int
) -> Float {
    var total = 0.0
    var logits = [Double](repeating: 0, count: V)
    for row in 0..<N {
        for v in 0..<V {
            var dot = 0.0
            for c in 0..<C { dot += Double(inp[row * C + c]) * Double(wte[v * C + c]) }
            logits[v] = dot
        }
        let maximum = logits.max()!
        let logSum = log(logits.reduce(0) { $0 + exp($1 - maximum) }) + maximum
        for v in 0..<V { probs[row * V + v] = Float(exp(logits[v] - logSum)) }
        let loss = logSum - logits[Int(targets[row])]
        losses[row] = Float(loss)
        total += loss
    }
    return Float(total / Double(N))
}
