// The size part of a sized synthetic source name (`synthetic:alpha@2M`): parsing `2M`, `500k`,
// `1.5M`, `1500000` or `1_500_000` into bytes, and writing bytes back in a short such form.

/// Sizes of generated corpora in bytes, as written after `@` in a source name.
///
/// Grammar: `digits[.digits][k|M]`, case-insensitive, `_` allowed between digits; `k` = 1,000 and
/// `M` = 1,000,000 (decimal, like every byte count in a spec). The value must be a whole number of
/// bytes in `allowed`.
public enum SyntheticSize {
    /// The sizes a name may ask for: 1k to 100M bytes. Below 1k a corpus holds a handful of
    /// documents (too few to split); above 100M generation takes longer than a quick study.
    public static let allowed = 1_000...100_000_000

    /// How to write a size, for messages.
    public static let grammar = "a whole number of bytes, optionally with k (×1,000) or M (×1,000,000): "
        + "500k, 2M, 1.5M or 1500000, from \(name(allowed.lowerBound)) to \(name(allowed.upperBound))"

    /// Bytes of `text` (the part after `@`); throws `CorpusError.invalidParameter` naming `source`
    /// (the whole name, for the message) and saying what is allowed.
    public static func bytes(_ text: String, in source: String) throws -> Int {
        let parameter = "size in '\(source)'"
        guard !text.isEmpty else {
            throw CorpusError.invalidParameter(name: parameter, reason: "nothing follows '@'; write \(grammar)")
        }
        var characters = Substring(text)
        var scale = 1
        switch characters.last {
        case "k", "K":
            scale = 1_000
            characters = characters.dropLast()
        case "m", "M":
            scale = 1_000_000
            characters = characters.dropLast()
        default:
            break
        }
        let parts = characters.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? parts[1] : nil
        guard isDigitGroup(parts[0]), fraction.map(isDigitGroup) ?? true else {
            throw CorpusError.invalidParameter(name: parameter, reason: "'\(text)' is not a size; write \(grammar)")
        }
        let wholeDigits = parts[0].filter { $0 != "_" }
        let fractionDigits = (fraction ?? "").filter { $0 != "_" }
        // Exact integer arithmetic: (whole · 10^f + fraction) · scale / 10^f, refused when it is not whole.
        let tooLarge = CorpusError.invalidParameter(name: parameter, reason: "'\(text)' is above the largest size, \(name(allowed.upperBound)); write \(grammar)")
        guard wholeDigits.count + fractionDigits.count <= 15 else { throw tooLarge }
        let denominator = (0..<fractionDigits.count).reduce(1) { value, _ in value * 10 }
        let numerator = (Int(wholeDigits) ?? 0) * denominator + (Int(fractionDigits) ?? 0)
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: scale)
        guard !overflow else { throw tooLarge }
        guard scaled % denominator == 0 else {
            throw CorpusError.invalidParameter(name: parameter, reason: "'\(text)' is not a whole number of bytes; write \(grammar)")
        }
        let bytes = scaled / denominator
        guard bytes >= allowed.lowerBound else {
            throw CorpusError.invalidParameter(name: parameter, reason: "'\(text)' is below the smallest size, \(name(allowed.lowerBound)); write \(grammar)")
        }
        guard bytes <= allowed.upperBound else { throw tooLarge }
        return bytes
    }

    /// `bytes` in a short form `bytes(_:in:)` reads back: whole thousands in k, a million or more in
    /// M with up to three decimals, anything else in digits: `2M`, `1.5M`, `500k`, `1234567`.
    public static func name(_ bytes: Int) -> String {
        guard bytes > 0, bytes % 1_000 == 0 else { return String(bytes) }
        guard bytes >= 1_000_000 else { return "\(bytes / 1_000)k" }
        var thousands = String(bytes % 1_000_000 / 1_000)
        thousands = String(repeating: "0", count: 3 - thousands.count) + thousands
        while thousands.last == "0" { thousands.removeLast() }
        return "\(bytes / 1_000_000)" + (thousands.isEmpty ? "" : "." + thousands) + "M"
    }

    /// One or more digits, with `_` only between two digits.
    private static func isDigitGroup(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, first.isASCIIDigit, last.isASCIIDigit else { return false }
        return text.allSatisfy { $0.isASCIIDigit || $0 == "_" } && !text.contains("__")
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
