// Sets `$…$` formulas aside before Markdown parsing and puts them back afterwards, so CommonMark's
// rules for `_`, `*` and backslashes never touch a formula (`$N_{opt}^{a}$` stays one formula).

/// Markdown source with each formula replaced by one placeholder character.
///
/// A formula opens at an unescaped `$` followed by a non-space and closes at the next `$` on the
/// same line that follows a non-space, is not escaped and is not followed by a digit (so
/// "costs $5 and $10" has no formula). Dollars inside code spans are left alone. Placeholders are
/// characters of Unicode's Supplementary Private Use Area-A; any such character already in the
/// source becomes U+FFFD.
struct FormulaProtection {
    /// The source with placeholders, for the Markdown parser.
    let text: String
    /// The formulas (without dollars), in the order of their placeholders.
    private let formulas: [String]

    /// The first placeholder; formula i is `firstPlaceholder + i`.
    private static let firstPlaceholder: UInt32 = 0xF0000
    /// The last usable placeholder; formulas beyond the capacity stay literal text.
    private static let lastPlaceholder: UInt32 = 0xFFFFD

    /// Sets aside the formulas of `source`.
    init(_ source: String) {
        let scalars = Array(source.unicodeScalars)
        var text = String.UnicodeScalarView()
        var formulas: [String] = []
        var index = 0
        func appendLiteral(_ range: Range<Int>) {
            for scalar in scalars[range] {
                text.append(Self.placeholderIndex(scalar) == nil ? scalar : "\u{FFFD}")
            }
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                let end = min(index + 2, scalars.count)
                appendLiteral(index..<end)
                index = end
            } else if scalar == "`" {
                let end = Self.codeSpanEnd(scalars, from: index)
                appendLiteral(index..<end)
                index = end
            } else if scalar == "$", let close = Self.formulaClose(scalars, from: index),
                      Self.firstPlaceholder + UInt32(formulas.count) <= Self.lastPlaceholder {
                formulas.append(String(String.UnicodeScalarView(scalars[(index + 1)..<close])))
                text.append(Unicode.Scalar(Self.firstPlaceholder + UInt32(formulas.count - 1))!)
                index = close + 1
            } else {
                appendLiteral(index..<(index + 1))
                index += 1
            }
        }
        self.text = String(text)
        self.formulas = formulas
    }

    /// Parsed text with its placeholders turned into `.math` spans between `.text` spans.
    func spans(_ parsed: String) -> [InlineSpan] {
        var spans: [InlineSpan] = []
        var run = String.UnicodeScalarView()
        for scalar in parsed.unicodeScalars {
            if let formula = formula(at: scalar) {
                if !run.isEmpty { spans.append(.text(String(run))) }
                run = String.UnicodeScalarView()
                spans.append(.math(formula))
            } else {
                run.append(scalar)
            }
        }
        if !run.isEmpty { spans.append(.text(String(run))) }
        return spans
    }

    /// Parsed text with its placeholders turned back into the `$…$` source, for verbatim places
    /// (code, raw HTML shown as text, link destinations).
    func verbatim(_ parsed: String) -> String {
        var restored = String.UnicodeScalarView()
        for scalar in parsed.unicodeScalars {
            if let formula = formula(at: scalar) {
                restored.append("$")
                restored.append(contentsOf: formula.unicodeScalars)
                restored.append("$")
            } else {
                restored.append(scalar)
            }
        }
        return String(restored)
    }

    private func formula(at scalar: Unicode.Scalar) -> String? {
        guard let index = Self.placeholderIndex(scalar), index < formulas.count else { return nil }
        return formulas[index]
    }

    private static func placeholderIndex(_ scalar: Unicode.Scalar) -> Int? {
        guard (firstPlaceholder...lastPlaceholder).contains(scalar.value) else { return nil }
        return Int(scalar.value - firstPlaceholder)
    }

    /// The end of the code span opened by the backtick run at `start` (after its closing run of the
    /// same length), or the end of the run alone when no closing run follows.
    private static func codeSpanEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let openEnd = runEnd(scalars, from: start)
        let length = openEnd - start
        var index = openEnd
        while index < scalars.count {
            if scalars[index] == "`" {
                let end = runEnd(scalars, from: index)
                if end - index == length { return end }
                index = end
            } else {
                index += 1
            }
        }
        return openEnd
    }

    private static func runEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start
        while end < scalars.count, scalars[end] == "`" { end += 1 }
        return end
    }

    /// The index of the `$` closing a formula opened at `open`, or nil.
    private static func formulaClose(_ scalars: [Unicode.Scalar], from open: Int) -> Int? {
        let first = open + 1
        guard first < scalars.count, !isSpace(scalars[first]), scalars[first] != "$" else { return nil }
        var index = first
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" { return nil }
            if scalar == "\\" {
                if index + 1 < scalars.count, scalars[index + 1] == "\n" || scalars[index + 1] == "\r" { return nil }
                index += 2
                continue
            }
            if scalar == "$", index > first, !isSpace(scalars[index - 1]) {
                let followedByDigit = index + 1 < scalars.count && (0x30...0x39).contains(scalars[index + 1].value)
                if !followedByDigit { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }
}
