// Shared helpers for the TinyGPT tests: seeded random arrays and a finite-difference gradient
// checker that reports the largest difference per tensor.
@testable import TinyGPT

/// The thread count of every model in the tests. OpenBLAS's thread count is process-wide and
/// its results can depend on it, so concurrently running tests must agree on one value for the
/// determinism test to be meaningful.
let testThreadCount = 2

/// `count` values normal with standard deviation `std`, from `seed`.
func randomValues(_ count: Int, seed: UInt64, std: Double = 1) -> [Float] {
    var random = DeterministicRandom(seed: seed)
    return (0..<count).map { _ in Float(random.nextGaussian() * std) }
}

/// `count` token ids in 0..<vocabSize, from `seed`.
func randomTokens(_ count: Int, vocabSize: Int, seed: UInt64) -> [Int32] {
    var random = DeterministicRandom(seed: seed)
    return (0..<count).map { _ in Int32(random.nextInt(below: vocabSize)) }
}

/// The outcome of comparing an analytic gradient with central differences on one tensor.
struct GradientComparison: CustomStringConvertible {
    let name: String
    let checked: Int
    /// Largest |finite difference − analytic| over the checked entries.
    let largestDifference: Double
    /// Largest |difference| − (absoluteTolerance + relativeTolerance·|analytic|); ≤ 0 means pass.
    let worstExcess: Double
    var passed: Bool { worstExcess <= 0 }
    var description: String {
        "\(name): largest |fd − analytic| = \(largestDifference) over \(checked) entries"
    }
}

/// Compares `analytic` (the gradient of `objective` w.r.t. `values`) with central differences
/// (step `epsilon`) at `indices`; the objective must read `values` through the inout storage.
func compareWithFiniteDifferences(
    name: String, values: inout [Float], analytic: [Float], indices: [Int], epsilon: Float,
    absoluteTolerance: Double, relativeTolerance: Double, objective: ([Float]) -> Double
) -> GradientComparison {
    var largest = 0.0
    var worst = -Double.infinity
    for index in indices {
        let original = values[index]
        values[index] = original + epsilon
        let plus = objective(values)
        values[index] = original - epsilon
        let minus = objective(values)
        values[index] = original
        let numeric = (plus - minus) / (2 * Double(epsilon))
        let difference = abs(numeric - Double(analytic[index]))
        largest = max(largest, difference)
        worst = max(worst, difference - absoluteTolerance - relativeTolerance * abs(Double(analytic[index])))
    }
    return GradientComparison(name: name, checked: indices.count, largestDifference: largest, worstExcess: worst)
}

/// Up to `limit` indices spread evenly over 0..<count (always including the first and last).
func sampleIndices(_ count: Int, limit: Int) -> [Int] {
    if count <= limit { return Array(0..<count) }
    return (0..<limit).map { $0 * (count - 1) / (limit - 1) }
}

/// Σ out[i]·weights[i] in Double: a scalar objective whose gradient w.r.t. out is `weights`.
func weightedSum(_ out: [Float], _ weights: [Float]) -> Double {
    zip(out, weights).reduce(0) { $0 + Double($1.0) * Double($1.1) }
}

/// Largest elementwise |a − b|.
func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
