// Turns a run's data plan into token streams: loads corpora once (through the on-disk cache),
// splits them by document hash, builds each source's pool (corruption, fixed subsets), orders it
// (seeded shuffle or by quality score), repeats epochs, mixes sources, and builds the named
// held-out evaluation sets. Shared by concurrent runs, so pools, quality models and scores are
// cached behind locks for the life of the process.
import Corpora
import Digests
import Foundation
import Synchronization

/// Training stream and evaluation sets of one run.
public struct RunData: Sendable {
    public var training: TokenStream
    /// Named held-out streams in plan order (the first is the headline); never empty.
    public var evaluation: [(name: String, stream: TokenStream)]
}

/// A source's training documents after corruption, with the level each document got.
public struct TrainingPool: Sendable {
    public var documents: [Document]
    /// Corruption level of each document (0 = clean), same order as `documents`.
    public var corruptionLevels: [Double]
}

/// A data plan that cannot give the run what it asks for.
public enum DataPlanError: Error, CustomStringConvertible {
    case poolTooSmall(source: String, availableBytes: Int, neededBytes: Int)
    case orderedStreamNotReached(order: DataOrder, streamBytes: Int, readBytes: Int)
    case qualityMetricMissing(use: String)
    case emptyEvaluationSet(name: String, source: String)
    case repeatedSource(String)
    case qualitySubsetWithoutBudget(source: String)
    case inputChanged(source: String, planned: String, found: String)

    public var description: String {
        switch self {
        case .poolTooSmall(let source, let available, let needed):
            return "the training data from \(source) holds \(available) bytes but the run reads \(needed); lower the run's token budget or allow repeated passes (epochs)"
        case .orderedStreamNotReached(let order, let stream, let read):
            return "a run in \(order.rawValue) quality order reads \(read) of its \(stream) stream bytes, more than one document short of the end of its curriculum; give its source a byte budget equal to the run's tokens"
        case .qualityMetricMissing(let use):
            return "\(use) needs a quality metric, but the run's data plan has none; set data.reference and data.ngram_order"
        case .qualitySubsetWithoutBudget(let source):
            return "the best-quality subset of \(source) needs a byte budget (how much of the best to take); give the component a byte budget"
        case .repeatedSource(let source):
            return "the data plan names \(source) in two components; a source's pool and corruption are per source, so give each source once (and raise its share)"
        case .inputChanged(let source, let planned, let found):
            return "\(source) changed after the study was planned (SHA-256 \(planned.prefix(12))… when planned, \(found.prefix(12))… now); run the study again to train the runs that read it on its new content"
        case .emptyEvaluationSet(let name, let source):
            return "the evaluation set '\(name)' has no held-out documents of \(source); raise data.validation_fraction"
        }
    }
}

public final class DataProvider: Sendable {
    private let catalog: CorpusCatalog
    private let corpora = Mutex<[String: Corpus]>([:])
    private let pools = Mutex<[PoolKey: TrainingPool]>([:])
    private let scorers = Mutex<[ScorerKey: QualityScorer]>([:])
    /// Bits per byte of documents already scored, by reference model and content hash.
    private let scoreCache = Mutex<[ScorerKey: [UInt64: Double]]>([:])

    /// What a reference model is trained on: the metric names a held-out fraction or a corpus, but
    /// a held-out fraction is of the plan's first source, so two plans with equal metrics on
    /// different sources have different models.
    private struct ScorerKey: Hashable {
        var metric: DataPlan.QualityMetric
        /// The source the reference is held out of; nil for a corpus reference.
        var heldOutSource: String?

        init(_ metric: DataPlan.QualityMetric, plan: DataPlan) {
            self.metric = metric
            if case .heldOut = metric.reference { heldOutSource = plan.components.first?.source }
        }
    }

    private struct PoolKey: Hashable {
        var source: String
        var fractions: SplitFractions
        var levels: [Double]
        var seed: Int
        var heldOut: Bool
    }

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

    /// The split of `source` under `plan`: validation as planned, and the quality reference's
    /// clean held-out fraction (the `test` split) when it is taken from this source.
    func split(_ source: String, plan: DataPlan) throws -> SplitCorpus {
        try SplitCorpus(corpus(source).documents, fractions: Self.splitFractions(source, plan: plan))
    }

    /// The split fractions of `source` under `plan` (spec validation checks file sizes with them).
    static func splitFractions(_ source: String, plan: DataPlan) -> SplitFractions {
        var reference = 0.0
        if case .heldOut(let fraction)? = plan.quality?.reference, source == plan.components.first?.source {
            reference = fraction
        }
        return SplitFractions(validation: plan.validationFraction, test: reference)
    }

    /// The training pool of `source` under `plan` (its training split, corrupted as planned), or
    /// with `heldOut` its validation split corrupted the same way (other draws of the data seed).
    public func pool(_ source: String, plan: DataPlan, heldOut: Bool = false) throws -> TrainingPool {
        let levels = plan.components.first { $0.source == source }?.corruptionLevels ?? []
        let key = PoolKey(source: source, fractions: Self.splitFractions(source, plan: plan), levels: levels,
                          seed: plan.dataSeed, heldOut: heldOut)
        if let pool = pools.withLock({ $0[key] }) { return pool }
        let split = try split(source, plan: plan)
        let documents = heldOut ? split.validation : split.train
        let pool: TrainingPool
        if levels.isEmpty {
            pool = TrainingPool(documents: documents, corruptionLevels: Array(repeating: 0, count: documents.count))
        } else {
            let seed = FNV1a64.mix(UInt64(plan.dataSeed) ^ (heldOut ? 0x4845_4C44 : 0))
            let corrupted = Corruption.mixedQuality(documents, levels: levels, seed: seed)
            pool = TrainingPool(documents: corrupted.map(\.document), corruptionLevels: corrupted.map(\.level))
        }
        pools.withLock { $0[key] = pool }
        return pool
    }

    /// The reference model of `metric` for `plan`, trained once per process.
    public func scorer(_ metric: DataPlan.QualityMetric, plan: DataPlan) throws -> QualityScorer {
        let key = ScorerKey(metric, plan: plan)
        if let scorer = scorers.withLock({ $0[key] }) { return scorer }
        let reference: [Document]
        switch metric.reference {
        case .heldOut:
            reference = try split(plan.components[0].source, plan: plan).test
        case .corpus(let name):
            reference = try corpus(name).documents
        }
        let scorer = try QualityScorer(order: metric.ngramOrder, reference: reference)
        scorers.withLock { $0[key] = scorer }
        return scorer
    }

    /// Quality scores of `documents` under the plan's metric (cached by content).
    public func qualityScores(_ documents: [Document], plan: DataPlan, use: String) throws -> [QualityScore] {
        guard let metric = plan.quality else { throw DataPlanError.qualityMetricMissing(use: use) }
        let scorer = try scorer(metric, plan: plan)
        let key = ScorerKey(metric, plan: plan)
        let known = scoreCache.withLock { $0[key] ?? [:] }
        let missing = documents.filter { known[$0.contentHash] == nil }
        let fresh = scorer.scores(missing)
        var merged = known
        for (document, score) in zip(missing, fresh) { merged[document.contentHash] = score.bitsPerByte }
        scoreCache.withLock { cache in cache[key, default: [:]].merge(merged) { old, _ in old } }
        return documents.map { QualityScore(bitsPerByte: merged[$0.contentHash] ?? 0) }
    }

    /// The streams of `plan` for a run with `seed` that reads `trainingBytes` bytes.
    /// - Throws: `DataPlanError` when the plan cannot supply the run.
    public func data(for plan: DataPlan, seed: Int, trainingBytes: Int) throws -> RunData {
        try checkDigests(plan)
        var seen: Set<String> = []
        if let repeated = plan.components.first(where: { !seen.insert($0.source).inserted }) {
            throw DataPlanError.repeatedSource(repeated.source)
        }
        var components: [MixtureComponent] = []
        for component in plan.components {
            var documents = try pool(component.source, plan: plan).documents
            if let budget = component.byteBudget {
                if component.subsetByQuality {
                    let scores = try qualityScores(documents, plan: plan, use: "a best-quality subset of \(component.source)")
                    let best = try DocumentOrder.descendingQuality.apply(to: documents, scores: scores)
                    documents = Self.subset(best, streamBytes: budget, salt: nil)
                } else {
                    documents = Self.subset(documents, streamBytes: budget, salt: UInt64(plan.dataSeed))
                }
            } else if component.subsetByQuality {
                throw DataPlanError.qualitySubsetWithoutBudget(source: component.source)
            }
            documents = try ordered(documents, plan: plan, seed: seed, epochs: component.epochs)
            // A subset holds whole documents, so its stream overshoots its budget by up to one
            // document: scale the planned share by that overshoot, so the budgeted components of a
            // mixture run out together instead of one restarting while the others still have bytes.
            var weight = component.share
            if let budget = component.byteBudget, budget > 0 {
                let streamBytes = documents.reduce(0) { $0 + $1.byteCount + 1 }
                weight *= Double(streamBytes) / Double(budget * component.epochs)
            }
            components.append(MixtureComponent(name: component.source, documents: documents, weight: weight))
        }
        let documents = components.count == 1
            ? components[0].documents
            : try Mixture.mix(components, totalBytes: trainingBytes + 1)  // the last target byte too
        let training = TokenStream(documents: documents)
        if training.count < trainingBytes + 1, !plan.repeatsWhenExhausted {
            throw DataPlanError.poolTooSmall(source: plan.components.map(\.source).joined(separator: " + "),
                                            availableBytes: training.count, neededBytes: trainingBytes + 1)
        }
        if components.count > 1, !plan.repeatsWhenExhausted {
            // A mixture starts a component over when it runs out: refuse that like a short stream.
            // Components are told apart by document id (ids are unique within a source).
            let read = documents.prefix(training.documentOffsets.prefix { $0 <= trainingBytes }.count)
            for component in components {
                let ids = Set(component.documents.map(\.id))
                let drawn = read.filter { ids.contains($0.id) }
                if drawn.count > component.documents.count {
                    throw DataPlanError.poolTooSmall(source: component.name,
                                                    availableBytes: TokenStream(documents: component.documents).count,
                                                    neededBytes: TokenStream(documents: Array(drawn)).count)
                }
            }
        }
        // A subset is cut to the budget in subset order, so once sorted up to one document's
        // worth of bytes may stay unread; more than that means the curriculum's end is never seen.
        let longest = documents.map(\.byteCount).max() ?? 0
        if plan.order != .uniform, training.count - (trainingBytes + 1) > longest + 1 {
            throw DataPlanError.orderedStreamNotReached(order: plan.order, streamBytes: training.count, readBytes: trainingBytes)
        }
        let evaluation = try plan.resolvedEvaluationSets.map { set in
            (name: set.name, stream: TokenStream(documents: try evaluationDocuments(set, plan: plan)))
        }
        return RunData(training: training, evaluation: evaluation)
    }

    /// Refuses a `file:` source whose bytes, as loaded in this process, are not the bytes the run
    /// was planned with (the file was edited since): its results would be stored under the old
    /// content's identity.
    func checkDigests(_ plan: DataPlan) throws {
        for (source, planned) in (plan.contentDigests ?? [:]).sorted(by: { $0.key < $1.key }) {
            let found = try corpus(source).contentDigest
            if found != planned {
                throw DataPlanError.inputChanged(source: source, planned: planned, found: found ?? "none")
            }
        }
    }

    /// The shortest prefix of the fixed subset order (nested across budgets) whose stream — text
    /// plus one separator per document — holds more than `streamBytes` bytes, so a run reading
    /// `streamBytes` bytes reads every document of it, the last one at least in part.
    /// With no salt, `documents` are taken in the order given (e.g. best quality first).
    static func subset(_ documents: [Document], streamBytes: Int, salt: UInt64?) -> [Document] {
        var total = 0
        var count = 0
        let ordered = salt.map { NestedSubsets.order(documents, salt: $0) } ?? documents
        while count < ordered.count, total <= streamBytes {
            total += ordered[count].byteCount + 1
            count += 1
        }
        return Array(ordered.prefix(count))
    }

    /// `documents` in the plan's order, repeated `epochs` times (a uniform order reshuffled each time).
    private func ordered(_ documents: [Document], plan: DataPlan, seed: Int, epochs: Int) throws -> [Document] {
        switch plan.order {
        case .uniform:
            return try Epochs.repeated(documents, count: epochs, reshuffleSeed: UInt64(seed))
        case .ascending, .descending:
            let scores = try qualityScores(documents, plan: plan, use: "a \(plan.order.rawValue) quality order")
            let order: DocumentOrder = plan.order == .ascending ? .ascendingQuality : .descendingQuality
            return try Epochs.repeated(order.apply(to: documents, scores: scores), count: epochs)
        }
    }

    /// The held-out documents of one evaluation set.
    public func evaluationDocuments(_ set: DataPlan.EvaluationSet, plan: DataPlan) throws -> [Document] {
        var documents = set.corrupted
            ? try pool(set.source, plan: plan, heldOut: true).documents
            : try split(set.source, plan: plan).validation
        if let fraction = set.bestQualityFraction {
            let scores = try qualityScores(documents, plan: plan, use: "the evaluation set '\(set.name)'")
            let keep = max(1, Int((fraction * Double(documents.count)).rounded()))
            let best = Set(zip(documents.indices, scores).sorted { ($0.1.bitsPerByte, $0.0) < ($1.1.bitsPerByte, $1.0) }
                .prefix(keep).map(\.0))
            documents = documents.indices.filter(best.contains).map { documents[$0] }
        }
        guard !documents.isEmpty else { throw DataPlanError.emptyEvaluationSet(name: set.name, source: set.source) }
        return documents
    }
}
