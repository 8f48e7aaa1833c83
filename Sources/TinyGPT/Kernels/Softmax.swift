// The row softmax shared by attention and the cross-entropy head, written so every pass
// vectorises: the max and the sum reduce in eight fixed lanes (a fixed order, so results are
// deterministic; see Lanes.swift), exp is the branch-free `fastExp`.

/// Replaces x[0..<count] by softmax(x) and returns the row maximum and the sum of
/// exp(x − maximum) (so log-sum-exp = maximum + log(sum)). `count` ≥ 1.
@inline(__always)
@discardableResult
func softmaxInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) -> (maximum: Float, sum: Float) {
    let full = count - count % laneWidth
    var laneMaximum = SIMD8<Float>(repeating: -.infinity)
    for i in laneStarts(full) {
        let values = lanes(x, i)
        laneMaximum.replace(with: values, where: values .> laneMaximum)
    }
    var maximum = laneMaximum.max()
    for i in full..<count { maximum = max(maximum, x[i]) }
    for i in 0..<count { x[i] = fastExp(x[i] - maximum) }
    var laneSum = SIMD8<Float>(repeating: 0)
    for i in laneStarts(full) { laneSum += lanes(x, i) }
    var sum = laneSum.sum()
    for i in full..<count { sum += x[i] }
    let inverse = 1 / sum
    for i in 0..<count { x[i] *= inverse }
    return (maximum, sum)
}
