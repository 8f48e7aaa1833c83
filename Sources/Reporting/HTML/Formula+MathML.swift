// A formula as MathML for the HTML report, which current browsers typeset natively: identifiers,
// numbers and signs as <mi>, <mn>, <mo>; groups as <mrow>; scripts as <msub>, <msup>, <msubsup>.

extension Formula {
    /// The formula as one inline `<math>` element; every text is escaped.
    var mathML: String {
        "<math display=\"inline\">" + Self.mathML(row: nodes) + "</math>"
    }

    private static func mathML(row nodes: [FormulaNode]) -> String {
        var markup = ""
        var previous: FormulaNode?
        for node in nodes {
            let afterOperand = previous.map(FormulaSpacing.isOperand) ?? false
            markup += mathML(node, afterOperand: afterOperand)
            previous = node
        }
        return markup
    }

    /// Attributes that make the browser set a sign as TeX would: a minus or plus with no operand
    /// before it is a sign, not an operation; brackets keep the text's height instead of growing
    /// around scripts; a slash is set tight.
    private static func attributes(of symbol: String, afterOperand: Bool) -> String {
        if !afterOperand, ["−", "+", "±", "∓"].contains(symbol) { return " form=\"prefix\"" }
        if ["(", ")", "[", "]", "|"].contains(symbol) { return " stretchy=\"false\"" }
        if symbol == "/" { return " lspace=\"0\" rspace=\"0\"" }
        return ""
    }

    private static func mathML(_ node: FormulaNode, afterOperand: Bool = true) -> String {
        switch node {
        case .identifier(let name):
            return "<mi>" + HTMLEscaping.escape(name) + "</mi>"
        case .number(let value):
            return "<mn>" + HTMLEscaping.escape(value) + "</mn>"
        case .symbol(let symbol):
            return "<mo\(attributes(of: symbol, afterOperand: afterOperand))>" + HTMLEscaping.escape(symbol) + "</mo>"
        case .group(let nodes):
            return "<mrow>" + mathML(row: nodes) + "</mrow>"
        case .scripted(let base, let subscriptNode?, let superscriptNode?):
            return "<msubsup>" + mathML(base) + mathML(subscriptNode) + mathML(superscriptNode) + "</msubsup>"
        case .scripted(let base, let subscriptNode?, nil):
            return "<msub>" + mathML(base) + mathML(subscriptNode) + "</msub>"
        case .scripted(let base, nil, let superscriptNode?):
            return "<msup>" + mathML(base) + mathML(superscriptNode) + "</msup>"
        case .scripted(let base, nil, nil):
            return mathML(base)
        }
    }
}
