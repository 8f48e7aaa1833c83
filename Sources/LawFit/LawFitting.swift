// The one call a study or the command line makes: fit a law, optionally bootstrap it, and get a
// `LawFitReport` with every parameter's estimate, standard error and interval.

/// Fits `law` to `points` and, when `bootstrap` is given, runs the percentile bootstrap around
/// the full-data optimum (refits start there; no start search). Throws
/// `LawFitError.constantValues` when every point has the same measured value.
public func fitLaw<Law: FittableLaw>(_ law: Law, to points: [Law.Point],
                                     bootstrap settings: BootstrapSettings? = nil) throws -> LawFitReport {
    let values = points.map(law.observedValue(of:))
    if let first = values.first, values.count > 1, values.allSatisfy({ $0 == first }) {
        throw LawFitError.constantValues(law: law.name, value: first, count: values.count)
    }
    let prepared = law.prepared(for: points)
    let estimate = try prepared.fit(points)
    guard let settings else { return LawFitReport(estimate: estimate, bootstrap: nil) }
    let result = try bootstrap(prepared, points: points, estimate: estimate, settings: settings)
    return LawFitReport(estimate: estimate, bootstrap: result)
}
