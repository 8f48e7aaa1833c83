// The bridge between GSL's C callbacks and a Swift `DifferentiableObjective`, shared by the BFGS
// and Nelder–Mead wrappers.
@preconcurrency import CGSL

/// What the C callbacks of the minimisers receive through `params`; the minimiser keeps it alive.
final class ObjectiveCallbackContext {
    let objective: DifferentiableObjective
    private var pointScratch: [Double]
    private var gradientScratch: [Double]

    init(objective: DifferentiableObjective) {
        self.objective = objective
        pointScratch = [Double](repeating: 0, count: objective.dimension)
        gradientScratch = [Double](repeating: 0, count: objective.dimension)
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> ObjectiveCallbackContext {
        Unmanaged<ObjectiveCallbackContext>.fromOpaque(params!).takeUnretainedValue()
    }

    /// f at a GSL vector (any stride).
    func value(at point: UnsafePointer<gsl_vector>) -> Double {
        loadPoint(point)
        return pointScratch.withUnsafeBufferPointer { objective.evaluate($0, nil) }
    }

    /// f and ∇f at a GSL vector; the gradient is written into `gradient`.
    func value(at point: UnsafePointer<gsl_vector>, gradient: UnsafeMutablePointer<gsl_vector>) -> Double {
        loadPoint(point)
        let value = pointScratch.withUnsafeBufferPointer { pointBuffer in
            gradientScratch.withUnsafeMutableBufferPointer { objective.evaluate(pointBuffer, $0) }
        }
        for index in gradientScratch.indices { gsl_vector_set(gradient, index, gradientScratch[index]) }
        return value
    }

    private func loadPoint(_ point: UnsafePointer<gsl_vector>) {
        for index in pointScratch.indices { pointScratch[index] = gsl_vector_get(point, index) }
    }
}
