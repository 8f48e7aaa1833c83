// The `file:` corpora a spec names: relative paths resolved against the spec's folder, each checked
// to be a readable regular file as it is read, and — once the rest of the spec is valid — loaded
// to check that it holds enough text for what the planned runs read from it (one training step,
// one evaluation batch in its held-out split), and digested (SHA-256) for the runs' identity.
import Corpora
import Foundation

/// What a spec reads from files, collected while it is read.
final class SpecInputs {
    /// Absolute folder that relative `file:` paths are resolved against.
    let folder: String
    /// The `file:` corpora read in the current pass (one per profile), resolved name → the key
    /// path of their first mention.
    private(set) var references: [(source: String, keyPath: String)] = []
    /// Each file loaded once per spec, however many profiles name it.
    private var loaded: [String: Result<Corpus, CorpusError>] = [:]

    init(folder: String) {
        self.folder = folder
    }

    /// The absolute folder of the spec file `file` (a path as the user gave it).
    static func folder(of file: String) -> String {
        URL(fileURLWithPath: file).standardizedFileURL.deletingLastPathComponent().path
    }

    /// Starts a new reading pass (the spec as written, or under one profile).
    func beginPass() {
        references = []
    }

    /// `name` resolved: a `file:` path made absolute against the spec's folder (other names as they
    /// are). A file that is missing, not a regular file or unreadable is reported at `keyPath`.
    func resolve(_ name: String, at keyPath: String, diagnostics: SpecDiagnostics) -> String {
        guard case .file(let written)? = try? SourceDescriptor(parsing: name) else { return name }
        let absolute = written.hasPrefix("/") ? written : folder + "/" + written
        let path = URL(fileURLWithPath: absolute).standardizedFileURL.path
        let resolved = SourceDescriptor.file(path: path).name
        if !references.contains(where: { $0.source == resolved }) { references.append((resolved, keyPath)) }
        switch FileSource.problem(withPath: path) {
        case nil:
            break
        case .notFound?:
            let relative = written.hasPrefix("/") ? "" : " (a relative path is read from the spec's folder, \(folder))"
            diagnostics.report("no file at \(path)\(relative); check the path", at: keyPath, isMissingFile: true)
        case .notRegularFile(_, let kind)?:
            let fix = kind == .directory
                ? "name one UTF-8 text file (join a folder's files into one, e.g. `cat folder/*.txt > corpus.txt`)"
                : "name a UTF-8 text file"
            diagnostics.report("\(path) is \(kind.rawValue), not a regular file; \(fix)", at: keyPath)
        case .unreadable(_, let reason)?:
            diagnostics.report("cannot read \(path) (\(reason)); make it readable (chmod a+r) or name another file",
                               at: keyPath)
        }
        return resolved
    }

    /// The corpus of the resolved `file:` source `name`, loaded once.
    func corpus(_ name: String) -> Result<Corpus, CorpusError> {
        if let result = loaded[name] { return result }
        let result: Result<Corpus, CorpusError>
        do {
            guard case .file(let path) = try SourceDescriptor(parsing: name) else {
                throw CorpusError.unknownSource(name: name, suggestion: nil)
            }
            result = .success(try FileSource(path: path).load())
        } catch let error as CorpusError {
            result = .failure(error)
        } catch {
            result = .failure(.unreadable(path: name, reason: "\(error)"))
        }
        loaded[name] = result
        return result
    }
}

extension StudySpec {
    /// Loads every `file:` corpus of this pass, checks it holds what the planned runs read, and
    /// returns the digest of each (empty when the spec has problems, so nothing is loaded for an
    /// invalid spec). Problems are reported at the key path naming the file.
    func checkInputs(_ diagnostics: SpecDiagnostics) -> [String: String] {
        let references = diagnostics.inputs.references
        guard !references.isEmpty, diagnostics.issues.isEmpty else { return [:] }
        var digests: [String: String] = [:]
        var corpora: [String: Corpus] = [:]
        for reference in references {
            switch diagnostics.inputs.corpus(reference.source) {
            case .success(let corpus):
                guard !corpus.documents.isEmpty else {
                    diagnostics.report("\(reference.source) holds no text (\(corpus.byteCount) bytes after cleaning, 0 documents); name a UTF-8 text file with documents separated by blank lines",
                                       at: reference.keyPath)
                    continue
                }
                corpora[reference.source] = corpus
                digests[reference.source] = corpus.contentDigest
            case .failure(.invalidUTF8(let file, let offset)):
                diagnostics.report("\(file) is not UTF-8 text (first bad byte at offset \(offset)); convert it, e.g. `iconv -f LATIN1 -t UTF-8`",
                                   at: reference.keyPath)
            case .failure(let error):
                diagnostics.report("\(error)", at: reference.keyPath)
            }
        }
        guard diagnostics.issues.isEmpty, let runs = try? settings.definition.inputPlan(self) else { return digests }
        var sizes = InputSizes(corpora: corpora)
        let keyPaths = Dictionary(references.map { ($0.source, $0.keyPath) }) { first, _ in first }
        var seen: Set<InputSizes.Problem> = []
        for problem in runs.flatMap({ sizes.problems(of: $0.config) }) where seen.insert(problem).inserted {
            diagnostics.report(problem.message, at: keyPaths[problem.source] ?? "data")
        }
        return diagnostics.issues.isEmpty ? digests : [:]
    }
}

/// The sizes a run's data plan needs from its file sources, against what their splits hold.
private struct InputSizes {
    struct Problem: Hashable {
        var source: String
        var message: String
    }

    /// Bytes of a document list as a token stream (each document plus its separator).
    private struct Split {
        var training: [Document]
        var heldOut: [Document]
        var reference: [Document]
    }

    let corpora: [String: Corpus]
    private var splits: [String: Split] = [:]

    init(corpora: [String: Corpus]) {
        self.corpora = corpora
    }

    static func streamBytes(_ documents: [Document]) -> Int {
        documents.reduce(0) { $0 + $1.byteCount + 1 }
    }

    private mutating func split(_ source: String, plan: DataPlan) -> Split? {
        guard let corpus = corpora[source] else { return nil }
        let fractions = DataProvider.splitFractions(source, plan: plan)
        let key = "\(source)|\(fractions.validation)|\(fractions.test)"
        if let split = splits[key] { return split }
        guard let divided = try? SplitCorpus(corpus.documents, fractions: fractions) else { return nil }
        let split = Split(training: divided.train, heldOut: divided.validation, reference: divided.test)
        splits[key] = split
        return split
    }

    /// What `config`'s file sources cannot give it.
    mutating func problems(of config: RunConfig) -> [Problem] {
        let plan = config.data
        let batch = config.batchSize, context = config.contextLength
        var problems: [Problem] = []
        let totalShare = plan.components.map(\.share).reduce(0, +)
        for component in plan.components {
            guard let split = split(component.source, plan: plan) else { continue }
            let once = Self.streamBytes(split.training)
            let available = once * max(1, component.epochs)
            let heldOut = Int((plan.validationFraction * 100).rounded())
            let oneStep = batch * context + 1
            if available < oneStep {
                problems.append(Problem(source: component.source, message: "\(component.source) holds \(available) bytes of training text once \(heldOut) % of its documents are held out, fewer than one training step reads (batch_size \(batch) × context \(context) + 1 = \(oneStep) bytes); use a larger file or lower training.batch_size or training.context"))
            } else if !plan.repeatsWhenExhausted {
                let share = totalShare > 0 ? component.share / totalShare : 1
                let needed = Int((Double(config.tokens) * share).rounded(.up)) + 1
                if available < needed {
                    problems.append(Problem(source: component.source, message: "\(component.source) holds \(once) bytes of training text once \(heldOut) % of its documents are held out, but a run reads \(needed) bytes from it \(component.epochs > 1 ? "in at most \(component.epochs) passes (\(available) bytes)" : "without repeating any"); use a larger file or lower the runs' token budget"))
                }
            }
            if case .heldOut(let fraction)? = plan.quality?.reference, component.source == plan.components.first?.source,
               split.reference.isEmpty {
                problems.append(Problem(source: component.source, message: "\(component.source) leaves no document for the quality model's clean reference (\(Int((fraction * 100).rounded())) % of its documents); use a larger file with more documents or raise data.reference_fraction"))
            }
        }
        let oneBatch = batch * (context + 1)
        for set in plan.resolvedEvaluationSets {
            guard let split = split(set.source, plan: plan) else { continue }
            var documents = split.heldOut
            var which = "held-out split"
            if let fraction = set.bestQualityFraction {
                // Which documents score best is known only after scoring; the largest ones bound it.
                let keep = max(1, Int((fraction * Double(documents.count)).rounded()))
                documents = Array(documents.sorted { $0.byteCount > $1.byteCount }.prefix(keep))
                which = "evaluation set '\(set.name)' (the best-scoring \(Int((fraction * 100).rounded())) % of its held-out split)"
            }
            let bytes = Self.streamBytes(documents)
            if bytes < oneBatch {
                problems.append(Problem(source: set.source, message: "\(set.source): its \(which) holds \(bytes) bytes in \(documents.count) document\(documents.count == 1 ? "" : "s") with data.validation_fraction \(SpecFormat.number(plan.validationFraction)), fewer than one evaluation batch (batch_size \(batch) × (context \(context) + 1) = \(oneBatch) bytes); use a larger file with more documents (they are separated by blank lines), raise data.validation_fraction or lower training.batch_size"))
            }
        }
        return problems
    }
}
