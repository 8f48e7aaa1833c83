// A formula as Pango markup for the PDF: single-letter identifiers in italics, sub- and
// superscripts raised and lowered with <sub> and <sup>, signs spaced as in print with no-break
// spaces so a formula is not split across lines. A malformed formula is shown as written.

/// The Pango markup of one formula and the text Pango lays out from it.
struct FormulaMarkup {
    /// Space on both sides of a relation or binary operator (no-break space).
    static let operatorSpace = "\u{00A0}"
    /// Space after a comma (narrow no-break space).
    static let punctuationSpace = "\u{202F}"

    /// Pango markup, every text escaped.
    private(set) var markup = ""
    /// The text of `markup` without its tags, as Pango holds it (for link byte offsets).
    private(set) var text = ""

    /// Typesets `source` (a formula without its dollars); when it is not in the subset of
    /// `Formula`, the markup is `source` verbatim, escaped.
    init(_ source: String) {
        guard let formula = Formula(source) else {
            append(source)
            return
        }
        write(row: formula.nodes, inScript: false)
    }

    private mutating func write(row nodes: [FormulaNode], inScript: Bool) {
        var previous: FormulaNode?
        for node in nodes {
            write(node, afterOperand: previous.map(FormulaSpacing.isOperand) ?? false, inScript: inScript)
            previous = node
        }
    }

    private mutating func write(_ node: FormulaNode, afterOperand: Bool, inScript: Bool) {
        switch node {
        case .identifier(let name):
            append(name, italic: name.count == 1)
        case .number(let value):
            append(value)
        case .symbol(let symbol):
            switch FormulaSpacing.of(symbol, afterOperand: afterOperand, inScript: inScript) {
            case .none: append(symbol)
            case .around: append(Self.operatorSpace + symbol + Self.operatorSpace)
            case .after: append(symbol + Self.punctuationSpace)
            }
        case .group(let nodes):
            write(row: nodes, inScript: inScript)
        case .scripted(let base, let subscriptNode, let superscriptNode):
            write(base, afterOperand: afterOperand, inScript: inScript)
            if let subscriptNode { writeScript(subscriptNode, tag: "sub") }
            if let superscriptNode { writeScript(superscriptNode, tag: "sup") }
        }
    }

    private mutating func writeScript(_ node: FormulaNode, tag: String) {
        markup += "<\(tag)>"
        write(node, afterOperand: false, inScript: true)
        markup += "</\(tag)>"
    }

    private mutating func append(_ piece: String, italic: Bool = false) {
        let escaped = PangoMarkup.escape(piece)
        markup += italic ? "<i>" + escaped + "</i>" : escaped
        text += PangoMarkup.displayText(piece)
    }
}
