// Number formatting for tick labels, colour bars and heatmap cells, as Pango markup with true minus signs.

import Foundation

/// Formats numbers as Pango markup: fixed decimals for ordinary magnitudes, m×10^k (superscript) otherwise.
enum TickLabels {
    /// The typographic minus sign (U+2212), wider than a hyphen and matching the digits.
    static let minus = "\u{2212}"

    /// Labels for evenly spaced `values` that are multiples of `step`, all with the same number of decimals.
    static func linear(_ values: [Double], step: Double) -> [String] {
        let largest = values.map { abs($0) }.max() ?? 0
        guard largest > 0 else { return values.map { _ in "0" } }
        let stepExponent = Int(floor(log10(step) + 1e-9))
        if largest >= 1e5 || largest < 1e-3 {
            let exponent = Int(floor(log10(largest) + 1e-9))
            let decimals = max(0, exponent - stepExponent)
            return values.map { value in
                value == 0 ? "0" : scientific(mantissa: value / pow(10, Double(exponent)), decimals: decimals,
                                              exponent: exponent)
            }
        }
        let decimals = max(0, -stepExponent)
        return values.map { fixed($0, decimals: decimals) }
    }

    /// 10 with the exponent `k` set as a superscript. An explicit span (70 % size, raised about a third of an
    /// em) instead of `<sup>`: with an absolute font size, Pango 1.50 draws `<sup>` exponents larger than the base.
    static func power(_ exponent: Int) -> String {
        "10" + superscript(signed(exponent))
    }

    /// `text` as a superscript span.
    static func superscript(_ text: String) -> String {
        "<span size=\"70%\" rise=\"3000\">\(text)</span>"
    }

    /// `m × 10^k` written plainly when it is a short number (0.001 to 99 999), otherwise as m×10 with a superscript k.
    static func mantissaTimesPower(_ mantissa: Int, _ exponent: Int) -> String {
        if exponent >= -3 && exponent <= 4 {
            return fixed(Double(mantissa) * pow(10, Double(exponent)), decimals: max(0, -exponent))
        }
        return mantissa == 1 ? power(exponent) : "\(mantissa)×\(power(exponent))"
    }

    /// A single value with about `significantDigits` significant digits (for colour bars and cell labels).
    static func compact(_ value: Double, significantDigits: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value > 0 ? "∞" : "\(minus)∞") }
        guard value != 0 else { return "0" }
        let exponent = Int(floor(log10(abs(value))))
        if exponent >= 5 || exponent < -3 {
            return scientific(mantissa: value / pow(10, Double(exponent)), decimals: max(0, significantDigits - 1),
                              exponent: exponent)
        }
        return fixed(value, decimals: max(0, significantDigits - 1 - exponent))
    }

    private static func scientific(mantissa: Double, decimals: Int, exponent: Int) -> String {
        "\(fixed(mantissa, decimals: decimals))×\(power(exponent))"
    }

    private static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-") {
            let digits = text.dropFirst()
            return digits.allSatisfy({ $0 == "0" || $0 == "." }) ? String(digits) : minus + digits
        }
        return text
    }

    private static func signed(_ exponent: Int) -> String {
        exponent < 0 ? minus + String(-exponent) : String(exponent)
    }
}
