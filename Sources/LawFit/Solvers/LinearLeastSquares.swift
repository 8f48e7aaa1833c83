// Linear least squares on GSL: the general design-matrix fit (gsl_multifit_linear / _wlinear, SVD).
@preconcurrency import CGSL

/// The solution of y ≈ Xc in the least-squares sense.
public struct LinearFit: Sendable, Equatable {
    /// ĉ, one coefficient per column of X.
    public let coefficients: [Double]
    /// Covariance of ĉ, scaled by the residual variance χ²/(n − p) (zero when n = p).
    public let covariance: [[Double]]
    /// χ² = Σ w_i (y_i − (Xĉ)_i)².
    public let chiSquared: Double
}

/// Owns a `gsl_multifit_linear_workspace` for n observations and p coefficients; reusable for
/// many right-hand sides and design matrices of that size. Not thread-safe.
public final class LinearLeastSquaresSolver {
    public let observationCount: Int
    public let coefficientCount: Int
    private let workspace: UnsafeMutablePointer<gsl_multifit_linear_workspace>
    private let design: UnsafeMutablePointer<gsl_matrix>
    private let observations: UnsafeMutablePointer<gsl_vector>
    private let weights: UnsafeMutablePointer<gsl_vector>
    private let coefficients: UnsafeMutablePointer<gsl_vector>
    private let covariance: UnsafeMutablePointer<gsl_matrix>

    /// Allocates for n ≥ p ≥ 1.
    public init(observationCount: Int, coefficientCount: Int) throws {
        guard coefficientCount >= 1, observationCount >= coefficientCount else {
            throw LawFitError.tooFewPoints(law: "linear least-squares", required: max(coefficientCount, 1),
                                           available: observationCount)
        }
        GSLRuntime.prepare()
        self.observationCount = observationCount
        self.coefficientCount = coefficientCount
        workspace = gsl_multifit_linear_alloc(observationCount, coefficientCount)
        design = gsl_matrix_alloc(observationCount, coefficientCount)
        observations = gsl_vector_alloc(observationCount)
        weights = gsl_vector_alloc(observationCount)
        coefficients = gsl_vector_alloc(coefficientCount)
        covariance = gsl_matrix_alloc(coefficientCount, coefficientCount)
    }

    deinit {
        gsl_multifit_linear_free(workspace)
        gsl_matrix_free(design)
        gsl_vector_free(observations)
        gsl_vector_free(weights)
        gsl_vector_free(coefficients)
        gsl_matrix_free(covariance)
    }

    /// Fits y ≈ Xc. `row(i)` returns row i of X (p values); `weights` (w_i > 0) are optional.
    public func solve(observations values: [Double], weights weightValues: [Double]? = nil,
                      row: (Int) -> [Double]) throws -> LinearFit {
        guard values.count == observationCount else {
            throw LawFitError.invalidSetting(name: "observations", value: "\(values.count) values",
                                             expectation: "exactly \(observationCount) values")
        }
        for index in 0..<observationCount {
            gsl_vector_set(observations, index, values[index])
            gsl_vector_set(weights, index, weightValues?[index] ?? 1)
            for (column, value) in row(index).enumerated() { gsl_matrix_set(design, index, column, value) }
        }
        var chiSquared = 0.0
        let status = weightValues == nil
            ? gsl_multifit_linear(design, observations, coefficients, covariance, &chiSquared, workspace)
            : gsl_multifit_wlinear(design, weights, observations, coefficients, covariance, &chiSquared, workspace)
        guard status == Int32(GSL_SUCCESS) else {
            throw LawFitError.gslFailure(operation: "gsl_multifit_linear", status: status,
                                         reason: GSLRuntime.reason(for: status))
        }
        let degreesOfFreedom = observationCount - coefficientCount
        // gsl_multifit_wlinear returns (XᵀWX)⁻¹ unscaled; gsl_multifit_linear already scales by χ²/dof.
        let scale = weightValues == nil || degreesOfFreedom == 0 ? 1 : chiSquared / Double(degreesOfFreedom)
        return LinearFit(
            coefficients: GSLVector.read(coefficients),
            covariance: (0..<coefficientCount).map { row in
                (0..<coefficientCount).map { gsl_matrix_get(covariance, row, $0) * scale }
            },
            chiSquared: chiSquared)
    }
}
