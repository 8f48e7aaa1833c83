// Derivative-free confirmation of an optimum: GSL's Nelder–Mead simplex (gsl_multimin_fminimizer_nmsimplex2).
@preconcurrency import CGSL

/// Settings of one Nelder–Mead run.
public struct NelderMeadSettings: Sendable {
    /// Initial simplex edge along parameter j: relativeStep · max(|θ_j|, 1).
    public var relativeInitialStep: Double
    /// Stop when the simplex's mean distance from its centre is below this (parameter units).
    public var sizeTolerance: Double
    /// Iteration cap; reaching it is reported as "did not converge".
    public var maximumIterations: Int

    public init(relativeInitialStep: Double = 1e-2, sizeTolerance: Double = 1e-10, maximumIterations: Int = 20_000) {
        self.relativeInitialStep = relativeInitialStep
        self.sizeTolerance = sizeTolerance
        self.maximumIterations = maximumIterations
    }
}

/// Owns a Nelder–Mead simplex minimiser for one objective (only f is used, never ∇f).
/// Not thread-safe: use one minimiser per thread.
public final class NelderMeadMinimizer {
    private let context: ObjectiveCallbackContext
    private let minimizer: UnsafeMutablePointer<gsl_multimin_fminimizer>
    /// GSL keeps this pointer after `gsl_multimin_fminimizer_set`, so it lives as long as the minimiser.
    private let functionDefinition: UnsafeMutablePointer<gsl_multimin_function>

    /// Allocates the minimiser for `objective` (dimension ≥ 1).
    public init(objective: DifferentiableObjective) throws {
        GSLRuntime.prepare()
        guard objective.dimension >= 1,
              let allocated = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2, objective.dimension) else {
            throw LawFitError.gslFailure(operation: "gsl_multimin_fminimizer_alloc", status: Int32(GSL_ENOMEM),
                                         reason: GSLRuntime.reason(for: Int32(GSL_ENOMEM)))
        }
        context = ObjectiveCallbackContext(objective: objective)
        minimizer = allocated
        functionDefinition = .allocate(capacity: 1)
        functionDefinition.initialize(to: gsl_multimin_function())
        functionDefinition.pointee.f = { point, params in
            ObjectiveCallbackContext.from(params).value(at: point!)
        }
        functionDefinition.pointee.n = objective.dimension
        functionDefinition.pointee.params = Unmanaged.passUnretained(context).toOpaque()
    }

    deinit {
        gsl_multimin_fminimizer_free(minimizer)
        functionDefinition.deinitialize(count: 1)
        functionDefinition.deallocate()
    }

    /// Minimises f from `start` with an axis-aligned initial simplex.
    public func minimize(from start: [Double], settings: NelderMeadSettings = NelderMeadSettings()) throws
        -> MinimizationResult {
        let startVector = GSLVector(start)
        let stepVector = GSLVector(start.map { settings.relativeInitialStep * max(abs($0), 1) })
        let setStatus = gsl_multimin_fminimizer_set(minimizer, functionDefinition, startVector.pointer,
                                                    stepVector.pointer)
        guard setStatus == Int32(GSL_SUCCESS) else {
            throw LawFitError.gslFailure(operation: "gsl_multimin_fminimizer_set", status: setStatus,
                                         reason: GSLRuntime.reason(for: setStatus))
        }
        var iterations = 0
        var status = ConvergenceStatus.didNotConverge(
            reason: "reached the limit of \(settings.maximumIterations) iterations")
        while iterations < settings.maximumIterations {
            let iterateStatus = gsl_multimin_fminimizer_iterate(minimizer)
            iterations += 1
            if iterateStatus != Int32(GSL_SUCCESS) {
                status = .didNotConverge(reason: "the simplex could not move (GSL: \(GSLRuntime.reason(for: iterateStatus)))")
                break
            }
            let size = gsl_multimin_fminimizer_size(minimizer)
            if gsl_multimin_test_size(size, settings.sizeTolerance) == Int32(GSL_SUCCESS) {
                status = .converged(criterion: "simplex size ≤ \(settings.sizeTolerance)")
                break
            }
        }
        return MinimizationResult(point: GSLVector.read(gsl_multimin_fminimizer_x(minimizer)),
                                  value: gsl_multimin_fminimizer_minimum(minimizer),
                                  gradientNorm: nil, iterations: iterations, status: status)
    }
}
