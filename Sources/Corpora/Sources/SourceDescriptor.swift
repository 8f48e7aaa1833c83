// Source names (`fortunes:de`, `bible:kjv`, `file:/path`, `synthetic:alpha`) parsed into values, and
// the closest-name suggestion used in error messages.

/// Which corpus a source name denotes.
public enum SourceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// A Debian fortune database in one language.
    case fortunes(FortuneLanguage)
    /// One of the three Bibles.
    case bible(BibleEdition)
    /// A UTF-8 file or a folder of them.
    case file(path: String)
    /// A named synthetic-language preset.
    case synthetic(SyntheticPreset)

    /// Parses `kind:argument`. Throws `CorpusError.unknownSource` with the closest valid name.
    public init(parsing name: String) throws {
        let trimmed = name.trimmingWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else {
            throw CorpusError.unknownSource(name: name, suggestion: SourceDescriptor.closestName(to: trimmed))
        }
        let kind = trimmed[..<colon].lowercased()
        let argument = String(trimmed[trimmed.index(after: colon)...])
        switch kind {
        case "fortunes":
            if let language = FortuneLanguage(rawValue: argument.lowercased()) {
                self = .fortunes(language)
                return
            }
        case "bible":
            if let edition = BibleEdition(rawValue: argument.lowercased()) {
                self = .bible(edition)
                return
            }
        case "file":
            if !argument.isEmpty {
                self = .file(path: argument)
                return
            }
        case "synthetic":
            if let preset = SyntheticPreset(rawValue: argument.lowercased()) {
                self = .synthetic(preset)
                return
            }
        default:
            break
        }
        throw CorpusError.unknownSource(name: name, suggestion: SourceDescriptor.closestName(to: trimmed))
    }

    /// The canonical name, e.g. `fortunes:pt`.
    public var name: String {
        switch self {
        case let .fortunes(language): "fortunes:\(language.rawValue)"
        case let .bible(edition): "bible:\(edition.rawValue)"
        case let .file(path): "file:\(path)"
        case let .synthetic(preset): "synthetic:\(preset.rawValue)"
        }
    }

    public var description: String { name }

    /// Every named source this module knows (file sources excluded: they name any path).
    public static var allNamed: [SourceDescriptor] {
        FortuneLanguage.allCases.map { .fortunes($0) }
            + BibleEdition.allCases.map { .bible($0) }
            + SyntheticPreset.allCases.map { .synthetic($0) }
    }

    /// The named source closest to `name` by edit distance, or nil when nothing is reasonably close.
    public static func closestName(to name: String) -> String? {
        let query = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in allNamed.map(\.name) {
            let distance = editDistance(Array(query), Array(candidate))
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        guard let best, best.distance <= max(3, query.count / 2) else { return nil }
        return best.name
    }

    /// Levenshtein distance between two character sequences.
    static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for leftIndex in 1...left.count {
            current[0] = leftIndex
            for rightIndex in 1...right.count {
                let substitution = previous[rightIndex - 1] + (left[leftIndex - 1] == right[rightIndex - 1] ? 0 : 1)
                current[rightIndex] = min(previous[rightIndex] + 1, current[rightIndex - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
