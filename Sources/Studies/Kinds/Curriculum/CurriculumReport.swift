// The curriculum report (STUDIES.md, tiny-scale "Curriculum"): the finding and the protocol run,
// verdicts with per-seed numbers, loss curves per order × schedule with the learning rate beneath,
// the gap against the final-LR ratio (the main figure), final loss against the ratio with EMA and
// SMA marked, the Table-1-style comparison, the arm table and the sanity checks.
import Foundation
import LawFit
import Plotting
import Reporting

extension CurriculumSettings {
    func sections(_ spec: StudySpec, analysis: CurriculumAnalysis) -> [ReportSection] {
        var sections = [
            ReportSection("Finding and protocol", cells: [.prose(protocolText(spec, analysis: analysis))]),
            ReportSection("Verdicts", cells: analysis.verdicts.map { .verdict($0) }),
            ReportSection("Sanity checks", cells: [.table(sanityTable(analysis.sanity))]),
        ]
        let level = spec.fit.confidenceLevel
        for model in analysis.models {
            let title = spec.models.count > 1 ? " — \(model.model)" : ""
            var cells: [ReportCell] = []
            if let figure = gapFigure(model, level: level) {
                cells.append(.figure(FigureCell(figure, caption: "The main figure: the curriculum's advantage L(uniform) − L(ascending) on the high-quality set for each schedule, against the schedule's final-LR ratio (constant LR is r = 1). Points are means over seeds, bars \(percent(level)) t-intervals of the paired differences; the dashed line is δ = \(SpecFormat.number(minimumEffectBitsPerByte)) bpb. Luo et al.: the advantage shrinks as r → 0.")))
            }
            for (index, figure) in curvesFigures(model).enumerated() {
                cells.append(.figure(FigureCell(figure, caption: index == 0
                    ? "High-quality held-out loss during training (mean over seeds) for each order under each schedule, with the learning rate beneath. An ascending run reaches the best documents at its end, where a decaying schedule has already lowered the learning rate."
                    : "Loss curves and learning rates, continued.", height: 340)))
            }
            if let figure = ratioFigure(model, level: level) {
                cells.append(.figure(FigureCell(figure, caption: "Final high-quality loss against the final-LR ratio per order (means over seeds, \(percent(level)) t-intervals); diamonds are the EMA (α = \(SpecFormat.number(averaging.emaAlpha))) and triangles the SMA of the last \(averaging.checkpoints) checkpoints, \(SpecFormat.number(100 * averaging.spacing)) % of the run apart.")))
            }
            if let figure = tableOneFigure(model, decayedRatio: analysis.decayedRatio, level: level) {
                cells.append(.figure(FigureCell(figure, caption: "The arms of Luo et al.'s Table 1 at tiny scale: final high-quality loss (lower is better; means over seeds with \(percent(level)) t-intervals). Published at 1.5B parameters and 30B tokens, as a benchmark average (higher is better): WSD + uniform 50.56, WSD + ascending 50.34, constant + EMA + ascending 50.95.")))
            }
            cells.append(.table(armTable(model, level: level)))
            sections.append(ReportSection("Results\(title)", cells: cells))
        }
        if !analysis.notes.isEmpty {
            sections.append(ReportSection("Notes", cells: [.prose(analysis.notes.map { "- \($0)" }.joined(separator: "\n"))]))
        }
        return sections
    }

    private func percent(_ level: Double) -> String { "\(SpecFormat.number(100 * level)) %" }

    private func protocolText(_ spec: StudySpec, analysis: CurriculumAnalysis) -> String {
        let models = spec.models.map { "\($0.name) (\($0.layers)×\($0.width), \($0.heads) heads)" }.joined(separator: ", ")
        let arms = self.arms.map(\.label).joined(separator: "; ")
        let reference = referenceCorpus.map { "`\($0)`" } ?? "a clean \(SpecFormat.number(100 * referenceFraction)) % of the pool, held out from training"
        let text = """
            **Claim.** \(spec.claim.isEmpty ? "Under a constant learning rate an ascending-quality curriculum beats a shuffled order, and LR decay erases the advantage." : spec.claim)

            **Protocol run.** Pool: `\(corpus)`, each document corrupted at a level drawn from {\(corruptionLevels.map(SpecFormat.number).joined(separator: ", "))} (character noise, shuffled words or boilerplate; data seed \(dataSeed)). \
            Quality score: bits per byte under an order-\(ngramOrder) byte n-gram trained on \(reference) — a real metric, not the corruption label. \
            Every run reads exactly one pass over the same \(Quantity.bytes(spec.steps(forTokens: tokens) * spec.bytesPerStep))-byte subset of the pool, so an ascending run ends on the best documents. \
            Models: \(models); batch \(spec.training.batchSize) × context \(spec.training.contextLength); AdamW, peak LR \(SpecFormat.number(spec.training.optimizer.learningRate)), warm-up \(SpecFormat.number(100 * spec.training.schedule.warmupFraction)) %; \
            WSD decays over the last \(SpecFormat.number(100 * spec.training.schedule.decayFraction)) % (\(spec.training.schedule.decayShape == .sqrt ? "η(t) = η₀(1 − √p) + η_T·√p" : "linear")). \
            Arms: \(arms). Seeds: \(spec.seeds.map(String.init).joined(separator: ", ")), paired: a seed fixes the initialisation and the shuffle, while every arm sees the same documents. \
            Evaluation: the best-scoring \(SpecFormat.number(100 * evaluationQualityFraction)) % of held-out documents (high-quality set, the verdicts' metric) and the clean held-out set; EMA and SMA of the last \(averaging.checkpoints) checkpoints are evaluated as extra series, without extra training.

            **Deviations from the paper.** Luo et al. train 1.5B-parameter models on 30B tokens of web text scored by quality classifiers and report a benchmark average; here byte-level models of \(NumberFormatting.significant(Double(spec.modelConfig(spec.models[0]).parameterCount), digits: 2)) parameters see graded corruption of real text, and the metric is held-out loss in bits per byte.
            """
        return text
    }

    private func sanityTable(_ checks: [SanityCheck]) -> ReportTable {
        ReportTable(header: ["check", "result", "detail"],
                    rows: checks.map { [$0.name, $0.passed ? "passed" : "FAILED", $0.detail] },
                    alignments: [.left, .left, .left],
                    caption: "Checks of the protocol itself; a failed check makes every verdict inconclusive.")
    }

    private func armTable(_ model: CurriculumModelAnalysis, level: Double) -> ReportTable {
        func cell(_ values: [Int: Double]) -> String { SeedSummary.cell(values, level: level) }
        return ReportTable(
            header: ["arm", "seeds", "high-quality (bpb)", "+ EMA", "+ SMA", "clean (bpb)"],
            rows: model.arms.map { arm in
                [arm.arm.label, String(arm.final.count), cell(arm.final), cell(arm.ema), cell(arm.sma), cell(arm.clean)]
            },
            alignments: [.left, .right, .right, .right, .right, .right],
            caption: "Final held-out loss per arm: mean over seeds [\(percent(level)) t-interval].")
    }

    // MARK: Figures

    private func gapFigure(_ model: CurriculumModelAnalysis, level: Double) -> Figure? {
        guard !model.gaps.isEmpty else { return nil }
        var panel = Panel(x: Axis("Final LR / peak LR, r", domain: -0.05...1.05),
                          y: Axis("L(uniform) − L(ascending)", unit: "bits/byte"))
        for (index, schedule) in [ScheduleKind.constant, .wsd, .cosine].enumerated() {
            let gaps = model.gaps.filter { $0.schedule == schedule }.sorted { $0.finalRatio < $1.finalRatio }
            guard !gaps.isEmpty else { continue }
            let means = gaps.map { $0.differences.mean ?? .nan }
            let bars = gaps.allSatisfy { $0.interval != nil }
                ? ErrorBars(lower: gaps.map { $0.interval!.lower }, upper: gaps.map { $0.interval!.upper }) : nil
            let name = schedule == .constant ? "constant (r = 1)" : (schedule == .wsd ? "WSD" : "cosine")
            panel.add(Series(name, x: gaps.map(\.finalRatio), y: means, kind: schedule == .wsd ? .lineWithMarkers : .markers,
                             errorBars: bars, paletteIndex: index))
        }
        panel.add(ReferenceLine.horizontal(0))
        panel.add(ReferenceLine(axis: .y, value: minimumEffectBitsPerByte, label: "δ", dash: .dashed))
        return Figure(title: "Curriculum advantage against the final learning rate", panel: panel)
    }

    /// Loss panels two to a figure, each above the learning rate of its schedule.
    private func curvesFigures(_ model: CurriculumModelAnalysis) -> [Figure] {
        let shown = Array(Set(model.arms.map { CurriculumArm(order: .uniform, schedule: $0.arm.schedule, finalRatio: $0.arm.finalRatio) }))
            .sorted()
            .filter { arm in model.arms.contains { $0.arm.schedule == arm.schedule && $0.arm.finalRatio == arm.finalRatio && !$0.curve.isEmpty } }
        let orders: [DataOrder] = [.uniform, .ascending, .descending]
        var lossPanels: [Panel] = []
        var ratePanels: [Panel] = []
        for schedule in shown {
            var loss = Panel(title: schedule.scheduleLabel, x: Axis("Training tokens", unit: "MB"),
                             y: Axis("High-quality loss", unit: "bits/byte"))
            var rate = Panel(x: Axis("Training tokens", unit: "MB"), y: Axis("Learning rate"))
            for (index, order) in orders.enumerated() {
                guard let arm = model.arm(order, schedule.schedule, schedule.finalRatio), !arm.curve.isEmpty else { continue }
                loss.add(Series(order.rawValue, x: arm.curve.map { $0.tokens / 1e6 }, y: arm.curve.map(\.bitsPerByte),
                                kind: .lineWithMarkers, paletteIndex: index))
                if index == 0 {
                    rate.add(Series(nil, x: arm.learningRate.map { $0.tokens / 1e6 }, y: arm.learningRate.map(\.rate), kind: .line,
                                    color: Color(hex: 0x444444), dash: .solid))
                }
            }
            lossPanels.append(loss)
            ratePanels.append(rate)
        }
        return stride(from: 0, to: shown.count, by: 2).map { start in
            let row = start..<min(start + 2, shown.count)
            return Figure(title: start == 0 ? "Loss curves and learning rates" : nil,
                          panels: Array(lossPanels[row] + ratePanels[row]), columns: row.count)
        }
    }

    private func ratioFigure(_ model: CurriculumModelAnalysis, level: Double) -> Figure? {
        var panel = Panel(x: Axis("Final LR / peak LR, r", domain: -0.05...1.05),
                          y: Axis("Final high-quality loss", unit: "bits/byte"))
        for (index, order) in [DataOrder.uniform, .ascending].enumerated() {
            let arms = model.arms.filter { $0.arm.order == order && $0.arm.schedule != .cosine }
                .sorted { $0.arm.finalRatio < $1.arm.finalRatio }
            func add(_ name: String?, _ values: KeyPath<CurriculumArmResult, [Int: Double]>, kind: SeriesKind, marker: MarkerShape?) {
                let points = arms.compactMap { arm in
                    SeedSummary(arm[keyPath: values], level: level).map { (arm.arm.finalRatio, $0) }
                }
                guard !points.isEmpty else { return }
                let bars = points.allSatisfy { $0.1.interval != nil }
                    ? ErrorBars(lower: points.map { $0.1.interval!.lower }, upper: points.map { $0.1.interval!.upper }) : nil
                panel.add(Series(name, x: points.map(\.0), y: points.map(\.1.mean), kind: kind, errorBars: bars,
                                 paletteIndex: index, marker: marker))
            }
            add(order.rawValue, \.final, kind: .lineWithMarkers, marker: nil)
            if averaging.emaAlpha > 0 { add("\(order.rawValue) + EMA", \.ema, kind: .markers, marker: .diamond) }
            if averaging.simpleAverage { add("\(order.rawValue) + SMA", \.sma, kind: .markers, marker: .triangleUp) }
        }
        guard !panel.marks.isEmpty else { return nil }
        return Figure(title: "Final loss against the final learning rate", panel: panel)
    }

    private func tableOneFigure(_ model: CurriculumModelAnalysis, decayedRatio: Double?, level: Double) -> Figure? {
        var entries: [(label: String, values: [Int: Double])] = []
        if let ratio = decayedRatio {
            let label = CurriculumArm(order: .uniform, schedule: .wsd, finalRatio: ratio).scheduleLabel
            if let arm = model.arm(.uniform, .wsd, ratio) { entries.append(("\(label) + uniform", arm.final)) }
            if let arm = model.arm(.ascending, .wsd, ratio) { entries.append(("\(label) + ascending", arm.final)) }
        }
        if let arm = model.arm(.uniform, .constant, 1) { entries.append(("constant + uniform", arm.final)) }
        if let arm = model.arm(.ascending, .constant, 1) {
            entries.append(("constant + ascending", arm.final))
            if averaging.emaAlpha > 0 { entries.append(("constant + EMA + ascending", arm.ema)) }
        }
        let points = entries.compactMap { entry in SeedSummary(entry.values, level: level).map { (entry.label, $0) } }
        guard points.count >= 2 else { return nil }
        let lows = points.map { $0.1.interval?.lower ?? $0.1.mean }
        let highs = points.map { $0.1.interval?.upper ?? $0.1.mean }
        let span = max((highs.max()! - lows.min()!), 1e-3)
        // Bars start at the bottom of a domain zoomed on the data, so differences of a few
        // thousandths of a bit per byte stay visible.
        var panel = Panel(x: Axis.categories([model.model], label: "Model"),
                          y: Axis("Final high-quality loss", unit: "bits/byte",
                                  domain: (lows.min()! - 0.6 * span)...(highs.max()! + 0.25 * span)))
        for (index, point) in points.enumerated() {
            panel.add(Bars(point.0, values: [point.1.mean],
                           errorBars: point.1.interval.map { ErrorBars(lower: [$0.lower], upper: [$0.upper]) },
                           paletteIndex: index))
        }
        return Figure(title: "Luo et al.'s Table 1 arms", panel: panel, legend: .outsideRight)
    }
}
