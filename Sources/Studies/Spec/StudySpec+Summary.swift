// One-line human summaries of a resolved spec, for `tinyscale validate` and progress output.

extension StudySpec {
    /// E.g. `scaling-law, profile quick: 3 models × 3 token budgets, 1 seed`.
    public var summary: String {
        let seedText = seeds.count == 1 ? "1 seed" : "\(seeds.count) seeds"
        let modelText = models.count == 1 ? "1 model" : "\(models.count) models"
        let detail: String
        switch settings {
        case .scalingLaw(let scaling):
            let iso = scaling.isoFLOPBudgets.isEmpty ? "" : ", \(scaling.isoFLOPBudgets.count) IsoFLOP budgets"
            detail = "\(modelText) × \(scaling.tokenBudgets.count) token budgets\(iso) on \(scaling.corpus)"
        case .curriculum(let curriculum):
            detail = "\(modelText), \(curriculum.orders.count) orders × \(curriculum.schedules.count) schedules × \(curriculum.finalRatios.count) final LRs on \(curriculum.corpus)"
        case .stabilityGap(let gap):
            detail = "\(modelText), \(gap.strategies.count) strategies, \(gap.peakMultipliers.count) peak LRs, \(gap.warmupFractions.count) warm-ups, \(gap.general) → \(gap.domain)"
        case .multilingualCurse(let curse):
            detail = "\(modelText), \(curse.targets.count) targets × \(curse.targetBytes.count) sizes × \(curse.addedMultiples.count) added amounts"
        }
        return "\(kind.rawValue), profile \(profile): \(detail), \(seedText)"
    }
}
