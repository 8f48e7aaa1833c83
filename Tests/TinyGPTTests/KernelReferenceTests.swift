// The fast kernels (sgemm, parallel, transposed-operand loops) against their naive references,
// and the parallel kernels at one thread against two.
import Testing
@testable import TinyGPT

@Test func sgemmMatmulAgreesWithNaiveMatmul() {
    let (N, C, OC) = (37, 24, 40)
    let inp = randomValues(N * C, seed: 100)
    let weight = randomValues(C * OC, seed: 101)
    let bias = randomValues(OC, seed: 102)
    let dout = randomValues(N * OC, seed: 103)
    let residual = randomValues(N * OC, seed: 104)
    for (withBias, withResidual) in [(true, false), (false, false), (true, true), (false, true)] {
        var fast = [Float](repeating: 9, count: N * OC)
        var naive = [Float](repeating: 0, count: N * OC)
        bias.withUnsafeBufferPointer { b in
            residual.withUnsafeBufferPointer { r in
                let (b, r) = (withBias ? b.baseAddress : nil, withResidual ? r.baseAddress : nil)
                matmulForward(&fast, inp, weight, b, residual: r, N: N, C: C, OC: OC, threads: 2)
                matmulForwardNaive(&naive, inp, weight, b, residual: r, N: N, C: C, OC: OC)
            }
        }
        #expect(largestDifference(fast, naive) < 1e-4, "bias \(withBias), residual \(withResidual)")
    }

    var fastGradients = ([Float](repeating: 0, count: N * C), [Float](repeating: 0, count: C * OC),
                         [Float](repeating: 0, count: OC))
    var naiveGradients = fastGradients
    matmulBackward(&fastGradients.0, &fastGradients.1, &fastGradients.2, dout, inp, weight,
                   N: N, C: C, OC: OC, threads: 2)
    matmulBackwardNaive(&naiveGradients.0, &naiveGradients.1, &naiveGradients.2, dout, inp, weight,
                        N: N, C: C, OC: OC)
    #expect(largestDifference(fastGradients.0, naiveGradients.0) < 1e-4)
    #expect(largestDifference(fastGradients.1, naiveGradients.1) < 1e-4)
    #expect(largestDifference(fastGradients.2, naiveGradients.2) < 1e-4)
}

/// Shapes with one block of query rows and with several (the last one partial).
@Test(arguments: [[3, 9, 12, 3], [2, 150, 8, 2]])
func blockedAttentionAgreesWithNaiveAttention(shape: [Int]) {
    let (B, T, C, NH) = (shape[0], shape[1], shape[2], shape[3])
    let qkv = randomValues(B * T * 3 * C, seed: 110)
    let dout = randomValues(B * T * C, seed: 111)
    var fastOut = [Float](repeating: 0, count: B * T * C)
    var fastAtt = [Float](repeating: 0, count: B * NH * T * T)
    var naiveOut = fastOut
    var naiveAtt = fastAtt
    attentionForward(&fastOut, &fastAtt, qkv, B: B, T: T, C: C, NH: NH, threads: 2)
    attentionForwardNaive(&naiveOut, &naiveAtt, qkv, B: B, T: T, C: C, NH: NH)
    #expect(largestDifference(fastOut, naiveOut) < 1e-5)
    #expect(largestDifference(fastAtt, naiveAtt) < 1e-6)

    var fastD = [Float](repeating: 0, count: B * T * 3 * C)
    var naiveD = fastD
    attentionBackward(&fastD, dout, qkv, fastAtt, B: B, T: T, C: C, NH: NH, threads: 2)
    attentionBackwardNaive(&naiveD, dout, qkv, naiveAtt, B: B, T: T, C: C, NH: NH)
    #expect(largestDifference(fastD, naiveD) < 1e-5)
}

@Test func fusedCrossEntropyAgreesWithNaiveDoubleReference() {
    let (N, C, V) = (10, 8, 256)
    let inp = randomValues(N * C, seed: 120)
    let wte = randomValues(V * C, seed: 121, std: 0.5)
    let targets = randomTokens(N, vocabSize: V, seed: 122)
    var fastProbs = [Float](repeating: 0, count: N * V)
    var fastLosses = [Float](repeating: 0, count: N)
    var naiveProbs = fastProbs
    var naiveLosses = fastLosses
    let fast = crossEntropyForward(&fastProbs, &fastLosses, inp, wte, targets, N: N, C: C, V: V, threads: 2)
    let naive = crossEntropyForwardNaive(&naiveProbs, &naiveLosses, inp, wte, targets, N: N, C: C, V: V)
    #expect(abs(fast - naive) < 1e-5)
    #expect(largestDifference(fastLosses, naiveLosses) < 1e-5)
    #expect(largestDifference(fastProbs, naiveProbs) < 1e-6)
}

@Test func elementwiseKernelsGiveSameBitsAtOneAndTwoThreads() {
    let (N, C) = (33, 20)
    let inp = randomValues(N * C, seed: 130)
    let weight = randomValues(C, seed: 131)
    let bias = randomValues(C, seed: 132)
    let dout = randomValues(N * C, seed: 133)
    func run(threads: Int) -> [Float] {
        var out = [Float](repeating: 0, count: N * C)
        var mean = [Float](repeating: 0, count: N)
        var rstd = [Float](repeating: 0, count: N)
        layerNormForward(&out, &mean, &rstd, inp, weight, bias, N: N, C: C, threads: threads)
        var dinp = [Float](repeating: 0, count: N * C)
        var dweight = [Float](repeating: 0, count: C)
        var dbias = [Float](repeating: 0, count: C)
        layerNormBackward(&dinp, &dweight, &dbias, dout, inp, weight, mean, rstd, N: N, C: C, threads: threads)
        var gelu = [Float](repeating: 0, count: N * C)
        var slope = [Float](repeating: 0, count: N * C)
        geluForward(&gelu, &slope, inp, bias, N: N, C: C, threads: threads)
        var dgelu = [Float](repeating: 0, count: N * C)
        geluBackward(&dgelu, slope, dout, N: N * C, threads: threads)
        return out + dinp + dweight + dbias + gelu + slope + dgelu
    }
    #expect(run(threads: 1) == run(threads: 2))
}
