// Expands a `multilingual-curse` spec into runs (STUDIES.md, tiny-scale "Multilingual curse"): per
// model and seed, monolingual baselines (nested target subsets with their epochs) and multilingual
// runs that add similar or dissimilar languages, in absolute bytes read once, on top of the target
// at each resource level (Chang et al. 2023's design). Every run is measured on the target's
// held-out set.

/// A multilingual-curse run's place in the study.
struct MultilingualCurseRole: Codable, Sendable, Hashable {
    enum Group: String, Codable, Sendable {
        /// A monolingual baseline of the equivalent-data curve.
        case baseline
        /// The target at a level with no added data (also a monolingual reference).
        case monolingual
        case similar
        case dissimilar
        /// One ladder language (named by `addedSource`).
        case ladder
    }

    var model: String
    var parameters: Int
    var seed: Int
    var group: Group
    /// Target bytes and their epochs.
    var targetBytes: Int
    var epochs: Int
    /// The resource level's name; nil for baselines.
    var level: String?
    var addedBytes: Int
    /// The ladder language; nil otherwise.
    var addedSource: String?

    enum CodingKeys: String, CodingKey {
        case model, parameters, seed, group, epochs, level
        case targetBytes = "target_bytes"
        case addedBytes = "added_bytes"
        case addedSource = "added_source"
    }
}

extension MultilingualCurseSettings {
    /// The evaluation set: the target's held-out documents.
    static let targetSet = "target"

    /// Target bytes for `epochs` passes plus `added` bytes split equally over `sources`, read once
    /// and interleaved through the run.
    func dataPlan(targetBytes: Int, epochs: Int, added: Int, sources: [String]) -> DataPlan {
        var components = [DataPlan.Component(source: target, share: Double(targetBytes * epochs), byteBudget: targetBytes, epochs: epochs)]
        if added > 0 {
            let each = added / sources.count
            components += sources.map { DataPlan.Component(source: $0, share: Double(each), byteBudget: each) }
        }
        return DataPlan(components: components, validationFraction: validationFraction, dataSeed: dataSeed,
                        repeatsWhenExhausted: false, evaluationSets: [.init(name: Self.targetSet, source: target)])
    }

    public func plan(_ spec: StudySpec) -> [PlannedRun] {
        var runs: [PlannedRun] = []
        for model in spec.models {
            let parameters = spec.modelConfig(model).parameterCount
            for seed in spec.seeds {
                var planned: Set<String> = []
                func add(_ group: MultilingualCurseRole.Group, level: ResourceLevel, levelName: String?, added: Int,
                         sources: [String], addedSource: String? = nil, label: String) {
                    // The mixture weights each source by its own stream, so all of them run out
                    // together at the planned bytes; the run stops within one step of that end.
                    let steps = spec.steps(forTokens: level.bytes * level.epochs + added)
                    let config = spec.runConfig(model: model, steps: steps, schedule: spec.schedule(steps: steps),
                                                data: dataPlan(targetBytes: level.bytes, epochs: level.epochs, added: added, sources: sources),
                                                seed: seed, evaluationSteps: spec.evaluationSteps(totalSteps: steps))
                    guard planned.insert(config.hash).inserted else { return }
                    runs.append(PlannedRun(config: config, label: "\(model.name) · \(label) · seed \(seed)",
                                           role: MultilingualCurseRole(model: model.name, parameters: parameters, seed: seed, group: group,
                                                                       targetBytes: level.bytes, epochs: level.epochs, level: levelName,
                                                                       addedBytes: added, addedSource: addedSource)))
                }
                for baseline in baselines {
                    add(.baseline, level: baseline, levelName: nil, added: 0, sources: [],
                        label: "baseline \(Quantity.bytes(baseline.bytes)) × \(baseline.epochs)")
                }
                for (index, level) in levels.enumerated() {
                    let name = "\(level.name) (\(Quantity.bytes(level.bytes)) × \(level.epochs))"
                    add(.monolingual, level: level, levelName: level.name, added: 0, sources: [], label: "\(name) alone")
                    for added in addedBytes where added > 0 {
                        add(.similar, level: level, levelName: level.name, added: added, sources: similar,
                            label: "\(name) + \(Quantity.bytes(added)) similar")
                        add(.dissimilar, level: level, levelName: level.name, added: added, sources: dissimilar,
                            label: "\(name) + \(Quantity.bytes(added)) dissimilar")
                        if index == 0 {
                            for source in ladder {
                                add(.ladder, level: level, levelName: level.name, added: added, sources: [source], addedSource: source,
                                    label: "\(name) + \(Quantity.bytes(added)) \(source)")
                            }
                        }
                    }
                }
            }
        }
        return runs
    }
}
