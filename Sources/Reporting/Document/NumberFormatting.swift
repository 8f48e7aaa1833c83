// Display formatting shared by both renderers: significant digits with ×10ⁿ, UTC dates, durations
// and byte counts, so HTML and PDF print identical numbers.

import Foundation

/// Formats numbers for reports.
public enum NumberFormatting {
    /// `value` to `digits` significant digits; magnitudes outside [10⁻³, 10⁴) use "m × 10ⁿ".
    /// Negative numbers use the typographic minus "−".
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == 0 { return "0" }
        let sign = value < 0 ? "−" : ""
        let magnitude = abs(value)
        let exponent = Int(floor(log10(magnitude)))
        if exponent >= -3 && exponent < 4 {
            return sign + String(format: "%.*g", max(digits, exponent + 1), magnitude)
        }
        var mantissa = magnitude / pow(10, Double(exponent))
        var shownExponent = exponent
        if Double(String(format: "%.*f", digits - 1, mantissa)) ?? mantissa >= 10 {
            mantissa /= 10
            shownExponent += 1
        }
        let mantissaText = trimmingZeros(String(format: "%.*f", digits - 1, mantissa))
        return sign + mantissaText + " × 10" + superscript(shownExponent)
    }

    /// `date` as "2026-11-25 14:05:09 UTC".
    public static func utcTimestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d UTC", parts.year ?? 0, parts.month ?? 0,
                      parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// A duration in seconds as "42.0 s", "3 min 05 s" or "2 h 07 min".
    public static func duration(_ seconds: Double) -> String {
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole < 3600 { return String(format: "%d min %02d s", whole / 60, whole % 60) }
        return String(format: "%d h %02d min", whole / 3600, (whole % 3600) / 60)
    }

    /// A byte count in decimal units, e.g. "2.45 MB" or "812 B".
    public static func byteCount(_ bytes: Int) -> String {
        let units = ["B", "kB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : significant(value, digits: 3) + " " + units[unit]
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = text
        while trimmed.hasSuffix("0") { trimmed.removeLast() }
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        return trimmed
    }

    private static func superscript(_ exponent: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(exponent)).map { digits[Int(String($0))!] }
        return (exponent < 0 ? "⁻" : "") + String(body)
    }
}
