// Reads a YAML node tree into typed values while collecting every problem with its location:
// wrong types, out-of-range values, missing keys and unknown keys (with "did you mean").
// The typed spec structs are built through these readers, so they are the schema.
import Yams

/// A numeric constraint and the words that tell a user what is allowed.
struct NumberBound: Sendable {
    let allowed: String
    let contains: @Sendable (Double) -> Bool

    static let any = NumberBound(allowed: "a number") { _ in true }
    static let positive = NumberBound(allowed: "a number > 0") { $0 > 0 }
    static let nonNegative = NumberBound(allowed: "a number ≥ 0") { $0 >= 0 }
    static let unitInterval = NumberBound(allowed: "a number from 0 to 1") { $0 >= 0 && $0 <= 1 }
    static let openUnitInterval = NumberBound(allowed: "a number strictly between 0 and 1") { $0 > 0 && $0 < 1 }
    static let fractionAboveZero = NumberBound(allowed: "a number > 0 and ≤ 1") { $0 > 0 && $0 <= 1 }

    static func atLeast(_ minimum: Double) -> NumberBound {
        NumberBound(allowed: "a number ≥ \(SpecFormat.number(minimum))") { $0 >= minimum }
    }

    static func within(_ low: Double, _ high: Double) -> NumberBound {
        NumberBound(allowed: "a number from \(SpecFormat.number(low)) to \(SpecFormat.number(high))") {
            $0 >= low && $0 <= high
        }
    }
}

/// Number and text formatting shared by messages and summaries.
enum SpecFormat {
    /// Longest text a message quotes in full; a longer one is cut (a 50 MB scalar must not be
    /// echoed back).
    static let quotedLength = 80

    /// `text` in single quotes, cut to its first characters with its length when it is long.
    static func quoted(_ text: String) -> String {
        let length = text.unicodeScalars.count
        guard length > quotedLength else { return "'\(text)'" }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(quotedLength - 20))
        return "'\(String(scalars))…' (\(length) characters)"
    }

    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// Collects the issues of one spec file and remembers where each read key was.
final class SpecDiagnostics {
    let file: String
    /// The `file:` corpora the spec names, resolved against `inputs.folder` and checked.
    let inputs: SpecInputs
    private(set) var issues: [SpecIssue] = []
    private var reported: Set<SpecIssue> = []
    private var marks: [String: Mark] = [:]
    /// Key paths set by the profile being resolved: issues under them are reported at the
    /// profile's own key path (`profiles.quick.training.steps`).
    var overriddenPaths: [String: String] = [:]
    /// Keys the spec leaves out that were read with a default, each with its key path and the
    /// default as YAML, in reading order; `SpecLoader` writes them into the resolved spec.
    private(set) var defaults: [(path: String, value: Node)] = []

    /// - Parameter folder: where relative `file:` paths lead; nil = the folder of `file`.
    init(file: String, folder: String? = nil) {
        self.file = file
        inputs = SpecInputs(folder: folder ?? SpecInputs.folder(of: file))
    }

    /// A collector for the same file that shares this one's inputs but none of its issues.
    func scratch() -> SpecDiagnostics {
        SpecDiagnostics(file: file, inputs: inputs)
    }

    private init(file: String, inputs: SpecInputs) {
        self.file = file
        self.inputs = inputs
    }

    /// Records that the key at `path` was absent and read as `value`.
    func recordDefault(_ value: Node, at path: String) {
        defaults.append((path, value))
    }

    /// The defaults recorded since the last call, which starts a new record (one per resolved profile).
    func takeDefaults() -> [(path: String, value: Node)] {
        defer { defaults = [] }
        return defaults
    }

    func remember(_ mark: Mark?, for path: String) {
        if let mark { marks[path] = mark }
    }

    /// Records an issue at `path`, located at `mark` or, if absent, where `path` was read.
    func report(_ message: String, at path: String, mark: Mark? = nil, isMissingFile: Bool = false) {
        let location = mark ?? marks[path]
        let issue = SpecIssue(file: file, line: location?.line, column: location?.column,
                              keyPath: displayPath(path), message: message, isMissingFile: isMissingFile)
        if reported.insert(issue).inserted { issues.append(issue) }
    }

    private func displayPath(_ path: String) -> String {
        for (prefix, profile) in overriddenPaths
        where path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[") {
            return "profiles.\(profile).\(path)"
        }
        return path
    }
}

/// Reads one YAML mapping. Every accessor registers its key as known; `finish()` reports the
/// keys nobody asked for. A missing optional key yields its default; a bad value is reported and
/// the default (or a neutral placeholder) is returned so reading continues and every problem is found.
final class MappingReader {
    let path: String
    let diagnostics: SpecDiagnostics
    let mark: Mark?
    private let pairs: [(key: String, keyMark: Mark?, value: Node)]
    private var knownKeys: [String] = []

    init(_ node: Node?, path: String, diagnostics: SpecDiagnostics) {
        self.path = path
        self.diagnostics = diagnostics
        self.mark = node?.mark
        switch node {
        case .mapping(let mapping)?:
            pairs = mapping.map { (key: $0.key.string ?? "", keyMark: $0.key.mark, value: $0.value) }
        case nil:
            pairs = []
        case let other?:
            pairs = []
            diagnostics.report("found \(MappingReader.describe(other)), expected a mapping of keys to values",
                               at: path, mark: other.mark)
        }
    }

    /// The key path of `key` inside this mapping.
    func childPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The raw node under `key`, registering the key as known.
    func node(_ key: String) -> Node? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        guard let pair = pairs.first(where: { $0.key == key }) else { return nil }
        diagnostics.remember(pair.value.mark ?? pair.keyMark, for: childPath(key))
        return pair.value
    }

    /// Whether the mapping sets `key` (without registering it).
    func contains(_ key: String) -> Bool {
        pairs.contains { $0.key == key }
    }

    /// Reports every key that no accessor asked for, with a suggestion when one is close.
    func finish() {
        for pair in pairs where !knownKeys.contains(pair.key) {
            let allowed = knownKeys.joined(separator: ", ")
            diagnostics.report(
                "unknown key \(SpecFormat.quoted(pair.key))\(Suggestion.phrase(for: pair.key, among: knownKeys)) (allowed here: \(allowed))",
                at: childPath(pair.key), mark: pair.keyMark)
        }
    }

    // MARK: Scalars

    func int(_ key: String, default fallback: Int?, bound: NumberBound = .any) -> Int {
        guard let node = present(key, fallback: fallback, example: "1") else {
            recordDefault(key, fallback.map { Node(String($0)) })
            return fallback ?? 0
        }
        return MappingReader.int(node, path: childPath(key), bound: bound, diagnostics: diagnostics) ?? fallback ?? 0
    }

    func double(_ key: String, default fallback: Double?, bound: NumberBound = .any) -> Double {
        guard let node = present(key, fallback: fallback, example: "1.0") else {
            recordDefault(key, fallback.map { Node(SpecFormat.number($0)) })
            return fallback ?? 0
        }
        return MappingReader.double(node, path: childPath(key), bound: bound, diagnostics: diagnostics) ?? fallback ?? 0
    }

    func bool(_ key: String, default fallback: Bool) -> Bool {
        guard let node = node(key) else {
            recordDefault(key, Node(String(fallback)))
            return fallback
        }
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            switch scalar.string.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        diagnostics.report("found \(MappingReader.describe(node)), expected true or false", at: childPath(key))
        return fallback
    }

    func string(_ key: String, default fallback: String?, example: String = "text") -> String {
        guard let node = present(key, fallback: fallback, example: example) else {
            recordDefault(key, fallback.map { Node($0) })
            return fallback ?? ""
        }
        return MappingReader.string(node, path: childPath(key), diagnostics: diagnostics) ?? fallback ?? ""
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, default fallback: Value?) -> Value
    where Value.RawValue == String {
        let placeholder = fallback ?? Value.allCases.first!
        guard let node = present(key, fallback: fallback, example: placeholder.rawValue) else {
            recordDefault(key, fallback.map { Node($0.rawValue) })
            return placeholder
        }
        return MappingReader.choice(node, path: childPath(key), diagnostics: diagnostics) ?? placeholder
    }

    // MARK: Lists

    func doubles(_ key: String, default fallback: [Double]?, bound: NumberBound = .any, minimumCount: Int = 1) -> [Double] {
        list(key, default: fallback, minimumCount: minimumCount, example: "[1, 2]", render: SpecFormat.number) { node, path in
            MappingReader.double(node, path: path, bound: bound, diagnostics: self.diagnostics)
        }
    }

    func ints(_ key: String, default fallback: [Int]?, bound: NumberBound = .any, minimumCount: Int = 1) -> [Int] {
        list(key, default: fallback, minimumCount: minimumCount, example: "[1, 2]", render: { String($0) }) { node, path in
            MappingReader.int(node, path: path, bound: bound, diagnostics: self.diagnostics)
        }
    }

    func strings(_ key: String, default fallback: [String]?, minimumCount: Int = 1) -> [String] {
        list(key, default: fallback, minimumCount: minimumCount, example: "[a, b]", render: { $0 }) { node, path in
            MappingReader.string(node, path: path, diagnostics: self.diagnostics)
        }
    }

    func choices<Value: RawRepresentable & CaseIterable>(_ key: String, default fallback: [Value]?, minimumCount: Int = 1) -> [Value]
    where Value.RawValue == String {
        list(key, default: fallback, minimumCount: minimumCount, example: "[\(Value.allCases.first!.rawValue)]",
             render: \.rawValue) { node, path in
            MappingReader.choice(node, path: path, diagnostics: self.diagnostics)
        }
    }

    /// Reads a list (a single scalar counts as a one-element list), converting each element;
    /// `render` writes an element of the default as YAML text.
    func list<Element>(_ key: String, default fallback: [Element]?, minimumCount: Int, example: String,
                       render: (Element) -> String, element: (Node, String) -> Element?) -> [Element] {
        guard let node = present(key, fallback: fallback, example: example) else {
            recordDefault(key, fallback.map { Node($0.map { Node(render($0)) }) })
            return fallback ?? []
        }
        let path = childPath(key)
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default:
            diagnostics.report("found \(MappingReader.describe(node)), expected a list like \(example)", at: path)
            return fallback ?? []
        }
        var values: [Element] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            diagnostics.remember(item.mark, for: itemPath)
            if let value = element(item, itemPath) { values.append(value) }
        }
        if items.count < minimumCount {
            diagnostics.report("found \(items.count) entries, expected at least \(minimumCount)", at: path)
        }
        return values
    }

    // MARK: Nested

    /// The mapping under `key` (an empty reader, yielding defaults, when the key is absent).
    func mapping(_ key: String) -> MappingReader {
        MappingReader(node(key), path: childPath(key), diagnostics: diagnostics)
    }

    /// The list of mappings under `key`, one reader per element.
    func mappings(_ key: String, required: Bool, minimumCount: Int = 1) -> [MappingReader] {
        let path = childPath(key)
        guard let node = node(key) else {
            if required {
                diagnostics.report("missing required key '\(key)'", at: path, mark: mark)
            }
            return []
        }
        guard case .sequence(let sequence) = node else {
            diagnostics.report("found \(MappingReader.describe(node)), expected a list of mappings", at: path)
            return []
        }
        if sequence.count < minimumCount {
            diagnostics.report("found \(sequence.count) entries, expected at least \(minimumCount)", at: path)
        }
        return sequence.enumerated().map { index, item in
            let itemPath = "\(path)[\(index)]"
            diagnostics.remember(item.mark, for: itemPath)
            return MappingReader(item, path: itemPath, diagnostics: diagnostics)
        }
    }

    // MARK: Conversions

    /// Records the default read for the absent `key`; nil (a required key) records nothing.
    private func recordDefault(_ key: String, _ value: Node?) {
        if let value { diagnostics.recordDefault(value, at: childPath(key)) }
    }

    private func present<Value>(_ key: String, fallback: Value?, example: String) -> Node? {
        let value = node(key)
        if value == nil, fallback == nil {
            diagnostics.report("missing required key '\(key)'; add e.g. `\(key): \(example)`",
                               at: childPath(key), mark: mark)
        }
        return value
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return SpecFormat.quoted(scalar.string)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The number a plain scalar spells (`3e-4`, `200_000`, `1.5`), or nil.
    static func number(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        let text = scalar.string.replacingOccurrences(of: "_", with: "")
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    static func double(_ node: Node, path: String, bound: NumberBound, diagnostics: SpecDiagnostics) -> Double? {
        guard let value = number(node) else {
            diagnostics.report("found \(describe(node)), expected \(bound.allowed)", at: path, mark: node.mark)
            return nil
        }
        guard bound.contains(value) else {
            diagnostics.report("found \(SpecFormat.number(value)), expected \(bound.allowed)", at: path, mark: node.mark)
            return nil
        }
        return value
    }

    static func int(_ node: Node, path: String, bound: NumberBound, diagnostics: SpecDiagnostics) -> Int? {
        guard let value = number(node), value == value.rounded(), abs(value) < 9e15 else {
            let allowed = bound.allowed.replacingOccurrences(of: "a number", with: "a whole number")
            diagnostics.report("found \(describe(node)), expected \(allowed)", at: path, mark: node.mark)
            return nil
        }
        guard bound.contains(value) else {
            let allowed = bound.allowed.replacingOccurrences(of: "a number", with: "a whole number")
            diagnostics.report("found \(SpecFormat.number(value)), expected \(allowed)", at: path, mark: node.mark)
            return nil
        }
        return Int(value)
    }

    static func string(_ node: Node, path: String, diagnostics: SpecDiagnostics) -> String? {
        guard case .scalar(let scalar) = node else {
            diagnostics.report("found \(describe(node)), expected a text value", at: path, mark: node.mark)
            return nil
        }
        return scalar.string
    }

    static func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, path: String, diagnostics: SpecDiagnostics) -> Value?
    where Value.RawValue == String {
        let allowed = Value.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node else {
            diagnostics.report("found \(describe(node)), expected one of: \(allowed.joined(separator: ", "))",
                               at: path, mark: node.mark)
            return nil
        }
        if let value = Value(rawValue: scalar.string) { return value }
        diagnostics.report(
            "found \(SpecFormat.quoted(scalar.string))\(Suggestion.phrase(for: scalar.string, among: allowed)) (allowed: \(allowed.joined(separator: ", ")))",
            at: path, mark: node.mark)
        return nil
    }
}
