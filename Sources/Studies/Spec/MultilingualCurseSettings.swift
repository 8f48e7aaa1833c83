// Settings of the `multilingual-curse` study (STUDIES.md §4 and "Multilingual curse" under the
// tiny-scale protocols): a target language at low / high resource levels with a fixed number of
// epochs each, added data from similar and dissimilar languages in absolute bytes (one pass),
// monolingual baselines for the equivalent-data curve, and verdict thresholds.

/// A target resource level: nested target bytes read for a fixed number of epochs (Chang et al.:
/// 20 / 10 / 2 epochs for low / medium / high).
public struct ResourceLevel: Sendable, Equatable, Codable {
    public var name: String
    public var bytes: Int
    public var epochs: Int

    static func read(_ reader: MappingReader, index: Int) -> ResourceLevel {
        defer { reader.finish() }
        return ResourceLevel(name: reader.string("name", default: "level \(index + 1)", example: "low"),
                             bytes: reader.int("bytes", default: nil, bound: .atLeast(1)),
                             epochs: reader.int("epochs", default: 1, bound: .within(1, 1000)))
    }
}

public struct MultilingualCurseSettings: Sendable, Equatable, Codable {
    /// The language whose held-out loss is measured, e.g. `synthetic:alpha`.
    public var target: String
    /// Added languages similar to the target, sharing the added bytes equally.
    public var similar: [String]
    /// Added languages unlike the target.
    public var dissimilar: [String]
    /// Further single added languages trained at the lowest level only (the similarity ladder).
    public var ladder: [String]
    public var validationFraction: Double
    /// Seed of the nested subsets, shared by every run.
    public var dataSeed: Int
    /// Target levels, smallest first.
    public var levels: [ResourceLevel]
    /// Added multilingual bytes, one pass on top of the target (0 = monolingual at that level).
    public var addedBytes: [Int]
    /// Monolingual baselines for the equivalent-data curve (at least 4), smallest first.
    public var baselines: [ResourceLevel]
    /// ℓ = reference − loss: the relative log-likelihood against a fixed baseline (bits per byte).
    public var referenceBitsPerByte: Double
    /// Equivalent-data changes smaller than this (percent) count as none.
    public var minimumEffectPercent: Double
    /// Loss differences smaller than this (bits per byte) count as none.
    public var minimumEffectBitsPerByte: Double

    static func read(data: MappingReader, protocolReader: MappingReader, verdicts: MappingReader) -> MultilingualCurseSettings {
        let settings = MultilingualCurseSettings(
            target: data.corpus("target", default: "synthetic:alpha"),
            similar: data.corpora("similar", default: ["synthetic:beta"]),
            dissimilar: data.corpora("dissimilar", default: ["synthetic:gamma", "synthetic:delta"]),
            ladder: data.corpora("ladder", default: [], minimumCount: 0),
            validationFraction: data.double("validation_fraction", default: 0.1, bound: .openUnitInterval),
            dataSeed: data.int("data_seed", default: 0, bound: .nonNegative),
            levels: protocolReader.mappings("levels", required: true).enumerated().map { ResourceLevel.read($1, index: $0) },
            addedBytes: protocolReader.ints("added_bytes", default: nil, bound: .nonNegative),
            baselines: protocolReader.mappings("baselines", required: true, minimumCount: 4).enumerated().map { ResourceLevel.read($1, index: $0) },
            referenceBitsPerByte: protocolReader.double("reference_bpb", default: 8, bound: .positive),
            minimumEffectPercent: verdicts.double("minimum_effect_percent", default: 5, bound: .nonNegative),
            minimumEffectBitsPerByte: verdicts.double("minimum_effect_bpb", default: 0.005, bound: .nonNegative))
        for (name, list, path) in [("levels", settings.levels, "levels"), ("baselines", settings.baselines, "baselines")] {
            let bytes = list.map(\.bytes)
            if bytes != bytes.sorted() || Set(bytes).count != bytes.count {
                protocolReader.diagnostics.report("found \(name) of \(bytes) bytes; list them smallest first, each size once (nested subsets)",
                                                  at: protocolReader.childPath(path))
            }
        }
        let tokens = settings.baselines.map { $0.bytes * $0.epochs }
        if let index = tokens.indices.dropLast().first(where: { tokens[$0] >= tokens[$0 + 1] }) {
            let (smaller, larger) = (settings.baselines[index], settings.baselines[index + 1])
            protocolReader.diagnostics.report(
                "found \(larger.bytes) bytes × \(larger.epochs) epochs reading \(tokens[index + 1]) bytes, no more than the \(smaller.bytes) × \(smaller.epochs) before it (\(tokens[index])); a larger baseline must also read more bytes, or the curve measures training steps rather than data; raise its epochs or lower the smaller one's",
                at: "\(protocolReader.childPath("baselines"))[\(index + 1)]")
        }
        let added = [settings.target] + settings.similar + settings.dissimilar + settings.ladder
        if Set(added).count != added.count {
            data.diagnostics.report("a source appears twice among target, similar, dissimilar and ladder; name each once",
                                    at: data.childPath("similar"))
        }
        if !settings.addedBytes.contains(where: { $0 > 0 }) {
            protocolReader.diagnostics.report("found \(settings.addedBytes); the study needs at least one positive amount of added bytes",
                                              at: protocolReader.childPath("added_bytes"))
        }
        [data, protocolReader, verdicts].forEach { $0.finish() }
        return settings
    }
}

extension MultilingualCurseSettings: StudyKindSettings {
    public func budgets(_ spec: StudySpec) -> [SpecBudget] {
        levels.enumerated().map { SpecBudget(keyPath: "protocol.levels[\($0.offset)].bytes", bytes: $0.element.bytes, requirement: .longerThanContext) }
            + baselines.enumerated().flatMap {
                [SpecBudget(keyPath: "protocol.baselines[\($0.offset)].bytes", bytes: $0.element.bytes, requirement: .longerThanContext),
                 SpecBudget(keyPath: "protocol.baselines[\($0.offset)].bytes", bytes: $0.element.bytes * $0.element.epochs)]
            }
    }

    func summary(_ spec: StudySpec) -> String {
        "\(spec.modelCountText), target \(target) at \(levels.count) levels × \(addedBytes.filter { $0 > 0 }.count) added amounts, \(baselines.count) baselines"
    }
}
