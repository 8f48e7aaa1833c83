// Layer normalisation (eps 1e-5, learned scale and shift) over the channels of each row.
// Shape letters: N rows (B·T), C channels.
import Foundation

/// The LayerNorm epsilon of GPT-2.
let layerNormEpsilon: Float = 1e-5

/// out = (inp − mean) · rstd · weight + bias per row (row sums in eight lanes, Lanes.swift); saves
/// mean and rstd = 1/√(var + eps) for the backward pass. Parallel over rows.
func layerNormForward(
    _ out: UnsafeMutablePointer<Float>,   // (N, C)
    _ mean: UnsafeMutablePointer<Float>,  // (N)
    _ rstd: UnsafeMutablePointer<Float>,  // (N)
    _ inp: UnsafePointer<Float>,          // (N, C)
    _ weight: UnsafePointer<Float>,       // (C)
    _ bias: UnsafePointer<Float>,         // (C)
    N: Int, C: Int, threads: Int
) {
    parallelFor(N, threads: threads) { rows in
        for row in rows {
            let x = inp + row * C
            let full = C - C % laneWidth
            var laneTotal = SIMD8<Float>()
            for c in laneStarts(full) { laneTotal += lanes(x, c) }
            var sum = laneTotal.sum()
            for c in full..<C { sum += x[c] }
            let m = sum / Float(C)
            var laneSquares = SIMD8<Float>()
            for c in laneStarts(full) {
                let shifted = lanes(x, c) - m
                laneSquares += shifted * shifted
            }
            var squares = laneSquares.sum()
            for c in full..<C { squares += (x[c] - m) * (x[c] - m) }
            let s = 1 / (squares / Float(C) + layerNormEpsilon).squareRoot()
            let o = out + row * C
            for c in 0..<C { o[c] = (x[c] - m) * s * weight[c] + bias[c] }
            mean[row] = m
            rstd[row] = s
        }
    }
}

/// Accumulates the gradients of `layerNormForward`: dinp per row (parallel over rows), then
/// dweight and dbias summed over rows in row order (parallel over channel blocks).
func layerNormBackward(
    _ dinp: UnsafeMutablePointer<Float>,     // (N, C), accumulated
    _ dweight: UnsafeMutablePointer<Float>,  // (C), accumulated
    _ dbias: UnsafeMutablePointer<Float>,    // (C), accumulated
    _ dout: UnsafePointer<Float>,            // (N, C)
    _ inp: UnsafePointer<Float>,             // (N, C)
    _ weight: UnsafePointer<Float>,          // (C)
    _ mean: UnsafePointer<Float>,            // (N)
    _ rstd: UnsafePointer<Float>,            // (N)
    N: Int, C: Int, threads: Int
) {
    parallelFor(N, threads: threads) { rows in
        for row in rows {
            let x = inp + row * C
            let d = dout + row * C
            let m = mean[row]
            let s = rstd[row]
            let full = C - C % laneWidth
            var laneDnorm = SIMD8<Float>()
            var laneDnormNorm = SIMD8<Float>()
            for c in laneStarts(full) {
                let dnorm = lanes(weight, c) * lanes(d, c)
                laneDnorm += dnorm
                laneDnormNorm += dnorm * ((lanes(x, c) - m) * s)
            }
            var dnormMean = laneDnorm.sum()
            var dnormNormMean = laneDnormNorm.sum()
            for c in full..<C {
                let dnorm = weight[c] * d[c]
                dnormMean += dnorm
                dnormNormMean += dnorm * ((x[c] - m) * s)
            }
            dnormMean /= Float(C)
            dnormNormMean /= Float(C)
            let di = dinp + row * C
            for c in 0..<C {
                let norm = (x[c] - m) * s
                let dnorm = weight[c] * d[c]
                di[c] += (dnorm - dnormMean - norm * dnormNormMean) * s
            }
        }
    }
    let blockWidth = 16
    let blocks = (C + blockWidth - 1) / blockWidth
    parallelFor(blocks, threads: threads) { blockRange in
        let c0 = blockRange.lowerBound * blockWidth
        let c1 = min(C, blockRange.upperBound * blockWidth)
        for row in 0..<N {
            let x = inp + row * C
            let d = dout + row * C
            let m = mean[row]
            let s = rstd[row]
            for c in c0..<c1 {
                dweight[c] += (x[c] - m) * s * d[c]
                dbias[c] += d[c]
            }
        }
    }
}
