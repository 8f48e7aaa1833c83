// A formula of report prose (`$…$`), parsed from a TeX-like subset into identifiers, numbers,
// operators, groups and sub-/superscripts, so the renderers can typeset it (MathML in HTML,
// Pango sub- and superscripts in the PDF) and a plain-text form can be given where no markup fits.

/// One item of a formula.
indirect enum FormulaNode: Sendable, Equatable {
    /// A run of letters (`N`, `opt`) or a Greek letter from a command (`\alpha` ⇒ α).
    case identifier(String)
    /// A run of digits with at most one decimal point (`12`, `0.5`).
    case number(String)
    /// An operator or punctuation sign (`+`, `−`, `=`, `∝`, `(`, `,`).
    case symbol(String)
    /// A braced group `{…}` of several items.
    case group([FormulaNode])
    /// A base with a subscript (`x_y`), a superscript (`x^y`) or both.
    case scripted(base: FormulaNode, subscript: FormulaNode?, superscript: FormulaNode?)
}

/// A parsed formula: the items of its top-level row.
///
/// The subset: letters and Greek letters as written or as `\alpha`…`\omega`; numbers; the signs
/// + − - = · / < > ≤ ≥ ∝ ≈ × ( ) , and others as written; `\cdot`, `\times`, `\propto`, `\approx`,
/// `\le`, `\ge`, `\ne`, `\pm`, `\sim`, `\to`, `\infty`, `\ell`, `\log`, `\ln`, `\exp`; braces for
/// grouping; `x^y`, `x_y`, `x^{…}`, `x_{…}` and both on one base. As in TeX, an unbraced script is
/// one character or one command, and spaces are ignored.
struct Formula: Sendable, Equatable {
    /// The top-level items.
    let nodes: [FormulaNode]

    /// Parses `source`; nil when it is not in the subset (an unclosed brace, a script without a
    /// base or argument, two superscripts on one base, an unknown command).
    init?(_ source: String) {
        var scanner = FormulaScanner(source)
        guard let nodes = scanner.parseFormula() else { return nil }
        self.nodes = nodes
    }

    /// Signs a command stands for, and the identifiers of Greek letters and named functions.
    static let commandSymbols: [String: String] = [
        "cdot": "·", "times": "×", "propto": "∝", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥",
        "geq": "≥", "ne": "≠", "neq": "≠", "pm": "±", "mp": "∓", "sim": "∼", "to": "→", "rightarrow": "→",
        "leftarrow": "←", "ll": "≪", "gg": "≫", "div": "÷", "equiv": "≡", "in": "∈", "ldots": "…",
        "cdots": "⋯", "sum": "∑", "prod": "∏",
    ]

    /// Identifiers named by commands.
    static let commandIdentifiers: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ",
        "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
        "Psi": "Ψ", "Omega": "Ω", "infty": "∞", "ell": "ℓ", "partial": "∂", "nabla": "∇",
        "log": "log", "ln": "ln", "exp": "exp", "min": "min", "max": "max",
    ]
}

/// A single left-to-right pass over a formula's characters.
private struct FormulaScanner {
    private let characters: [Character]
    private var position = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// The whole formula, or nil if it is malformed.
    mutating func parseFormula() -> [FormulaNode]? {
        guard let nodes = parseRow(closedByBrace: false), position == characters.count else { return nil }
        return nodes
    }

    /// Items up to the end, or up to and including the `}` that closes a group.
    private mutating func parseRow(closedByBrace: Bool) -> [FormulaNode]? {
        var nodes: [FormulaNode] = []
        while true {
            skipSpaces()
            guard position < characters.count else { return closedByBrace ? nil : nodes }
            let character = characters[position]
            if character == "}" {
                guard closedByBrace else { return nil }
                position += 1
                return nodes
            }
            if character == "^" || character == "_" {
                position += 1
                guard let base = nodes.popLast(), let argument = parseScriptArgument(),
                      let scripted = Self.attach(argument, asSuperscript: character == "^", to: base) else {
                    return nil
                }
                nodes.append(scripted)
                continue
            }
            guard let item = parseItem() else { return nil }
            if let node = item { nodes.append(node) }
        }
    }

    /// `base` with `argument` as its superscript or subscript; nil if that script is already set.
    private static func attach(_ argument: FormulaNode, asSuperscript: Bool, to base: FormulaNode) -> FormulaNode? {
        if case .scripted(let inner, let subscriptNode, let superscriptNode) = base {
            if asSuperscript, superscriptNode == nil {
                return .scripted(base: inner, subscript: subscriptNode, superscript: argument)
            }
            if !asSuperscript, subscriptNode == nil {
                return .scripted(base: inner, subscript: argument, superscript: superscriptNode)
            }
            return nil
        }
        return asSuperscript
            ? .scripted(base: base, subscript: nil, superscript: argument)
            : .scripted(base: base, subscript: argument, superscript: nil)
    }

    /// A script's argument: a braced group, one command, or one character.
    private mutating func parseScriptArgument() -> FormulaNode? {
        skipSpaces()
        guard position < characters.count else { return nil }
        let character = characters[position]
        switch character {
        case "{", "\\":
            guard let item = parseItem() else { return nil }
            return item ?? .group([])
        case "}", "^", "_":
            return nil
        default:
            position += 1
            return Self.node(forSingle: character)
        }
    }

    /// The next item: `.some(nil)` for a command that only spaces (`\,`), nil when malformed.
    private mutating func parseItem() -> FormulaNode?? {
        let character = characters[position]
        if character == "{" {
            position += 1
            guard let inner = parseRow(closedByBrace: true) else { return nil }
            return .some(inner.count == 1 ? inner[0] : FormulaNode.group(inner))
        }
        if character == "\\" {
            return parseCommand()
        }
        if character.isLetter {
            let start = position
            while position < characters.count, characters[position].isLetter { position += 1 }
            return .some(FormulaNode.identifier(String(characters[start..<position])))
        }
        if character.isNumber {
            let start = position
            var seenPoint = false
            while position < characters.count {
                let current = characters[position]
                if current.isNumber {
                    position += 1
                } else if current == ".", !seenPoint, position + 1 < characters.count,
                          characters[position + 1].isNumber {
                    seenPoint = true
                    position += 1
                } else {
                    break
                }
            }
            return .some(FormulaNode.number(String(characters[start..<position])))
        }
        position += 1
        return .some(Self.node(forSingle: character))
    }

    /// A command after its backslash.
    private mutating func parseCommand() -> FormulaNode?? {
        position += 1
        guard position < characters.count else { return nil }
        let first = characters[position]
        guard first.isASCII, first.isLetter else {
            position += 1
            switch first {
            case ",", ";", ":", "!", " ": return .some(nil)
            case "{", "}", "_", "$", "%", "#", "&", "|", "\\": return .some(FormulaNode.symbol(String(first)))
            default: return nil
            }
        }
        let start = position
        while position < characters.count, characters[position].isASCII, characters[position].isLetter {
            position += 1
        }
        let name = String(characters[start..<position])
        if let symbol = Formula.commandSymbols[name] { return .some(FormulaNode.symbol(symbol)) }
        if let identifier = Formula.commandIdentifiers[name] { return .some(FormulaNode.identifier(identifier)) }
        return nil
    }

    /// One character as an item; an ASCII hyphen is the minus sign.
    private static func node(forSingle character: Character) -> FormulaNode {
        if character.isLetter { return .identifier(String(character)) }
        if character.isNumber { return .number(String(character)) }
        return .symbol(character == "-" ? "−" : String(character))
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position].isWhitespace { position += 1 }
    }
}
