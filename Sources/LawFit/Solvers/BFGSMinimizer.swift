// BFGS on GSL (gsl_multimin_fdfminimizer_vector_bfgs2) with a stopping test that is relative to the
// starting gradient, so an objective whose values are tiny near the optimum is not stopped early.
@preconcurrency import CGSL

/// When a gradient-based minimisation counts as converged.
public enum GradientStoppingRule: Sendable, Equatable, CustomStringConvertible {
    /// ‖∇f(θ_k)‖ ≤ tolerance · ‖∇f(θ_0)‖: invariant to multiplying f by a constant. The default.
    case relativeToStartingGradient(Double)
    /// ‖∇f(θ_k)‖ ≤ tolerance: GSL's `gsl_multimin_test_gradient`. Depends on the scale of f and
    /// stops too early when f is small everywhere (STUDIES.md, "Pitfall"); kept to demonstrate that.
    case absolute(Double)

    public var description: String {
        switch self {
        case let .relativeToStartingGradient(tolerance): return "‖∇f‖ ≤ \(tolerance) × starting ‖∇f‖"
        case let .absolute(tolerance): return "‖∇f‖ ≤ \(tolerance)"
        }
    }
}

/// Settings of one BFGS run.
public struct BFGSSettings: Sendable {
    /// Length of the first trial step along −∇f, in parameter units.
    public var initialStepSize: Double
    /// Line-search accuracy (GSL recommends 0.1 for BFGS2).
    public var lineSearchTolerance: Double
    /// The convergence test.
    public var stoppingRule: GradientStoppingRule
    /// Iteration cap; reaching it is reported as "did not converge".
    public var maximumIterations: Int

    public init(initialStepSize: Double = 0.1, lineSearchTolerance: Double = 0.1,
                stoppingRule: GradientStoppingRule = .relativeToStartingGradient(1e-10),
                maximumIterations: Int = 2_000) {
        self.initialStepSize = initialStepSize
        self.lineSearchTolerance = lineSearchTolerance
        self.stoppingRule = stoppingRule
        self.maximumIterations = maximumIterations
    }
}

/// Owns a BFGS2 minimiser for one objective; `minimize` may be called repeatedly from different
/// starts. Not thread-safe: use one minimiser per thread.
public final class BFGSMinimizer {
    private let objective: DifferentiableObjective
    private let context: ObjectiveCallbackContext
    private let minimizer: UnsafeMutablePointer<gsl_multimin_fdfminimizer>
    /// GSL keeps this pointer after `gsl_multimin_fdfminimizer_set`, so it lives as long as the minimiser.
    private let functionDefinition: UnsafeMutablePointer<gsl_multimin_function_fdf>

    /// Allocates the minimiser for `objective` (dimension ≥ 1).
    public init(objective: DifferentiableObjective) throws {
        GSLRuntime.prepare()
        guard objective.dimension >= 1,
              let allocated = gsl_multimin_fdfminimizer_alloc(gsl_multimin_fdfminimizer_vector_bfgs2,
                                                             objective.dimension) else {
            throw LawFitError.gslFailure(operation: "gsl_multimin_fdfminimizer_alloc", status: Int32(GSL_ENOMEM),
                                         reason: GSLRuntime.reason(for: Int32(GSL_ENOMEM)))
        }
        self.objective = objective
        context = ObjectiveCallbackContext(objective: objective)
        minimizer = allocated
        functionDefinition = .allocate(capacity: 1)
        functionDefinition.initialize(to: gsl_multimin_function_fdf())
        functionDefinition.pointee.f = { point, params in
            ObjectiveCallbackContext.from(params).value(at: point!)
        }
        functionDefinition.pointee.df = { point, params, gradient in
            _ = ObjectiveCallbackContext.from(params).value(at: point!, gradient: gradient!)
        }
        functionDefinition.pointee.fdf = { point, params, value, gradient in
            value!.pointee = ObjectiveCallbackContext.from(params).value(at: point!, gradient: gradient!)
        }
        functionDefinition.pointee.n = objective.dimension
        functionDefinition.pointee.params = Unmanaged.passUnretained(context).toOpaque()
    }

    deinit {
        gsl_multimin_fdfminimizer_free(minimizer)
        functionDefinition.deinitialize(count: 1)
        functionDefinition.deallocate()
    }

    /// Minimises f from `start`. Every outcome except a GSL set-up failure is returned, with
    /// `.didNotConverge` when the iteration cap is reached or the line search stalls
    /// (GSL's ENOPROG, which BFGS2 also returns when already at the minimum: the gradient test decides).
    public func minimize(from start: [Double], settings: BFGSSettings = BFGSSettings()) throws -> MinimizationResult {
        let startVector = GSLVector(start)
        let setStatus = gsl_multimin_fdfminimizer_set(minimizer, functionDefinition, startVector.pointer,
                                                      settings.initialStepSize, settings.lineSearchTolerance)
        guard setStatus == Int32(GSL_SUCCESS) else {
            throw LawFitError.gslFailure(operation: "gsl_multimin_fdfminimizer_set", status: setStatus,
                                         reason: GSLRuntime.reason(for: setStatus))
        }
        let startingGradientNorm = gsl_blas_dnrm2(gsl_multimin_fdfminimizer_gradient(minimizer))
        let criterion = settings.stoppingRule.description
        let threshold: Double
        switch settings.stoppingRule {
        case let .relativeToStartingGradient(tolerance): threshold = tolerance * startingGradientNorm
        case let .absolute(tolerance): threshold = tolerance
        }
        var iterations = 0
        var status = ConvergenceStatus.didNotConverge(
            reason: "reached the limit of \(settings.maximumIterations) iterations")
        var gradientNorm = startingGradientNorm
        if !startingGradientNorm.isFinite {
            status = .didNotConverge(reason: "the gradient is not finite at the start")
        } else if gradientNorm <= threshold {
            status = .converged(criterion: criterion)
        } else {
            while iterations < settings.maximumIterations {
                let iterateStatus = gsl_multimin_fdfminimizer_iterate(minimizer)
                iterations += 1
                gradientNorm = gsl_blas_dnrm2(gsl_multimin_fdfminimizer_gradient(minimizer))
                if gradientNorm <= threshold {
                    status = .converged(criterion: criterion)
                    break
                }
                if iterateStatus != Int32(GSL_SUCCESS) {
                    status = .didNotConverge(reason: "the line search stalled with ‖∇f‖ = \(gradientNorm) "
                                             + "(GSL: \(GSLRuntime.reason(for: iterateStatus)))")
                    break
                }
            }
        }
        return MinimizationResult(point: GSLVector.read(gsl_multimin_fdfminimizer_x(minimizer)),
                                  value: gsl_multimin_fdfminimizer_minimum(minimizer),
                                  gradientNorm: gradientNorm, iterations: iterations, status: status)
    }
}
