// Source names (`fortunes:de`, `bible:kjv`, `file:/path`, `synthetic:alpha`, `synthetic:alpha@2M`)
// parsed into values, and the closest-name suggestion used in error messages.

/// Which corpus a source name denotes.
public enum SourceDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// A Debian fortune database in one language.
    case fortunes(FortuneLanguage)
    /// One of the three Bibles.
    case bible(BibleEdition)
    /// A UTF-8 file or a folder of them.
    case file(path: String)
    /// A named synthetic-language preset: `SyntheticPreset.defaultDocumentCount` documents when
    /// `byteCount` is nil (`synthetic:alpha`), otherwise documents until the text holds `byteCount`
    /// bytes (`synthetic:alpha@2M`; see `SyntheticSize` for the grammar).
    case synthetic(SyntheticPreset, byteCount: Int? = nil)

    /// Parses `kind:argument`. Throws `CorpusError.unknownSource` with the closest valid name, or
    /// `CorpusError.invalidParameter` for a size that is malformed, out of `SyntheticSize.allowed`
    /// or given to a source other than a synthetic language.
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
            try SourceDescriptor.refuseSize(in: trimmed, argument: argument) { FortuneLanguage(rawValue: $0) != nil }
        case "bible":
            if let edition = BibleEdition(rawValue: argument.lowercased()) {
                self = .bible(edition)
                return
            }
            try SourceDescriptor.refuseSize(in: trimmed, argument: argument) { BibleEdition(rawValue: $0) != nil }
        case "file":
            if !argument.isEmpty {
                self = .file(path: argument)
                return
            }
        case "synthetic":
            let parts = argument.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            if let preset = SyntheticPreset(rawValue: parts[0].lowercased()) {
                self = .synthetic(preset, byteCount: try parts.dropFirst().first.map {
                    try SyntheticSize.bytes(String($0), in: trimmed)
                })
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
        case let .synthetic(preset, byteCount):
            "synthetic:\(preset.rawValue)" + (byteCount.map { "@" + SyntheticSize.name($0) } ?? "")
        }
    }

    public var description: String { name }

    /// Throws when `argument` is a valid member followed by `@size`: only synthetic languages take a size.
    private static func refuseSize(in name: String, argument: String, isMember: (String) -> Bool) throws {
        let parts = argument.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, isMember(parts[0].lowercased()) else { return }
        let plain = name.prefix { $0 != "@" }
        throw CorpusError.invalidParameter(name: "size in '\(name)'", reason: "only synthetic languages take a size "
            + "(synthetic:<language>@<bytes>); '\(plain)' has the size of its text")
    }

    /// Every named source this module knows (file sources excluded: they name any path), each in
    /// its plain form (synthetic languages without a size).
    public static var allNamed: [SourceDescriptor] {
        FortuneLanguage.allCases.map { .fortunes($0) }
            + BibleEdition.allCases.map { .bible($0) }
            + SyntheticPreset.allCases.map { .synthetic($0) }
    }

    /// The named source closest to `name` by edit distance, or nil when nothing is reasonably close.
    /// A size (`@2M`) is kept when the closest name is a synthetic language.
    public static func closestName(to name: String) -> String? {
        let trimmed = name.trimmingWhitespace()
        if let at = trimmed.firstIndex(of: "@") {
            guard let plain = closestName(to: String(trimmed[..<at])) else { return nil }
            return plain.hasPrefix("synthetic:") ? plain + trimmed[at...] : plain
        }
        let query = trimmed.lowercased()
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
