// Tick generation: "nice" 1-2-5 steps on linear axes; decades, minor ticks and 10^k labels on log axes.

import Foundation

/// One tick mark on an axis.
public struct Tick: Sendable, Equatable {
    /// The data value the tick marks.
    public var value: Double
    /// The label as Pango markup (for example 10 with a superscript 3), or nil for an unlabelled tick.
    public var label: String?
    /// Major ticks are longer and carry grid lines; minor ticks are short and unlabelled on log axes.
    public var isMajor: Bool

    public init(value: Double, label: String?, isMajor: Bool) {
        self.value = value
        self.label = label
        self.isMajor = isMajor
    }
}

/// Tick positions and labels for a domain.
public enum Ticks {
    /// Ticks for `domain` on `scale`, aiming at about `targetCount` labelled ticks.
    public static func ticks(scale: Scale, domain: ClosedRange<Double>, targetCount: Int) -> [Tick] {
        switch scale {
        case .linear: return linear(domain: domain, targetCount: targetCount)
        case .log10: return logarithmic(domain: domain, maximumLabels: targetCount)
        }
    }

    /// The step of the form {1, 2, 5} × 10^k whose ticks inside `domain` number closest to `targetCount`
    /// (the larger step on a tie), preferring steps that give at least three ticks when the target allows.
    public static func niceStep(domain: ClosedRange<Double>, targetCount: Int) -> Double {
        let target = max(targetCount, 1)
        let span = domain.upperBound - domain.lowerBound
        let magnitude = pow(10, floor(log10(span / Double(target))))
        let candidates = [0.5, 1, 2, 5, 10].map { $0 * magnitude }
        let counts = candidates.map { tickCount(domain: domain, step: $0) }
        let acceptable = candidates.indices.filter { counts[$0] >= min(3, target) }
        guard !acceptable.isEmpty else { return candidates[counts.indices.max { counts[$0] < counts[$1] } ?? 0] }
        let best = acceptable.reversed().min { abs(counts[$0] - target) < abs(counts[$1] - target) } ?? 0
        return candidates[best]
    }

    /// How many multiples of `step` lie in `domain`.
    private static func tickCount(domain: ClosedRange<Double>, step: Double) -> Int {
        let first = (domain.lowerBound / step - 1e-9).rounded(.up)
        let last = (domain.upperBound / step + 1e-9).rounded(.down)
        return max(0, Int(last - first) + 1)
    }

    /// Labelled ticks at multiples of a 1-2-5 step inside `domain` (negative values included).
    /// A zero-width domain gets one tick at its value.
    public static func linear(domain: ClosedRange<Double>, targetCount: Int) -> [Tick] {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0, span.isFinite else {
            let value = domain.lowerBound
            return [Tick(value: value, label: TickLabels.linear([value], step: abs(value) > 0 ? abs(value) : 1)[0],
                         isMajor: true)]
        }
        let step = niceStep(domain: domain, targetCount: targetCount)
        let first = (domain.lowerBound / step - 1e-9).rounded(.up)
        let last = (domain.upperBound / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        let values = stride(from: first, through: last, by: 1).map { index -> Double in
            let value = index * step
            return abs(value) < step * 1e-9 ? 0 : value
        }
        let labels = TickLabels.linear(values, step: step)
        return zip(values, labels).map { Tick(value: $0, label: $1, isMajor: true) }
    }

    /// Log ticks: decades labelled 10^k with minor ticks at 2…9 × 10^k. Wide ranges label every n-th decade
    /// so at most `maximumLabels` labels appear; ranges shorter than a decade fall back to 1-2-5 ticks, and
    /// ranges holding a single decade also label 2 × and 5 × 10^k. The domain must be above zero.
    public static func logarithmic(domain: ClosedRange<Double>, maximumLabels: Int) -> [Tick] {
        let lowExponent = log10(domain.lowerBound), highExponent = log10(domain.upperBound)
        let firstDecade = Int((lowExponent - 1e-9).rounded(.up))
        let lastDecade = Int((highExponent + 1e-9).rounded(.down))
        if highExponent - lowExponent < 1 || lastDecade < firstDecade {
            // Equal steps crowd towards the top of a log axis, so aim for fewer of them.
            return linear(domain: domain, targetCount: max(maximumLabels - 2, 3))
        }
        let decadeCount = lastDecade - firstDecade + 1
        let labelStride = [1, 2, 3, 4, 5, 6, 10, 20, 50, 100].first { strideCandidate in
            (decadeCount + strideCandidate - 1) / strideCandidate <= max(maximumLabels, 1)
        } ?? 100
        var ticks: [Tick] = []
        if labelStride == 1 {
            let labelsMinors = decadeCount < 2
            for decade in (firstDecade - 1)...lastDecade {
                for multiple in 1...9 {
                    let value = Double(multiple) * pow(10, Double(decade))
                    guard value >= domain.lowerBound * (1 - 1e-12), value <= domain.upperBound * (1 + 1e-12) else {
                        continue
                    }
                    if multiple == 1 {
                        let label = labelsMinors ? TickLabels.mantissaTimesPower(1, decade) : TickLabels.power(decade)
                        ticks.append(Tick(value: value, label: label, isMajor: true))
                    } else {
                        let label = labelsMinors && (multiple == 2 || multiple == 5)
                            ? TickLabels.mantissaTimesPower(multiple, decade) : nil
                        ticks.append(Tick(value: value, label: label, isMajor: false))
                    }
                }
            }
        } else {
            for decade in firstDecade...lastDecade {
                let value = pow(10, Double(decade))
                let isLabelled = decade.isMultiple(of: labelStride)
                ticks.append(Tick(value: value, label: isLabelled ? TickLabels.power(decade) : nil,
                                  isMajor: isLabelled))
            }
        }
        return ticks
    }
}
