// Axis scales (linear and base-10 logarithmic), their automatic padding, and the map from data to points.

import Foundation

/// How data values are placed along an axis.
public enum Scale: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); values must be above zero.
    case log10

    /// The value in the space where the scale is linear (the value itself, or its base-10 logarithm).
    func transform(_ value: Double) -> Double {
        switch self {
        case .linear: return value
        case .log10: return Foundation.log10(value)
        }
    }

    /// The inverse of `transform`.
    func inverse(_ transformed: Double) -> Double {
        switch self {
        case .linear: return transformed
        case .log10: return pow(10, transformed)
        }
    }

    /// The data range `lower...upper` widened for display: about 5 % of the span on each side (linear),
    /// or 5 % of the span in decades (log). A zero-width range is opened around its value.
    public func paddedDomain(lower: Double, upper: Double, fraction: Double = 0.05) -> ClosedRange<Double> {
        let low = transform(lower), high = transform(upper)
        if high > low {
            let pad = (high - low) * fraction
            return inverse(low - pad)...inverse(high + pad)
        }
        switch self {
        case .linear:
            let halfWidth = lower == 0 ? 1 : abs(lower) * 0.1
            return (lower - halfWidth)...(lower + halfWidth)
        case .log10:
            return (lower / 2)...(lower * 2)
        }
    }
}

/// A scale bound to a data domain and a span of points: the function from data values to positions.
public struct ScaleMapping: Sendable, Equatable {
    public var scale: Scale
    /// The data values at the two ends of the axis.
    public var domain: ClosedRange<Double>
    /// Position in points of `domain.lowerBound`.
    public var start: Double
    /// Position in points of `domain.upperBound` (smaller than `start` on a vertical axis).
    public var end: Double

    public init(scale: Scale, domain: ClosedRange<Double>, start: Double, end: Double) {
        self.scale = scale
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// The position in points of `value` (outside the axis ends when the value is outside the domain).
    public func position(of value: Double) -> Double {
        let low = scale.transform(domain.lowerBound), high = scale.transform(domain.upperBound)
        let fraction = (scale.transform(value) - low) / (high - low)
        return start + fraction * (end - start)
    }

    /// Whether `value` lies in the domain, allowing a relative tolerance for rounding in tick arithmetic.
    func containsWithTolerance(_ value: Double) -> Bool {
        let low = scale.transform(domain.lowerBound), high = scale.transform(domain.upperBound)
        let slack = (high - low) * 1e-9
        let transformed = scale.transform(value)
        return transformed >= low - slack && transformed <= high + slack
    }
}
