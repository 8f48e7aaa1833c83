// Turns a run's data plan into token streams: loads corpora once (through the on-disk cache),
// splits them by document hash, orders and mixes the training documents, and builds the fixed
// held-out evaluation batches. Shared by concurrent runs, so everything is cached behind a lock.
import Corpora
import Foundation
import Synchronization

/// Training stream and evaluation sets of one run.
public struct RunData: Sendable {
    public var training: TokenStream
    /// Named held-out streams (`validation`, or e.g. `general` and `domain`); never empty.
    public var evaluation: [(name: String, stream: TokenStream)]
}

public final class DataProvider: Sendable {
    private let catalog: CorpusCatalog
    private let corpora = Mutex<[String: Corpus]>([:])

    /// - Parameter cacheDirectory: where cleaned corpora are cached between invocations.
    public init(cacheDirectory: String) {
        catalog = CorpusCatalog(cache: CorpusCache(directory: cacheDirectory))
    }

    /// The corpus `name`, loaded once per process.
    public func corpus(_ name: String) throws -> Corpus {
        try corpora.withLock { loaded in
            if let corpus = loaded[name] { return corpus }
            let corpus = try catalog.load(name)
            loaded[name] = corpus
            return corpus
        }
    }

    /// The train / validation split of `source` (document-hash based, so stable across budgets).
    public func split(_ source: String, validationFraction: Double) throws -> SplitCorpus {
        try SplitCorpus(corpus(source).documents, fractions: SplitFractions(validation: validationFraction, test: 0))
    }

    /// The streams of `plan` for a run with `seed`.
    public func data(for plan: DataPlan, seed: Int) throws -> RunData {
        var components: [MixtureComponent] = []
        for component in plan.components {
            var documents = try split(component.source, validationFraction: plan.validationFraction).train
            if let budget = component.byteBudget {
                documents = NestedSubsets.subset(documents, byteBudget: budget)
            }
            components.append(MixtureComponent(name: component.source, documents: documents, weight: component.share))
        }
        let documents: [Document]
        if components.count == 1 {
            documents = components[0].documents
        } else {
            let total = components.map { $0.documents.reduce(0) { $0 + $1.byteCount } }.reduce(0, +)
            documents = try Mixture.mix(components, totalBytes: total)
        }
        let ordered = try DocumentOrder.shuffled(seed: UInt64(seed)).apply(to: documents)
        let evaluationSource = plan.evaluationSource ?? plan.components[0].source
        let validation = try split(evaluationSource, validationFraction: plan.validationFraction).validation
        return RunData(training: TokenStream(documents: ordered),
                       evaluation: [("validation", TokenStream(documents: validation))])
    }
}
