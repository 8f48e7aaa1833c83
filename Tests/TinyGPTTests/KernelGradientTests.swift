// Finite-difference checks of every backward kernel: the objective is Σ out·w for fixed random
// weights w (so dout = w), computed in Double; central differences with step 1e-2 on the Float
// forward kernels. Tolerances are per check and the largest difference per tensor is reported.
import Testing
@testable import TinyGPT

private let epsilon: Float = 1e-2

private func expectPasses(_ comparisons: [GradientComparison]) {
    for comparison in comparisons {
        #expect(comparison.passed, "\(comparison)")
    }
}

@Test func encoderBackwardMatchesFiniteDifferences() {
    let (B, T, C, V) = (2, 3, 4, 5)
    let inputs = randomTokens(B * T, vocabSize: V, seed: 1)
    var wte = randomValues(V * C, seed: 2)
    var wpe = randomValues(T * C, seed: 3)
    let weights = randomValues(B * T * C, seed: 4)
    func objective(_ wte: [Float], _ wpe: [Float]) -> Double {
        var out = [Float](repeating: 0, count: B * T * C)
        encoderForward(&out, inputs, wte, wpe, B: B, T: T, C: C, threads: 2)
        return weightedSum(out, weights)
    }
    var dwte = [Float](repeating: 0, count: V * C)
    var dwpe = [Float](repeating: 0, count: T * C)
    encoderBackward(&dwte, &dwpe, weights, inputs, B: B, T: T, C: C, threads: 2)
    let wpeCopy = wpe
    let wteCopy = wte
    expectPasses([
        compareWithFiniteDifferences(name: "wte", values: &wte, analytic: dwte, indices: Array(0..<(V * C)),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective($0, wpeCopy)
        },
        compareWithFiniteDifferences(name: "wpe", values: &wpe, analytic: dwpe, indices: Array(0..<(T * C)),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective(wteCopy, $0)
        },
    ])
}

@Test func layerNormBackwardMatchesFiniteDifferences() {
    let (N, C) = (5, 8)
    var inp = randomValues(N * C, seed: 10)
    var weight = randomValues(C, seed: 11)
    var bias = randomValues(C, seed: 12)
    let weights = randomValues(N * C, seed: 13)
    func objective(_ inp: [Float], _ weight: [Float], _ bias: [Float]) -> Double {
        var out = [Float](repeating: 0, count: N * C)
        var mean = [Float](repeating: 0, count: N)
        var rstd = [Float](repeating: 0, count: N)
        layerNormForward(&out, &mean, &rstd, inp, weight, bias, N: N, C: C, threads: 2)
        return weightedSum(out, weights)
    }
    var out = [Float](repeating: 0, count: N * C)
    var mean = [Float](repeating: 0, count: N)
    var rstd = [Float](repeating: 0, count: N)
    layerNormForward(&out, &mean, &rstd, inp, weight, bias, N: N, C: C, threads: 2)
    var dinp = [Float](repeating: 0, count: N * C)
    var dweight = [Float](repeating: 0, count: C)
    var dbias = [Float](repeating: 0, count: C)
    layerNormBackward(&dinp, &dweight, &dbias, weights, inp, weight, mean, rstd, N: N, C: C, threads: 2)
    let (inpCopy, weightCopy, biasCopy) = (inp, weight, bias)
    expectPasses([
        compareWithFiniteDifferences(name: "inp", values: &inp, analytic: dinp, indices: Array(0..<(N * C)),
                                     epsilon: epsilon, absoluteTolerance: 2e-3, relativeTolerance: 1e-2) {
            objective($0, weightCopy, biasCopy)
        },
        compareWithFiniteDifferences(name: "weight", values: &weight, analytic: dweight, indices: Array(0..<C),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective(inpCopy, $0, biasCopy)
        },
        compareWithFiniteDifferences(name: "bias", values: &bias, analytic: dbias, indices: Array(0..<C),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective(inpCopy, weightCopy, $0)
        },
    ])
}

@Test func matmulBackwardMatchesFiniteDifferences() {
    let (N, C, OC) = (4, 6, 5)
    var inp = randomValues(N * C, seed: 20)
    var weight = randomValues(C * OC, seed: 21)
    var bias = randomValues(OC, seed: 22)
    let weights = randomValues(N * OC, seed: 23)
    func objective(_ inp: [Float], _ weight: [Float], _ bias: [Float]) -> Double {
        var out = [Float](repeating: 0, count: N * OC)
        matmulForward(&out, inp, weight, bias, N: N, C: C, OC: OC, threads: 2)
        return weightedSum(out, weights)
    }
    var dinp = [Float](repeating: 0, count: N * C)
    var dweight = [Float](repeating: 0, count: C * OC)
    var dbias = [Float](repeating: 0, count: OC)
    matmulBackward(&dinp, &dweight, &dbias, weights, inp, weight, N: N, C: C, OC: OC, threads: 2)
    let (inpCopy, weightCopy, biasCopy) = (inp, weight, bias)
    expectPasses([
        compareWithFiniteDifferences(name: "inp", values: &inp, analytic: dinp, indices: Array(0..<(N * C)),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective($0, weightCopy, biasCopy)
        },
        compareWithFiniteDifferences(name: "weight", values: &weight, analytic: dweight, indices: Array(0..<(C * OC)),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective(inpCopy, $0, biasCopy)
        },
        compareWithFiniteDifferences(name: "bias", values: &bias, analytic: dbias, indices: Array(0..<OC),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-3) {
            objective(inpCopy, weightCopy, $0)
        },
    ])
}

@Test func attentionBackwardMatchesFiniteDifferences() {
    let (B, T, C, NH) = (2, 4, 8, 2)
    var qkv = randomValues(B * T * 3 * C, seed: 30)
    let weights = randomValues(B * T * C, seed: 31)
    func objective(_ qkv: [Float]) -> Double {
        var out = [Float](repeating: 0, count: B * T * C)
        var att = [Float](repeating: 0, count: B * NH * T * T)
        attentionForward(&out, &att, qkv, B: B, T: T, C: C, NH: NH, threads: 2)
        return weightedSum(out, weights)
    }
    var out = [Float](repeating: 0, count: B * T * C)
    var att = [Float](repeating: 0, count: B * NH * T * T)
    attentionForward(&out, &att, qkv, B: B, T: T, C: C, NH: NH, threads: 2)
    var dqkv = [Float](repeating: 0, count: B * T * 3 * C)
    attentionBackward(&dqkv, weights, qkv, att, B: B, T: T, C: C, NH: NH, threads: 2)
    expectPasses([
        compareWithFiniteDifferences(name: "qkv", values: &qkv, analytic: dqkv, indices: Array(0..<qkv.count),
                                     epsilon: epsilon, absoluteTolerance: 2e-3, relativeTolerance: 1e-2,
                                     objective: objective),
    ])
}

@Test func geluBackwardMatchesFiniteDifferences() {
    let N = 64
    var inp = randomValues(N, seed: 40, std: 2)
    let weights = randomValues(N, seed: 41)
    func objective(_ inp: [Float]) -> Double {
        var out = [Float](repeating: 0, count: N)
        var slope = [Float](repeating: 0, count: N)
        geluForward(&out, &slope, inp, nil, N: 1, C: N, threads: 2)
        return weightedSum(out, weights)
    }
    var out = [Float](repeating: 0, count: N)
    var slope = [Float](repeating: 0, count: N)
    geluForward(&out, &slope, inp, nil, N: 1, C: N, threads: 2)
    var dinp = [Float](repeating: 0, count: N)
    geluBackward(&dinp, slope, weights, N: N, threads: 2)
    expectPasses([
        compareWithFiniteDifferences(name: "inp", values: &inp, analytic: dinp, indices: Array(0..<N),
                                     epsilon: epsilon, absoluteTolerance: 1e-3, relativeTolerance: 1e-2,
                                     objective: objective),
    ])
}

@Test func crossEntropyBackwardMatchesFiniteDifferences() {
    let (N, C, V) = (6, 4, 7)
    var inp = randomValues(N * C, seed: 50)
    var wte = randomValues(V * C, seed: 51)
    let targets = randomTokens(N, vocabSize: V, seed: 52)
    func objective(_ inp: [Float], _ wte: [Float]) -> Double {
        var probs = [Float](repeating: 0, count: N * V)
        var losses = [Float](repeating: 0, count: N)
        return Double(crossEntropyForward(&probs, &losses, inp, wte, targets, N: N, C: C, V: V, threads: 2))
    }
    var probs = [Float](repeating: 0, count: N * V)
    var losses = [Float](repeating: 0, count: N)
    crossEntropyForward(&probs, &losses, inp, wte, targets, N: N, C: C, V: V, threads: 2)
    var dinp = [Float](repeating: 0, count: N * C)
    var dwte = [Float](repeating: 0, count: V * C)
    crossEntropyBackward(&dinp, &dwte, &probs, inp, wte, targets, N: N, C: C, V: V, threads: 2)
    let (inpCopy, wteCopy) = (inp, wte)
    expectPasses([
        compareWithFiniteDifferences(name: "inp", values: &inp, analytic: dinp, indices: Array(0..<(N * C)),
                                     epsilon: epsilon, absoluteTolerance: 5e-4, relativeTolerance: 1e-2) {
            objective($0, wteCopy)
        },
        compareWithFiniteDifferences(name: "wte", values: &wte, analytic: dwte, indices: Array(0..<(V * C)),
                                     epsilon: epsilon, absoluteTolerance: 5e-4, relativeTolerance: 1e-2) {
            objective(inpCopy, $0)
        },
    ])
}

/// Parameter gradients accumulate (several batches may add up); the input gradient is
/// overwritten (each linear layer's input has this one source).
@Test func matmulBackwardAccumulatesParameterGradientsAndOverwritesInputGradient() {
    let (N, C, OC) = (3, 4, 5)
    let inp = randomValues(N * C, seed: 60)
    let weight = randomValues(C * OC, seed: 61)
    let dout = randomValues(N * OC, seed: 62)
    var dinp = [Float](repeating: 0, count: N * C)
    var dweight = [Float](repeating: 0, count: C * OC)
    var dbias = [Float](repeating: 0, count: OC)
    matmulBackward(&dinp, &dweight, &dbias, dout, inp, weight, N: N, C: C, OC: OC, threads: 1)
    let once = (dinp, dweight + dbias)
    dinp = [Float](repeating: 7, count: N * C)
    matmulBackward(&dinp, &dweight, &dbias, dout, inp, weight, N: N, C: C, OC: OC, threads: 1)
    #expect(largestDifference(dweight + dbias, once.1.map { 2 * $0 }) < 1e-5)
    #expect(dinp == once.0)
}
