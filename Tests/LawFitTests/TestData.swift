// Synthetic data sets with known parameters shared by the LawFit tests.
import Foundation
import LawFit

/// n points x log-spaced over [low, high] with y = f(x)·(1 + ε) or f(x) + ε, ε ~ Normal(0, σ), seeded.
func syntheticCurve(count: Int, low: Double, high: Double, noise: Double = 0, relative: Bool = false,
                    seed: UInt64 = 1, _ function: (Double) -> Double) -> [CurvePoint] {
    let generator = SeededRandomNumberGenerator(seed: seed)
    return (0..<count).map { index in
        let x = exp(log(low) + (log(high) - log(low)) * Double(index) / Double(count - 1))
        let exact = function(x)
        let epsilon = noise > 0 ? generator.gaussian(standardDeviation: noise) : 0
        return CurvePoint(x: x, y: relative ? exact * (1 + epsilon) : exact + epsilon)
    }
}

/// A small start grid that still contains the Hoffmann basin, so Chinchilla tests stay fast in debug builds.
let smallChinchillaGrid = ChinchillaStartGrid(a: [0, 5, 10], b: [0, 5, 10], e: [-1, 0.5], alpha: [0.5, 1],
                                              beta: [0.5, 1])

/// The Chinchilla law with δ = 1e-3 and the small grid.
func smallGridChinchilla(threadCount: Int = 2) throws -> ChinchillaLaw {
    ChinchillaLaw(settings: ChinchillaSettings(huber: try HuberLoss(), startGrid: smallChinchillaGrid,
                                               threadCount: threadCount))
}

/// |estimate − truth| / |truth|.
func relativeError(_ estimate: Double?, _ truth: Double) -> Double {
    guard let estimate else { return .infinity }
    return abs(estimate - truth) / abs(truth)
}
