// The tight refit of a robust fit: BFGS to a tight relative gradient test, then Nelder–Mead from
// the BFGS end point as an independent, derivative-free confirmation.
import Foundation

/// Settings of a confirmed minimisation.
public struct ConfirmationSettings: Sendable {
    /// The tight BFGS run.
    public var bfgs: BFGSSettings
    /// The Nelder–Mead confirmation run.
    public var nelderMead: NelderMeadSettings
    /// Nelder–Mead "confirms" when it finds no value below f_BFGS − tolerance·max(|f_BFGS|, 1).
    public var relativeImprovementTolerance: Double

    public init(bfgs: BFGSSettings = BFGSSettings(stoppingRule: .relativeToStartingGradient(1e-10),
                                                  maximumIterations: 5_000),
                nelderMead: NelderMeadSettings = NelderMeadSettings(),
                relativeImprovementTolerance: Double = 1e-8) {
        self.bfgs = bfgs
        self.nelderMead = nelderMead
        self.relativeImprovementTolerance = relativeImprovementTolerance
    }
}

/// A minimisation confirmed by a second method.
public struct ConfirmedMinimum: Sendable {
    /// The lowest point found.
    public let result: MinimizationResult
    /// See `minimizeConfirmed` for when this counts as converged.
    public let status: ConvergenceStatus
    /// What happened, for reports.
    public let messages: [String]
}

/// Runs BFGS from `start`, then Nelder–Mead from the BFGS end point. If Nelder–Mead improves the
/// objective beyond the tolerance, BFGS is restarted from there once and the lower end point kept.
/// Converged when the kept point passed BFGS's gradient test, or when the Nelder–Mead simplex
/// collapsed (size ≤ its tolerance) without finding a lower value than the kept point, a
/// derivative-free certificate that also covers BFGS stalling on a nearly non-smooth objective.
public func minimizeConfirmed(_ objective: DifferentiableObjective, from start: [Double],
                              settings: ConfirmationSettings) throws -> ConfirmedMinimum {
    let bfgs = try BFGSMinimizer(objective: objective)
    let nelderMead = try NelderMeadMinimizer(objective: objective)
    let first = try bfgs.minimize(from: start, settings: settings.bfgs)
    let check = try nelderMead.minimize(from: first.point, settings: settings.nelderMead)
    let allowance = settings.relativeImprovementTolerance * max(abs(first.value), 1)
    var messages = ["BFGS: \(first.iterations) iterations, \(first.status), f = \(first.value)."]
    var final = first
    if check.value < first.value - allowance {
        let restart = try bfgs.minimize(from: check.point, settings: settings.bfgs)
        messages.append("Nelder–Mead lowered f to \(check.value) (\(check.iterations) iterations); BFGS restarted "
                        + "there: \(restart.iterations) iterations, \(restart.status), f = \(restart.value).")
        final = restart.value <= check.value ? restart : check
    } else {
        messages.append("Nelder–Mead from the BFGS end point: \(check.iterations) iterations, \(check.status), "
                        + "nothing lower by more than \(settings.relativeImprovementTolerance) (relative).")
    }
    let status: ConvergenceStatus
    if final.gradientNorm != nil, case let .converged(criterion) = final.status {
        status = .converged(criterion: "BFGS \(criterion)")
    } else if case let .converged(criterion) = check.status, check.value >= final.value - allowance {
        status = .converged(criterion: "Nelder–Mead \(criterion) at the reported optimum; "
                            + "BFGS stopped at ‖∇f‖ = \(String(format: "%.3g", final.gradientNorm ?? first.gradientNorm ?? .nan))")
    } else {
        status = .didNotConverge(reason: "BFGS: \(final.status); Nelder–Mead: \(check.status)")
    }
    return ConfirmedMinimum(result: final, status: status, messages: messages)
}
