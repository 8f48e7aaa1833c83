// Causal multi-head self-attention over a fused qkv activation, scale 1/√(head size), with a
// naive reference kernel used as the test oracle.
// Shape letters: B batch, T time, C channels, NH heads, hs = C/NH head size. The qkv row of
// token (b, t) holds q, k, v one after another (3C values); head h uses channels h·hs..<(h+1)·hs
// of each.
import Foundation

/// out = softmax(q·kᵀ/√hs, causal) · v per head; saves the probabilities in att (entries above
/// the diagonal are zero).
///
/// Parallel over the B·NH (batch, head) pairs. Each pair first transposes its keys so that the
/// score loop and the weighted sum are both vectorisable axpy loops (no float reductions).
func attentionForward(
    _ out: UnsafeMutablePointer<Float>,  // (B, T, C)
    _ att: UnsafeMutablePointer<Float>,  // (B, NH, T, T)
    _ qkv: UnsafePointer<Float>,         // (B, T, 3C)
    B: Int, T: Int, C: Int, NH: Int, threads: Int
) {
    let hs = C / NH
    let scale = 1 / Float(hs).squareRoot()
    let C3 = 3 * C
    parallelFor(B * NH, threads: threads) { pairs in
        let keysT = UnsafeMutablePointer<Float>.allocate(capacity: hs * T)  // (hs, T)
        defer { keysT.deallocate() }
        for pair in pairs {
            let b = pair / NH
            let h = pair % NH
            let base = qkv + b * T * C3 + h * hs
            for t in 0..<T {
                let k = base + t * C3 + C
                for i in 0..<hs { keysT[i * T + t] = k[i] }
            }
            for t in 0..<T {
                let q = base + t * C3
                let row = att + (pair * T + t) * T
                for t2 in 0...t { row[t2] = 0 }
                for i in 0..<hs {
                    let qi = q[i] * scale
                    let kRow = keysT + i * T
                    for t2 in 0...t { row[t2] += qi * kRow[t2] }
                }
                var maximum = -Float.infinity
                for t2 in 0...t { maximum = max(maximum, row[t2]) }
                var sum: Float = 0
                for t2 in 0...t {
                    let e = exp(row[t2] - maximum)
                    row[t2] = e
                    sum += e
                }
                let inverse = 1 / sum
                for t2 in 0...t { row[t2] *= inverse }
                for t2 in (t + 1)..<T { row[t2] = 0 }
                let o = out + (b * T + t) * C + h * hs
                for i in 0..<hs { o[i] = 0 }
                for t2 in 0...t {
                    let p = row[t2]
                    let v = base + t2 * C3 + 2 * C
                    for i in 0..<hs { o[i] += p * v[i] }
                }
            }
        }
    }
}

/// Accumulates dqkv from dout through the saved probabilities att. Parallel over (batch, head)
/// pairs; each pair owns its q, k, v gradient slices.
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
    parallelFor(B * NH, threads: threads) { pairs in
        let valuesT = UnsafeMutablePointer<Float>.allocate(capacity: hs * T)  // (hs, T)
        let dScores = UnsafeMutablePointer<Float>.allocate(capacity: T)       // (T)
        defer {
            valuesT.deallocate()
            dScores.deallocate()
        }
        for pair in pairs {
            let b = pair / NH
            let h = pair % NH
            let base = qkv + b * T * C3 + h * hs
            let dBase = dqkv + b * T * C3 + h * hs
            for t in 0..<T {
                let v = base + t * C3 + 2 * C
                for i in 0..<hs { valuesT[i * T + t] = v[i] }
            }
            for t in 0..<T {
                let p = att + (pair * T + t) * T
                let dO = dout + (b * T + t) * C + h * hs
                for t2 in 0...t { dScores[t2] = 0 }
                for i in 0..<hs {
                    let g = dO[i]
                    let vRow = valuesT + i * T
                    for t2 in 0...t { dScores[t2] += g * vRow[t2] }
                }
                for t2 in 0...t {
                    let weight = p[t2]
                    let dv = dBase + t2 * C3 + 2 * C
                    for i in 0..<hs { dv[i] += weight * dO[i] }
                }
                var dot: Float = 0
                for t2 in 0...t { dot += p[t2] * dScores[t2] }
                for t2 in 0...t { dScores[t2] = p[t2] * (dScores[t2] - dot) * scale }
                let q = base + t * C3
                let dq = dBase + t * C3
                for t2 in 0...t {
                    let s = dScores[t2]
                    let k = base + t2 * C3 + C
                    let dk = dBase + t2 * C3 + C
                    for i in 0..<hs {
                        dq[i] += s * k[i]
                        dk[i] += s * q[i]
                    }
                }
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
