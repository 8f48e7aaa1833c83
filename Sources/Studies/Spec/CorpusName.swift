// Checks corpus source names in specs (`fortunes:en`, `bible:kjv`, `synthetic:alpha`, `file:path`).

enum CorpusName {
    static let fortuneLanguages = ["en", "de", "es", "it", "pl", "cs", "ru", "bg", "eo", "ga", "pt", "zh"]
    static let bibles = ["kjv", "web", "sparv"]
    static let families = ["fortunes", "bible", "synthetic", "file"]

    /// Every fixed source name, for suggestions.
    static var knownNames: [String] {
        fortuneLanguages.map { "fortunes:\($0)" } + bibles.map { "bible:\($0)" }
    }

    /// Nil when `name` is a valid source name, otherwise what is wrong and what is allowed.
    static func problem(with name: String) -> String? {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            return "found '\(name)'\(Suggestion.phrase(for: name, among: knownNames)); a corpus is `family:name` with family one of \(families.joined(separator: ", ")) (e.g. fortunes:en, bible:kjv, synthetic:alpha, file:path/to/text)"
        }
        let (family, member) = (parts[0], parts[1])
        switch family {
        case "fortunes" where fortuneLanguages.contains(member),
             "bible" where bibles.contains(member):
            return nil
        case "synthetic" where member.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }):
            return nil
        case "file":
            return nil
        default:
            return "unknown corpus '\(name)'\(Suggestion.phrase(for: name, among: knownNames)) (known: \(knownNames.joined(separator: ", ")), synthetic:<name>, file:<path>)"
        }
    }
}

extension MappingReader {
    /// Reads a corpus source name and checks it names a known source family and member.
    func corpus(_ key: String, default fallback: String?) -> String {
        let name = string(key, default: fallback, example: "fortunes:en")
        if contains(key), let problem = CorpusName.problem(with: name) {
            diagnostics.report(problem, at: childPath(key))
        }
        return name
    }

    /// Reads a list of corpus source names.
    func corpora(_ key: String, default fallback: [String]?, minimumCount: Int = 1) -> [String] {
        let names = strings(key, default: fallback, minimumCount: minimumCount)
        if contains(key) {
            for (index, name) in names.enumerated() {
                if let problem = CorpusName.problem(with: name) {
                    diagnostics.report(problem, at: "\(childPath(key))[\(index)]")
                }
            }
        }
        return names
    }
}
