// Checks corpus source names in specs against the names Corpora knows (`fortunes:en`, `bible:kjv`,
// `synthetic:alpha`, `synthetic:alpha@2M`, `file:path`); `file:` paths are resolved and checked by `SpecInputs`.
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
    /// Reads a corpus source name and checks that Corpora knows it; a `file:` name comes back
    /// with its path made absolute (against the spec's folder) and checked.
    func corpus(_ key: String, default fallback: String?) -> String {
        let name = string(key, default: fallback, example: "fortunes:en")
        guard contains(key) else { return name }
        return checkedCorpus(name, at: childPath(key))
    }

    /// Reads a list of corpus source names, each checked and resolved as `corpus` does.
    func corpora(_ key: String, default fallback: [String]?, minimumCount: Int = 1) -> [String] {
        let names = strings(key, default: fallback, minimumCount: minimumCount)
        guard contains(key) else { return names }
        return names.enumerated().map { index, name in checkedCorpus(name, at: "\(childPath(key))[\(index)]") }
    }

    /// `name` checked (a known source, or a readable regular file) and resolved; `extraAdvice`
    /// ends the message of an unknown name.
    func checkedCorpus(_ name: String, at keyPath: String, extraAdvice: String = "") -> String {
        if let problem = CorpusName.problem(with: name) {
            diagnostics.report(problem + extraAdvice, at: keyPath)
            return name
        }
        return diagnostics.inputs.resolve(name, at: keyPath, diagnostics: diagnostics)
    }
}
