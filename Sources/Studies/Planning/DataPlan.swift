// Which bytes a run trains on and is measured on: sources and their pools (corruption, fixed
// subsets, epochs), document order, the quality metric, what happens when the pool runs out, and
// the named evaluation sets. Every field changes the bytes the trainer sees or the evaluation it
// gets (DataPlanTests prove it field by field); all of it enters the run's hash.
//
// How a source enters the hash: a `file:` source by the SHA-256 of its bytes (`contentDigests`),
// not by its path, so editing the file retrains exactly the runs that read it and moving it
// retrains nothing. Debian-package sources (`fortunes:`, `bible:`) by name: their text is fixed by
// the Debian 12 package version `make deps` installs (the corpus cache is keyed by that version,
// the run hash is not). Synthetic sources by name: their text is a pure function of the
// generator's code, so a change to the generator must change `TrainingCoreVersion.current`.

/// Order in which training documents are seen.
public enum DataOrder: String, CaseIterable, Sendable, Codable {
    /// Shuffled by the run's seed (reshuffled every epoch).
    case uniform
    /// Lowest quality first, best data last (the curriculum of Luo et al. 2025).
    case ascending
    /// Best data first.
    case descending
}

public struct DataPlan: Codable, Sendable, Hashable {
    /// The evaluation set of a plan that names none: the held-out split of the first source.
    public static let defaultEvaluationSet = "validation"

    /// One source of the training stream and its share of the training bytes.
    public struct Component: Codable, Sendable, Hashable {
        /// Corpus source name, e.g. `bible:kjv`.
        public var source: String
        /// Share of training bytes (relative to the other components).
        public var share: Double
        /// Only a fixed subset of the source's training pool whose stream (text plus a separator
        /// per document) just exceeds this many bytes, so a run of that many tokens reads all of it
        /// once: the same documents for every run seed (chosen by the plan's data seed), nested so a
        /// larger budget extends a smaller one; nil = the whole pool.
        public var byteBudget: Int?
        /// Take the byte budget's subset from the best-scoring documents under the plan's quality
        /// metric instead of the data seed's fixed order (needs a byte budget and a metric).
        public var subsetByQuality: Bool
        /// Passes over the component's documents; a uniform order is reshuffled every pass.
        public var epochs: Int
        /// Graded corruption mixed into the pool, e.g. [0, 0.1, 0.3, 0.6]: each document gets a level
        /// and a kind of damage drawn with the data seed; empty = clean.
        public var corruptionLevels: [Double]

        public init(source: String, share: Double = 1, byteBudget: Int? = nil, subsetByQuality: Bool = false,
                    epochs: Int = 1, corruptionLevels: [Double] = []) {
            self.source = source
            self.share = share
            self.byteBudget = byteBudget
            self.subsetByQuality = subsetByQuality
            self.epochs = epochs
            self.corruptionLevels = corruptionLevels
        }
    }

    /// Where the reference model of the quality metric learns what good text is.
    public enum QualityReference: Codable, Sendable, Hashable {
        /// A clean held-out fraction of the first component's source, never trained on (`reference: self`).
        case heldOut(fraction: Double)
        /// Every document of another corpus.
        case corpus(String)
    }

    /// The quality metric: bits per byte under an order-k byte n-gram trained on the reference
    /// (lower bits per byte = higher quality).
    public struct QualityMetric: Codable, Sendable, Hashable {
        public var ngramOrder: Int
        public var reference: QualityReference

        public init(ngramOrder: Int, reference: QualityReference) {
            self.ngramOrder = ngramOrder
            self.reference = reference
        }
    }

    /// A named held-out set the run is measured on at every evaluation step.
    public struct EvaluationSet: Codable, Sendable, Hashable {
        /// Series name in the store, e.g. `validation`, `high-quality`, `clean`, `general`.
        public var name: String
        /// Source whose held-out split is used.
        public var source: String
        /// Corrupt the held-out documents as the source's training pool is corrupted.
        public var corrupted: Bool
        /// Keep only this fraction of the held-out documents, those with the best quality score; nil = all.
        public var bestQualityFraction: Double?

        public init(name: String, source: String, corrupted: Bool = false, bestQualityFraction: Double? = nil) {
            self.name = name
            self.source = source
            self.corrupted = corrupted
            self.bestQualityFraction = bestQualityFraction
        }
    }

    public var components: [Component]
    public var order: DataOrder
    /// Needed by quality orders and best-quality evaluation sets; nil = none.
    public var quality: QualityMetric?
    /// Fraction of documents held out for validation (by document hash).
    public var validationFraction: Double
    /// Seed of everything about the data that must not change between paired runs: corruption and
    /// subsets. The run's own seed only shuffles.
    public var dataSeed: Int
    /// When the run needs more bytes than its stream (or one source of a mixture) holds: read it
    /// again from its start (true; more epochs than planned, so the report must say so) or refuse
    /// before training (false).
    public var repeatsWhenExhausted: Bool
    /// The held-out sets; empty = one `validation` set on the first source. The first is the run's
    /// headline loss.
    public var evaluationSets: [EvaluationSet]
    /// SHA-256 (64 hex digits) of the bytes of each `file:` source the plan reads, by source name;
    /// nil when it reads none (and then absent from the canonical JSON, so plans without files
    /// keep their hashes). Training refuses a file whose bytes no longer match.
    public var contentDigests: [String: String]?

    public init(components: [Component], order: DataOrder = .uniform, quality: QualityMetric? = nil,
                validationFraction: Double, dataSeed: Int = 0, repeatsWhenExhausted: Bool = false,
                evaluationSets: [EvaluationSet] = [], contentDigests: [String: String]? = nil) {
        self.components = components
        self.order = order
        self.quality = quality
        self.validationFraction = validationFraction
        self.dataSeed = dataSeed
        self.repeatsWhenExhausted = repeatsWhenExhausted
        self.evaluationSets = evaluationSets
        self.contentDigests = contentDigests
    }

    /// Every source the plan reads: components, evaluation sets and a quality reference corpus,
    /// each once, in that order.
    public var sourceNames: [String] {
        var names = components.map(\.source) + resolvedEvaluationSets.map(\.source)
        if case .corpus(let name)? = quality?.reference { names.append(name) }
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// The plan as its run's identity sees it: each source with a digest renamed
    /// `sha256:<digest>`, so the hash covers a file's bytes and not where it lies.
    var contentAddressed: DataPlan {
        guard let digests = contentDigests else { return self }
        func identity(_ source: String) -> String { digests[source].map { "sha256:" + $0 } ?? source }
        var plan = self
        plan.contentDigests = nil
        plan.components = components.map { var component = $0; component.source = identity($0.source); return component }
        plan.evaluationSets = evaluationSets.map { var set = $0; set.source = identity($0.source); return set }
        if case .corpus(let name)? = quality?.reference { plan.quality?.reference = .corpus(identity(name)) }
        return plan
    }

    /// The evaluation sets, with the default when none is named.
    public var resolvedEvaluationSets: [EvaluationSet] {
        evaluationSets.isEmpty
            ? [EvaluationSet(name: Self.defaultEvaluationSet, source: components.first?.source ?? "")]
            : evaluationSets
    }
}
