// Settings of the `multilingual-curse` study (STUDIES.md §4): target languages at nested data
// sizes, added languages by similarity, monolingual baselines, and verdict thresholds.

/// Which added languages a multilingual arm draws from.
public enum SimilarityArm: String, CaseIterable, Sendable, Codable {
    /// The languages most similar to the target (measured n-gram overlap, family, script).
    case similar
    /// The least similar ones.
    case dissimilar
}

public struct MultilingualCurseSettings: Sendable, Equatable, Codable {
    /// Target language sources, e.g. `fortunes:es`.
    public var targets: [String]
    /// Candidate added languages; similar and dissimilar ones are chosen from these by rule.
    public var pool: [String]
    public var validationFraction: Double
    /// Nested target data sizes in bytes (low ⊂ medium ⊂ high), ascending.
    public var targetBytes: [Int]
    /// Added multilingual data as multiples of the target size (0 = monolingual).
    public var addedMultiples: [Double]
    public var similarity: [SimilarityArm]
    /// Monolingual baseline sizes in bytes (at least 3) for the data-equivalence curve.
    public var baselineBytes: [Int]
    /// Training tokens (bytes) per run.
    public var tokens: Int
    /// A change in equivalent data smaller than this (percent) counts as no change.
    public var minimumEffectPercent: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> MultilingualCurseSettings {
        let settings = MultilingualCurseSettings(
            targets: data.corpora("targets", default: nil),
            pool: data.corpora("pool", default: nil, minimumCount: 2),
            validationFraction: data.double("validation_fraction", default: 0.05, bound: .openUnitInterval),
            targetBytes: protocolReader.ints("target_bytes", default: nil, bound: .atLeast(1)),
            addedMultiples: protocolReader.doubles("added_multiples", default: [0, 1, 10, 100], bound: .nonNegative),
            similarity: protocolReader.choices("similarity", default: [.similar, .dissimilar]),
            baselineBytes: protocolReader.ints("baseline_bytes", default: nil, bound: .atLeast(1), minimumCount: 3),
            tokens: protocolReader.int("tokens", default: nil, bound: .atLeast(1)),
            minimumEffectPercent: verdicts.double("minimum_effect_percent", default: 5, bound: .nonNegative))
        if settings.targetBytes != settings.targetBytes.sorted() || Set(settings.targetBytes).count != settings.targetBytes.count {
            protocolReader.diagnostics.report(
                "found \(settings.targetBytes), expected strictly increasing sizes (nested subsets low ⊂ medium ⊂ high)",
                at: protocolReader.childPath("target_bytes"))
        }
        for (index, target) in settings.targets.enumerated() where settings.pool.contains(target) {
            data.diagnostics.report("'\(target)' is both a target and in the added-language pool; remove it from one",
                                    at: "\(data.childPath("targets"))[\(index)]")
        }
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension MultilingualCurseSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        [SpecBudget(keyPath: "protocol.tokens", bytes: tokens)]
            + targetBytes.enumerated().map {
                SpecBudget(keyPath: "protocol.target_bytes[\($0.offset)]", bytes: $0.element, requirement: .longerThanContext)
            }
            + baselineBytes.enumerated().map {
                SpecBudget(keyPath: "protocol.baseline_bytes[\($0.offset)]", bytes: $0.element, requirement: .longerThanContext)
            }
    }

    func summary(_ spec: StudySpec) -> String {
        "\(spec.modelCountText), \(targets.count) targets × \(targetBytes.count) sizes × \(addedMultiples.count) added amounts"
    }
}
