// The reference for `tinyscale bench`'s "% of peak": one core's Float32 fused multiply–add peak
// at the vector width the matrix kernels use, measured rather than assumed. On the project
// machine the widths differ by 2×: its AVX-512 units reach ~250 GFLOP/s, while OpenBLAS's AVX2
// (Haswell) kernels, which the environment selects, can use ~120 of them.
import CBLAS
import Foundation
import Synchronization
import TinyGPT

/// Vector lanes of OpenBLAS's kernel set `core`: 16 for its AVX-512 kernels, 8 otherwise.
public func vectorLanes(ofOpenBLASCore core: String) -> Int {
    ["skylakex", "cooperlake", "sapphirerapids"].contains(core.lowercased()) ? 16 : 8
}

/// One core's Float32 peak in GFLOP/s at `lanes` (8 or 16) lanes: the larger of (a) a loop of
/// fused multiply–adds on `lanes`-wide vectors with twelve independent accumulators (enough to
/// hide the latency), which reaches the peak when TinyGPT is built for the machine's CPU, and
/// (b) OpenBLAS sgemm on a 512 × 512 × 512 product, which stands in when it is not (a portable
/// build turns each fused multiply–add into a library call). Best of three runs of each; takes
/// about 0.1 s.
public func measurePeakGigaflopsPerCore(lanes: Int) -> Double {
    let loop = (0..<3).map { _ in
        lanes >= 16 ? fusedMultiplyAddRate(SIMD16<Float>.self) : fusedMultiplyAddRate(SIMD8<Float>.self)
    }.max()!
    let product = (0..<3).map { _ in sgemmRate(size: 512) }.max()!
    return max(loop, product)
}

/// GFLOP/s of `iterations` rounds of twelve independent fused multiply–adds on `Vector`s.
private func fusedMultiplyAddRate<Vector: SIMD>(_: Vector.Type, iterations: Int = 200_000) -> Double
where Vector.Scalar == Float {
    let clock = ContinuousClock()
    var total: Float = 0
    let elapsed = clock.measure { total = fusedMultiplyAddRounds(Vector.self, iterations) }
    keepAlive(total)
    return Double(iterations * 12 * Vector.scalarCount * 2) / seconds(elapsed) / 1e9
}

/// The measured loop, a function of its own so the twelve accumulators stay in registers.
@inline(never)
private func fusedMultiplyAddRounds<Vector: SIMD>(_: Vector.Type, _ iterations: Int) -> Float
where Vector.Scalar == Float {
    let x = Vector(repeating: 0.999_9), y = Vector(repeating: 1e-4)
    var a0 = Vector(repeating: 0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0
    var a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0
    for _ in 0..<iterations {
        a0 = a0.addingProduct(x, y); a1 = a1.addingProduct(x, y); a2 = a2.addingProduct(x, y)
        a3 = a3.addingProduct(x, y); a4 = a4.addingProduct(x, y); a5 = a5.addingProduct(x, y)
        a6 = a6.addingProduct(x, y); a7 = a7.addingProduct(x, y); a8 = a8.addingProduct(x, y)
        a9 = a9.addingProduct(x, y); a10 = a10.addingProduct(x, y); a11 = a11.addingProduct(x, y)
    }
    return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).sum()
}

/// GFLOP/s of one single-threaded size × size × size sgemm (after one warm-up call).
private func sgemmRate(size: Int) -> Double {
    ensureSingleThreadedBLAS()
    let a = [Float](repeating: 0.5, count: size * size)
    let b = [Float](repeating: 0.25, count: size * size)
    var c = [Float](repeating: 0, count: size * size)
    let n = Int32(size)
    func multiply() {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, &c, n)
    }
    multiply()
    let elapsed = ContinuousClock().measure { multiply() }
    keepAlive(c[size * size - 1])
    return 2 * Double(size * size * size) / seconds(elapsed) / 1e9
}

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Where measured results go, so the optimiser cannot drop the loops that produce them.
private let resultSink = Atomic<UInt32>(0)

private func keepAlive(_ value: Float) {
    resultSink.store(value.bitPattern, ordering: .relaxed)
}
