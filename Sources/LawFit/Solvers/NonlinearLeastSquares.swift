// Nonlinear least squares on GSL's trust-region solver (gsl_multifit_nlinear), with analytic
// Jacobians, optional weights and covariance-based standard errors.
@preconcurrency import CGSL

/// A nonlinear least-squares problem: minimise χ²(θ) = Σ_i w_i f_i(θ)², where f_i(θ) = model_i(θ) − y_i
/// are the residuals and w_i the weights (1 when unweighted).
public struct LeastSquaresProblem: Sendable {
    /// n, the number of residuals.
    public let residualCount: Int
    /// p, the number of parameters θ.
    public let parameterCount: Int
    /// f(θ): n residuals.
    public let residuals: @Sendable ([Double]) -> [Double]
    /// J(θ): n rows of p partial derivatives, J[i][j] = ∂f_i/∂θ_j.
    public let jacobian: @Sendable ([Double]) -> [[Double]]

    public init(residualCount: Int, parameterCount: Int,
                residuals: @escaping @Sendable ([Double]) -> [Double],
                jacobian: @escaping @Sendable ([Double]) -> [[Double]]) {
        self.residualCount = residualCount
        self.parameterCount = parameterCount
        self.residuals = residuals
        self.jacobian = jacobian
    }
}

/// Stopping tolerances of the trust-region driver (GSL's xtol, gtol, ftol) and its iteration cap.
public struct LeastSquaresSettings: Sendable {
    /// Stop when every step satisfies |δθ_j| ≤ xtol (|θ_j| + xtol).
    public var stepTolerance: Double
    /// Stop when max_j |g_j| max(|θ_j|, 1) ≤ gtol max(χ²/2, 1), g = Jᵀ f.
    public var gradientTolerance: Double
    /// Stop when the relative change of the residual norm is below ftol (0 disables the test).
    public var functionTolerance: Double
    /// Iteration cap; reaching it is reported as "did not converge".
    public var maximumIterations: Int

    public init(stepTolerance: Double = 1e-12, gradientTolerance: Double = 1e-12,
                functionTolerance: Double = 0, maximumIterations: Int = 1_000) {
        self.stepTolerance = stepTolerance
        self.gradientTolerance = gradientTolerance
        self.functionTolerance = functionTolerance
        self.maximumIterations = maximumIterations
    }
}

/// The optimum of a least-squares problem with its uncertainty.
public struct LeastSquaresSolution: Sendable {
    /// θ̂.
    public let parameters: [Double]
    /// Covariance of θ̂: (JᵀWJ)⁻¹ · χ²/dof (the residual-variance scaling; nil when dof = 0).
    public let covariance: [[Double]]?
    /// √diag(covariance); nil when dof = 0.
    public let standardErrors: [Double]?
    /// χ² = Σ w_i f_i(θ̂)².
    public let chiSquared: Double
    /// dof = n − p.
    public let degreesOfFreedom: Int
    /// Trust-region iterations taken.
    public let iterations: Int
    /// Whether a stopping test passed.
    public let status: ConvergenceStatus
}

/// Owns a `gsl_multifit_nlinear` trust-region workspace (Levenberg–Marquardt steps, QR solver,
/// Moré scaling) for one problem size; `solve` may be called repeatedly from different starts.
/// Not thread-safe: use one solver per thread.
public final class NonlinearLeastSquaresSolver {
    /// What the C callbacks receive through `params`; the solver keeps it alive.
    private final class CallbackContext {
        let problem: LeastSquaresProblem
        init(problem: LeastSquaresProblem) { self.problem = problem }
    }

    private let problem: LeastSquaresProblem
    private let context: CallbackContext
    private let workspace: UnsafeMutablePointer<gsl_multifit_nlinear_workspace>
    /// GSL keeps this pointer inside the workspace (`w->fdf`), so it lives as long as the workspace.
    private let functionDefinition: UnsafeMutablePointer<gsl_multifit_nlinear_fdf>

    /// Allocates the workspace for `problem` (n ≥ p ≥ 1).
    public init(problem: LeastSquaresProblem) throws {
        guard problem.parameterCount >= 1, problem.residualCount >= problem.parameterCount else {
            throw LawFitError.tooFewPoints(law: "least-squares", required: max(problem.parameterCount, 1),
                                           available: problem.residualCount)
        }
        GSLRuntime.prepare()
        self.problem = problem
        context = CallbackContext(problem: problem)
        var parameters = gsl_multifit_nlinear_default_parameters()
        guard let allocated = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &parameters,
                                                         problem.residualCount, problem.parameterCount) else {
            throw LawFitError.gslFailure(operation: "gsl_multifit_nlinear_alloc", status: Int32(GSL_ENOMEM),
                                         reason: GSLRuntime.reason(for: Int32(GSL_ENOMEM)))
        }
        workspace = allocated
        functionDefinition = .allocate(capacity: 1)
        functionDefinition.initialize(to: gsl_multifit_nlinear_fdf())
        functionDefinition.pointee.f = { parameterVector, params, residualVector in
            let problem = Unmanaged<CallbackContext>.fromOpaque(params!).takeUnretainedValue().problem
            let values = problem.residuals(GSLVector.read(parameterVector!))
            guard values.count == problem.residualCount, values.allSatisfy(\.isFinite) else { return Int32(GSL_EDOM) }
            for (index, value) in values.enumerated() { gsl_vector_set(residualVector, index, value) }
            return Int32(GSL_SUCCESS)
        }
        functionDefinition.pointee.df = { parameterVector, params, jacobianMatrix in
            let problem = Unmanaged<CallbackContext>.fromOpaque(params!).takeUnretainedValue().problem
            let rows = problem.jacobian(GSLVector.read(parameterVector!))
            guard rows.count == problem.residualCount else { return Int32(GSL_EBADLEN) }
            for (row, derivatives) in rows.enumerated() {
                guard derivatives.count == problem.parameterCount else { return Int32(GSL_EBADLEN) }
                for (column, value) in derivatives.enumerated() {
                    guard value.isFinite else { return Int32(GSL_EDOM) }
                    gsl_matrix_set(jacobianMatrix, row, column, value)
                }
            }
            return Int32(GSL_SUCCESS)
        }
        functionDefinition.pointee.fvv = nil
        functionDefinition.pointee.n = problem.residualCount
        functionDefinition.pointee.p = problem.parameterCount
        functionDefinition.pointee.params = Unmanaged.passUnretained(context).toOpaque()
    }

    deinit {
        gsl_multifit_nlinear_free(workspace)
        functionDefinition.deinitialize(count: 1)
        functionDefinition.deallocate()
    }

    /// Minimises χ² from `start`. `weights` (w_i > 0, e.g. 1/σ_i²) are optional.
    /// Throws `LawFitError.gslFailure` for GSL errors other than non-convergence; an iteration cap,
    /// a stalled search or a non-finite model value is returned as `.didNotConverge`.
    public func solve(from start: [Double], weights: [Double]? = nil,
                      settings: LeastSquaresSettings = LeastSquaresSettings()) throws -> LeastSquaresSolution {
        guard start.count == problem.parameterCount else {
            throw LawFitError.invalidSetting(name: "start", value: "\(start.count) values",
                                             expectation: "one value per parameter (\(problem.parameterCount))")
        }
        let startVector = GSLVector(start)
        let initStatus: Int32
        if let weights {
            guard weights.count == problem.residualCount, weights.allSatisfy({ $0 > 0 && $0.isFinite }) else {
                throw LawFitError.invalidSetting(name: "weights", value: "\(weights.count) values",
                                                 expectation: "one positive finite weight per residual")
            }
            let weightVector = GSLVector(weights)
            initStatus = gsl_multifit_nlinear_winit(startVector.pointer, weightVector.pointer,
                                                    functionDefinition, workspace)
        } else {
            initStatus = gsl_multifit_nlinear_init(startVector.pointer, functionDefinition, workspace)
        }
        if initStatus == Int32(GSL_EDOM) {
            return failedSolution(start: start, reason: "the model is not finite at the starting point")
        }
        try check(initStatus, "gsl_multifit_nlinear_init")

        var info: Int32 = 0
        let driverStatus = gsl_multifit_nlinear_driver(settings.maximumIterations, settings.stepTolerance,
                                                       settings.gradientTolerance, settings.functionTolerance,
                                                       nil, nil, &info, workspace)
        let iterations = gsl_multifit_nlinear_niter(workspace)
        let status: ConvergenceStatus
        switch Int(driverStatus) {
        case GSL_SUCCESS:
            let criteria = [1: "small step", 2: "small gradient", 3: "small change in residuals"]
            status = .converged(criterion: criteria[Int(info)] ?? "trust-region test \(info)")
        case GSL_EMAXITER:
            status = .didNotConverge(reason: "reached the limit of \(settings.maximumIterations) iterations")
        case GSL_ENOPROG:
            status = .didNotConverge(reason: "the trust region could not find a step that lowers χ²")
        case GSL_EDOM:
            status = .didNotConverge(reason: "the model became non-finite at a trial step")
        default:
            try check(driverStatus, "gsl_multifit_nlinear_driver")
            status = .didNotConverge(reason: GSLRuntime.reason(for: driverStatus))
        }

        let parameters = GSLVector.read(gsl_multifit_nlinear_position(workspace))
        let residuals = GSLVector.read(gsl_multifit_nlinear_residual(workspace))
        let chiSquared = residuals.reduce(0) { $0 + $1 * $1 }
        let degreesOfFreedom = problem.residualCount - problem.parameterCount
        var covariance: [[Double]]?
        if degreesOfFreedom > 0, status.isConverged {
            let count = problem.parameterCount
            let matrix = gsl_matrix_alloc(count, count)!
            defer { gsl_matrix_free(matrix) }
            try check(gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(workspace), 0.0, matrix),
                      "gsl_multifit_nlinear_covar")
            let scale = chiSquared / Double(degreesOfFreedom)
            covariance = (0..<count).map { row in (0..<count).map { gsl_matrix_get(matrix, row, $0) * scale } }
        }
        guard parameters.allSatisfy(\.isFinite) else {
            return failedSolution(start: start, reason: "the parameters became non-finite")
        }
        return LeastSquaresSolution(
            parameters: parameters, covariance: covariance,
            standardErrors: covariance.map { matrix in matrix.indices.map { matrix[$0][$0].squareRoot() } },
            chiSquared: chiSquared, degreesOfFreedom: degreesOfFreedom, iterations: iterations, status: status)
    }

    private func failedSolution(start: [Double], reason: String) -> LeastSquaresSolution {
        LeastSquaresSolution(parameters: start, covariance: nil, standardErrors: nil, chiSquared: .infinity,
                             degreesOfFreedom: problem.residualCount - problem.parameterCount,
                             iterations: 0, status: .didNotConverge(reason: reason))
    }

    private func check(_ status: Int32, _ operation: String) throws {
        guard status == Int32(GSL_SUCCESS) else {
            throw LawFitError.gslFailure(operation: operation, status: status, reason: GSLRuntime.reason(for: status))
        }
    }
}
