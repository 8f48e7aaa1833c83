// The typed errors LawFit throws: GSL failures, unusable data, and questions a fitted law cannot answer.

/// An error from fitting or using a law. Each message says what went wrong and what to change.
public enum LawFitError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A GSL routine returned a failure status; `reason` is GSL's own text (`gsl_strerror`).
    case gslFailure(operation: String, status: Int32, reason: String)
    /// The law has more free parameters (or needs more groups) than the data can determine.
    case tooFewPoints(law: String, required: Int, available: Int)
    /// A value the law takes a logarithm or a power of is zero, negative or not finite.
    case invalidValue(law: String, quantity: String, index: Int, value: Double)
    /// An inverse was asked for a value outside the range of the fitted curve.
    case outsideDomain(quantity: String, value: Double, bound: String)
    /// A setting is out of its meaningful range.
    case invalidSetting(name: String, value: String, expectation: String)
    /// No start of a multi-start search produced a finite objective.
    case noUsableStart(law: String, starts: Int)
    /// Every point has the same measured value: any law with an offset fits it exactly in
    /// infinitely many ways, so no parameter (and no interval) would mean anything.
    case constantValues(law: String, value: Double, count: Int)

    public var description: String {
        switch self {
        case let .gslFailure(operation, status, reason):
            return "GSL \(operation) failed with status \(status): \(reason)."
        case let .tooFewPoints(law, required, available):
            return "The \(law) law needs at least \(required) usable points but got \(available); "
                + "add runs or choose a law with fewer parameters."
        case let .invalidValue(law, quantity, index, value):
            return "Point \(index + 1) has \(quantity) = \(value), which the \(law) law cannot use "
                + "(it must be positive and finite); fix or drop that point."
        case let .outsideDomain(quantity, value, bound):
            return "\(quantity) = \(value) lies outside the fitted curve's range (\(bound)); "
                + "no input reproduces it."
        case let .invalidSetting(name, value, expectation):
            return "Setting \(name) = \(value) is invalid: \(expectation)."
        case let .noUsableStart(law, starts):
            return "None of the \(starts) starting points of the \(law) fit gave a finite objective; "
                + "check the data for extreme values."
        case let .constantValues(law, value, count):
            return "All \(count) points have the same measured value (\(value)), so the \(law) law's parameters are not "
                + "determined by them; fit data whose values vary (e.g. runs of different sizes or lengths)."
        }
    }
}
