// A formula as readable plain text, for places without markup: accessible labels and anything that
// shows `InlineSpan.plainText` (e.g. `L(N, D) = E + A/N^α + B/D^β`).

import Foundation

extension Formula {
    /// The formula on one line: signs spaced as in print, scripts written after `_` and `^`, in
    /// parentheses when they hold more than one item (`N_opt ∝ C^a`, `x^(−b)`).
    var plainText: String {
        Self.plainText(nodes, inScript: false).trimmingCharacters(in: .whitespaces)
    }

    /// The plain text of `source` as a formula, or `source` itself when it is not one.
    static func plainText(of source: String) -> String {
        Formula(source)?.plainText ?? source
    }

    private static func plainText(_ nodes: [FormulaNode], inScript: Bool) -> String {
        var text = ""
        var previous: FormulaNode?
        for node in nodes {
            let afterOperand = previous.map(FormulaSpacing.isOperand) ?? false
            text += plainText(node, afterOperand: afterOperand, inScript: inScript)
            previous = node
        }
        return text
    }

    private static func plainText(_ node: FormulaNode, afterOperand: Bool, inScript: Bool) -> String {
        switch node {
        case .identifier(let text), .number(let text):
            return text
        case .symbol(let symbol):
            switch FormulaSpacing.of(symbol, afterOperand: afterOperand, inScript: inScript) {
            case .none: return symbol
            case .around: return " " + symbol + " "
            case .after: return symbol + " "
            }
        case .group(let nodes):
            return plainText(nodes, inScript: inScript)
        case .scripted(let base, let subscriptNode, let superscriptNode):
            var text = plainText(base, afterOperand: afterOperand, inScript: inScript)
            if case .group = base { text = "(" + text + ")" }
            if let subscriptNode { text += "_" + scriptText(subscriptNode) }
            if let superscriptNode { text += "^" + scriptText(superscriptNode) }
            return text
        }
    }

    private static func scriptText(_ node: FormulaNode) -> String {
        switch node {
        case .identifier, .number, .symbol: plainText(node, afterOperand: false, inScript: true)
        case .group(let nodes): "(" + plainText(nodes, inScript: true) + ")"
        case .scripted: "(" + plainText(node, afterOperand: false, inScript: true) + ")"
        }
    }
}
