// Checks corpus source names in specs against the names Corpora knows (`fortunes:en`, `bible:kjv`,
// `synthetic:alpha`, `synthetic:alpha@2M`, `file:path`).
import Corpora

enum CorpusName {
    /// Every fixed source name, for messages.
    static var knownNames: [String] {
        SourceDescriptor.allNamed.map(\.name)
    }

    /// Nil when `name` is a valid source name, otherwise what is wrong and what is allowed: an
    /// unknown name gets the closest known one, a bad size (`synthetic:alpha@2G`) the size grammar.
    static func problem(with name: String) -> String? {
        do {
            _ = try SourceDescriptor(parsing: name)
            return nil
        } catch CorpusError.invalidParameter(_, let reason) {
            return "corpus '\(name)': \(reason)"
        } catch {
            let suggestion = SourceDescriptor.closestName(to: name).map { "; did you mean '\($0)'?" } ?? ""
            return "unknown corpus '\(name)'\(suggestion) (known: \(knownNames.joined(separator: ", ")), "
                + "synthetic:<name>@<bytes>, file:<path>)"
        }
    }
}

extension MappingReader {
    /// Reads a corpus source name and checks that Corpora knows it.
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
