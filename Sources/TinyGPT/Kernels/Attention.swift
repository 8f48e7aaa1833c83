// Causal multi-head self-attention over a fused qkv activation, scale 1/√(head size), through
// per-head sgemm calls, with a naive reference kernel used as the test oracle.
// Shape letters: B batch, T time, C channels, NH heads, hs = C/NH head size. The qkv row of
// token (b, t) holds q, k, v one after another (3C values); head h uses channels h·hs..<(h+1)·hs
// of each.
import CBLAS
import Foundation

/// Rows of the score matrix handled by one sgemm: a block of query rows only needs the keys up
/// to its last row, so blocking skips most of the masked upper triangle.
private let queryBlockRows = 64

/// out = softmax(q·kᵀ/√hs, causal) · v per head; saves the probabilities in att (entries above
/// the diagonal are zero).
///
/// Parallel over the B·NH (batch, head) pairs. Each pair does its products with single-threaded
/// sgemm calls on strided views of qkv, in blocks of query rows so the masked upper triangle is
/// mostly skipped.
func attentionForward(
    _ out: UnsafeMutablePointer<Float>,  // (B, T, C)
    _ att: UnsafeMutablePointer<Float>,  // (B, NH, T, T)
    _ qkv: UnsafePointer<Float>,         // (B, T, 3C)
    B: Int, T: Int, C: Int, NH: Int, threads: Int
) {
    let hs = C / NH
    let scale = 1 / Float(hs).squareRoot()
    let C3 = 3 * C
    ensureSingleThreadedBLAS()
    parallelFor(B * NH, threads: threads) { pairs in
        for pair in pairs {
            let b = pair / NH
            let h = pair % NH
            let q = qkv + b * T * C3 + h * hs
            let k = q + C
            let v = q + 2 * C
            let scores = att + pair * T * T
            let o = out + b * T * C + h * hs
            for r0 in stride(from: 0, to: T, by: queryBlockRows) {
                let r1 = min(T, r0 + queryBlockRows)
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(r1 - r0), Int32(r1), Int32(hs),
                            scale, q + r0 * C3, Int32(C3), k, Int32(C3), 0, scores + r0 * T, Int32(T))
                for t in r0..<r1 {
                    let row = scores + t * T
                    softmaxInPlace(row, count: t + 1)
                    (row + t + 1).update(repeating: 0, count: T - t - 1)
                }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(r1 - r0), Int32(hs), Int32(r1),
                            1, scores + r0 * T, Int32(T), v, Int32(C3), 0, o + r0 * C, Int32(C))
            }
        }
    }
}

/// Accumulates dqkv from dout through the saved probabilities att: dP = dO·vᵀ, dv += Pᵀ·dO,
/// dS = P∘(dP − rowsum(P∘dP))/√hs, dq += dS·k, dk += dSᵀ·q. Parallel over (batch, head) pairs,
/// each owning its q, k, v gradient slices; products are single-threaded sgemm calls in blocks
/// of query rows.
func attentionBackward(
    _ dqkv: UnsafeMutablePointer<Float>,  // (B, T, 3C), accumulated
    _ dout: UnsafePointer<Float>,         // (B, T, C)
    _ qkv: UnsafePointer<Float>,          // (B, T, 3C)
    _ att: UnsafePointer<Float>,          // (B, NH, T, T)
    B: Int, T: Int, C: Int, NH: Int, threads: Int
) {
    let hs = C / NH
    let scale = 1 / Float(hs).squareRoot()
    let C3 = 3 * C
    ensureSingleThreadedBLAS()
    parallelFor(B * NH, threads: threads) { pairs in
        let dScores = UnsafeMutablePointer<Float>.allocate(capacity: queryBlockRows * T)  // (rows, T)
        defer { dScores.deallocate() }
        for pair in pairs {
            let b = pair / NH
            let h = pair % NH
            let q = qkv + b * T * C3 + h * hs
            let k = q + C
            let v = q + 2 * C
            let dq = dqkv + b * T * C3 + h * hs
            let dk = dq + C
            let dv = dq + 2 * C
            let dO = dout + b * T * C + h * hs
            let probabilities = att + pair * T * T
            for r0 in stride(from: 0, to: T, by: queryBlockRows) {
                let r1 = min(T, r0 + queryBlockRows)
                let rows = Int32(r1 - r0)
                let p = probabilities + r0 * T
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, Int32(r1), Int32(hs),
                            1, dO + r0 * C, Int32(C), v, Int32(C3), 0, dScores, Int32(T))
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r1), Int32(hs), rows,
                            1, p, Int32(T), dO + r0 * C, Int32(C), 1, dv, Int32(C3))
                for t in r0..<r1 {
                    let pRow = p + (t - r0) * T
                    let dRow = dScores + (t - r0) * T
                    let dot = laneDot(pRow, dRow, count: t + 1)
                    for t2 in 0...t { dRow[t2] = pRow[t2] * (dRow[t2] - dot) * scale }
                    for t2 in (t + 1)..<r1 { dRow[t2] = 0 }
                }
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, Int32(hs), Int32(r1),
                            1, dScores, Int32(T), k, Int32(C3), 1, dq + r0 * C3, Int32(C3))
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r1), Int32(hs), rows,
                            1, dScores, Int32(T), q + r0 * C3, Int32(C3), 1, dk, Int32(C3))
            }
        }
    }
}

/// Reference for `attentionForward`: dot products straight from qkv, one thread.
func attentionForwardNaive(
    _ out: UnsafeMutablePointer<Float>,  // (B, T, C)
    _ att: UnsafeMutablePointer<Float>,  // (B, NH, T, T)
    _ qkv: UnsafePointer<Float>,         // (B, T, 3C)
    B: Int, T: Int, C: Int, NH: Int
) {
    let hs = C / NH
    let scale = 1 / Float(hs).squareRoot()
    for b in 0..<B {
        for h in 0..<NH {
            for t in 0..<T {
                let q = qkv + (b * T + t) * 3 * C + h * hs
                let row = att + ((b * NH + h) * T + t) * T
                var maximum = -Float.infinity
                for t2 in 0...t {
                    let k = qkv + (b * T + t2) * 3 * C + C + h * hs
                    var dot: Float = 0
                    for i in 0..<hs { dot += q[i] * k[i] }
                    row[t2] = dot * scale
                    maximum = max(maximum, row[t2])
                }
                var sum: Float = 0
                for t2 in 0...t {
                    row[t2] = exp(row[t2] - maximum)
                    sum += row[t2]
                }
                for t2 in 0..<T { row[t2] = t2 <= t ? row[t2] / sum : 0 }
                let o = out + (b * T + t) * C + h * hs
                for i in 0..<hs {
                    var value: Float = 0
                    for t2 in 0...t { value += row[t2] * qkv[(b * T + t2) * 3 * C + 2 * C + h * hs + i] }
                    o[i] = value
                }
            }
        }
    }
}

/// Reference for `attentionBackward`: the chain rule written out element by element, one thread.
func attentionBackwardNaive(
    _ dqkv: UnsafeMutablePointer<Float>,  // (B, T, 3C), accumulated
    _ dout: UnsafePointer<Float>,         // (B, T, C)
    _ qkv: UnsafePointer<Float>,          // (B, T, 3C)
    _ att: UnsafePointer<Float>,          // (B, NH, T, T)
    B: Int, T: Int, C: Int, NH: Int
) {
    let hs = C / NH
    let scale = 1 / Float(hs).squareRoot()
    var dProbabilities = [Float](repeating: 0, count: T)
    for b in 0..<B {
        for h in 0..<NH {
            for t in 0..<T {
                let p = att + ((b * NH + h) * T + t) * T
                let dO = dout + (b * T + t) * C + h * hs
                for t2 in 0...t {
                    let v = (b * T + t2) * 3 * C + 2 * C + h * hs
                    var dot: Float = 0
                    for i in 0..<hs {
                        dot += dO[i] * qkv[v + i]
                        dqkv[v + i] += p[t2] * dO[i]
                    }
                    dProbabilities[t2] = dot
                }
                for t2 in 0...t {
                    var dScore: Float = 0
                    for j in 0...t {
                        let jacobian = p[j] * ((t2 == j ? 1 : 0) - p[t2])
                        dScore += jacobian * dProbabilities[j]
                    }
                    let q = (b * T + t) * 3 * C + h * hs
                    let k = (b * T + t2) * 3 * C + C + h * hs
                    for i in 0..<hs {
                        dqkv[q + i] += dScore * scale * qkv[k + i]
                        dqkv[k + i] += dScore * scale * qkv[q + i]
                    }
                }
            }
        }
    }
}
