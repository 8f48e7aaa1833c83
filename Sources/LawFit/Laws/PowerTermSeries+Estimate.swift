// Turns a power-term series fit into a named law estimate (shared by the one-variable laws).

/// How a reported parameter reads off the series' natural coordinates: value = sign · θ[index].
struct SeriesParameter {
    let name: String
    let index: Int
    let sign: Double
}

extension PowerTermSeries.Fit {
    /// The named law estimate of this fit; standard errors are √diag of the natural covariance.
    func estimate(law: String, parameters names: [SeriesParameter], pointsUsed: Int,
                  messages: [String] = []) -> LawEstimate {
        LawEstimate(
            law: law, solverParameters: parameters,
            parameters: names.map { name in
                FittedQuantity(name: name.name, estimate: name.sign * parameters[name.index],
                               standardError: covariance.map { $0[name.index][name.index].squareRoot() },
                               standardErrorMethod: .covariance)
            },
            derivedQuantities: [], objectiveName: "χ²", objectiveValue: solution.chiSquared,
            degreesOfFreedom: solution.degreesOfFreedom, pointsUsed: pointsUsed, iterations: solution.iterations,
            status: solution.status,
            messages: messages + ["Nonlinear least squares (GSL trust region) from the best of \(startsTried) "
                                  + "exponent start(s)."])
    }
}
