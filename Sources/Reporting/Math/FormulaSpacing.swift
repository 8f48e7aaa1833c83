// Where a formula's signs get space in the linear forms (PDF markup and plain text), after TeX:
// relations and binary operators are spaced, a sign with no operand before it is unary, commas are
// followed by a small space, and nothing is spaced inside a script.

/// Space around one sign of a formula.
enum FormulaSpacing: Equatable {
    /// Set tight (`/`, parentheses, a unary minus, anything inside a script).
    case none
    /// A space on both sides (`=`, `∝`, a binary `+`).
    case around
    /// A small space after (`,`, `;`).
    case after

    /// Relations: spaced wherever they stand outside scripts.
    private static let relations: Set<String> = ["=", "<", ">", "≤", "≥", "∝", "≈", "≠", "∼", "→", "←", "≪", "≫", "≡", "∈"]
    /// Binary operators: spaced when an operand precedes them, unary otherwise.
    private static let binaryOperators: Set<String> = ["+", "−", "×", "·", "±", "∓", "÷", "*"]
    /// Punctuation followed by a small space.
    private static let punctuation: Set<String> = [",", ";"]

    /// The spacing of sign `symbol` in a row, given whether the item before it in the same row is
    /// an operand (not a sign, or a closing bracket) and whether the row is inside a script.
    static func of(_ symbol: String, afterOperand: Bool, inScript: Bool) -> FormulaSpacing {
        guard !inScript else { return .none }
        if relations.contains(symbol) { return .around }
        if binaryOperators.contains(symbol) { return afterOperand ? .around : .none }
        if punctuation.contains(symbol) { return .after }
        return .none
    }

    /// Whether `node` counts as an operand for the sign after it.
    static func isOperand(_ node: FormulaNode) -> Bool {
        if case .symbol(let symbol) = node { return [")", "]", "|", "!", "′", "…"].contains(symbol) }
        return true
    }
}
