// The Approach 3 objective: Huber loss of log-sum-exp log residuals, with its analytic gradient.
import Foundation

/// LSE(x, y, z) = m + ln(e^(x−m) + e^(y−m) + e^(z−m)), m = max(x, y, z): no overflow.
@inline(__always)
func logSumExp(_ x: Double, _ y: Double, _ z: Double) -> Double {
    let largest = max(x, max(y, z))
    return largest + log(exp(x - largest) + exp(y - largest) + exp(z - largest))
}

/// f(θ) = Σ_i H_δ(r_i), r_i = LSE(a − α ln N_i, b − β ln D_i, e) − ln L_i, θ = (a, b, e, α, β), with
/// ∇f from the softmax weights w_i = softmax(a − α ln N_i, b − β ln D_i, e):
/// ∂f/∂a = Σ H′(r_i) w_i1, ∂f/∂α = −Σ H′(r_i) w_i1 ln N_i, and likewise for b, β and e.
func chinchillaHuberObjective(_ points: [ScalingObservation], huber: HuberLoss) -> DifferentiableObjective {
    let logParameters = points.map { log($0.parameters) }
    let logTokens = points.map { log($0.tokens) }
    let logLoss = points.map { log($0.loss) }
    return DifferentiableObjective(dimension: 5) { theta, gradient in
        let (a, b, e, alpha, beta) = (theta[0], theta[1], theta[2], theta[3], theta[4])
        var total = 0.0
        var (gradientA, gradientB, gradientE, gradientAlpha, gradientBeta) = (0.0, 0.0, 0.0, 0.0, 0.0)
        logParameters.withUnsafeBufferPointer { logN in
            logTokens.withUnsafeBufferPointer { logD in
                logLoss.withUnsafeBufferPointer { logL in
                    for index in 0..<logN.count {
                        let first = a - alpha * logN[index]
                        let second = b - beta * logD[index]
                        // Softmax weights relative to the largest term, whose weight is exactly 1.
                        let largest: Double, weightFirst: Double, weightSecond: Double, weightThird: Double
                        if first >= second && first >= e {
                            (largest, weightFirst, weightSecond, weightThird) = (first, 1, exp(second - first), exp(e - first))
                        } else if second >= e {
                            (largest, weightFirst, weightSecond, weightThird) = (second, exp(first - second), 1, exp(e - second))
                        } else {
                            (largest, weightFirst, weightSecond, weightThird) = (e, exp(first - e), exp(second - e), 1)
                        }
                        let sum = weightFirst + weightSecond + weightThird
                        let residual = largest + log(sum) - logL[index]
                        total += huber.value(residual)
                        if gradient != nil {
                            let slope = huber.derivative(residual) / sum
                            gradientA += slope * weightFirst
                            gradientAlpha -= slope * weightFirst * logN[index]
                            gradientB += slope * weightSecond
                            gradientBeta -= slope * weightSecond * logD[index]
                            gradientE += slope * weightThird
                        }
                    }
                }
            }
        }
        if let gradient {
            gradient[0] = gradientA
            gradient[1] = gradientB
            gradient[2] = gradientE
            gradient[3] = gradientAlpha
            gradient[4] = gradientBeta
        }
        return total
    }
}
