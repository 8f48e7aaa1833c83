// Expands a `curriculum` spec into runs (STUDIES.md, tiny-scale "Curriculum"): per model and seed,
// every order under constant LR, WSD at each final ratio and cosine, plus an optional descending
// control at constant LR. Every run reads exactly one pass over the same fixed subset of a
// quality-scored, graded-corruption pool, and is measured on the high-quality and clean held-out
// sets, with EMA and SMA checkpoint averages at its end.
import Foundation

/// A curriculum run's place in the study.
struct CurriculumRole: Codable, Sendable, Hashable {
    var model: String
    var seed: Int
    var order: DataOrder
    var schedule: ScheduleKind
    /// Final LR / peak LR: 1 for constant.
    var finalRatio: Double

    enum CodingKeys: String, CodingKey {
        case model, seed, order, schedule
        case finalRatio = "final_ratio"
    }

    /// The arm this run belongs to (everything but model and seed).
    var arm: CurriculumArm { CurriculumArm(order: order, schedule: schedule, finalRatio: finalRatio) }
}

/// One order × schedule × final-ratio combination, trained once per seed.
struct CurriculumArm: Hashable, Sendable, Comparable {
    var order: DataOrder
    var schedule: ScheduleKind
    var finalRatio: Double

    /// E.g. `ascending · WSD→0.1`.
    var label: String { "\(order.rawValue) · \(scheduleLabel)" }

    /// E.g. `constant`, `WSD→0.1`, `cosine→0`.
    var scheduleLabel: String {
        switch schedule {
        case .constant: "constant"
        case .wsd: "WSD→\(CurriculumArm.ratio(finalRatio))"
        case .cosine: "cosine→\(CurriculumArm.ratio(finalRatio))"
        }
    }

    static func ratio(_ value: Double) -> String {
        value == 0 ? "0" : (abs(value - 1.0 / 3) < 0.01 ? "1/3" : String(format: "%g", value))
    }

    static func < (left: CurriculumArm, right: CurriculumArm) -> Bool {
        let order: [DataOrder] = [.uniform, .ascending, .descending]
        let schedules: [ScheduleKind] = [.constant, .wsd, .cosine]
        return (order.firstIndex(of: left.order)!, schedules.firstIndex(of: left.schedule)!, -left.finalRatio)
            < (order.firstIndex(of: right.order)!, schedules.firstIndex(of: right.schedule)!, -right.finalRatio)
    }
}

extension CurriculumSettings {
    /// Evaluation set names.
    static let highQualitySet = "high-quality"
    static let cleanSet = "clean"

    /// The arms the spec asks for, in report order.
    var arms: [CurriculumArm] {
        var arms: [CurriculumArm] = []
        for order in orders {
            arms.append(CurriculumArm(order: order, schedule: .constant, finalRatio: 1))
            if schedules.contains(.wsd) {
                arms += Array(Set(finalRatios)).sorted(by: >).map { CurriculumArm(order: order, schedule: .wsd, finalRatio: $0) }
            }
            if schedules.contains(.cosine) {
                arms.append(CurriculumArm(order: order, schedule: .cosine, finalRatio: cosineFinalRatio))
            }
        }
        if descendingControl {
            arms.append(CurriculumArm(order: .descending, schedule: .constant, finalRatio: 1))
        }
        return arms.sorted()
    }

    /// The data every run reads, in `order`: one pass over a fixed `trainingBytes` subset of the
    /// corrupted pool, measured on the high-quality and the clean held-out sets.
    func dataPlan(order: DataOrder, trainingBytes: Int) -> DataPlan {
        DataPlan(
            components: [.init(source: corpus, byteBudget: trainingBytes, corruptionLevels: corruptionLevels)],
            order: order,
            quality: DataPlan.QualityMetric(ngramOrder: ngramOrder,
                                            reference: referenceCorpus.map { .corpus($0) } ?? .heldOut(fraction: referenceFraction)),
            validationFraction: validationFraction, dataSeed: dataSeed, repeatsWhenExhausted: false,
            evaluationSets: [
                .init(name: Self.highQualitySet, source: corpus, corrupted: true, bestQualityFraction: evaluationQualityFraction),
                .init(name: Self.cleanSet, source: corpus),
            ])
    }

    public func plan(_ spec: StudySpec) -> [PlannedRun] {
        let steps = spec.steps(forTokens: tokens)
        let trainingBytes = steps * spec.bytesPerStep
        let averaging = AveragingPlan(emaAlpha: averaging.emaAlpha, simpleAverage: averaging.simpleAverage,
                                      checkpoints: averaging.checkpoints,
                                      spacingSteps: max(1, Int((averaging.spacing * Double(steps)).rounded())))
        var runs: [PlannedRun] = []
        for model in spec.models {
            for seed in spec.seeds {
                for arm in arms {
                    let schedule = spec.schedule(kind: arm.schedule, steps: steps, finalRatio: arm.finalRatio)
                    let config = spec.runConfig(model: model, steps: steps, schedule: schedule,
                                                data: dataPlan(order: arm.order, trainingBytes: trainingBytes), seed: seed,
                                                evaluationSteps: spec.evaluationSteps(totalSteps: steps), averaging: averaging)
                    runs.append(PlannedRun(config: config, label: "\(model.name) · \(arm.label) · seed \(seed)",
                                           role: CurriculumRole(model: model.name, seed: seed, order: arm.order,
                                                                schedule: arm.schedule, finalRatio: arm.finalRatio)))
                }
            }
        }
        return runs
    }
}
