// One-line human summaries of a resolved spec, for `tinyscale validate` and progress output.

extension StudySpec {
    /// E.g. `scaling-law, profile quick: 3 models × 3 token budgets on bible:kjv, 1 seed`.
    public var summary: String {
        let seedText = seeds.count == 1 ? "1 seed" : "\(seeds.count) seeds"
        return "\(kind.rawValue), profile \(profile): \(settings.kindSettings.summary(self)), \(seedText)"
    }

    /// `1 model` or `3 models`.
    var modelCountText: String {
        models.count == 1 ? "1 model" : "\(models.count) models"
    }
}
