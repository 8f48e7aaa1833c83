// The multilingual-curse report (STUDIES.md, tiny-scale "Multilingual curse"): the finding and the
// protocol with its deviations, verdicts with per-seed numbers, the monolingual baselines with the
// fitted equivalent-data curve, equivalent-data change against added bytes, Figure-1-style bars,
// the ladder, and the table of arms with gains against plain and early-stopped monolingual runs.
import Foundation
import LawFit
import Plotting
import Reporting

extension MultilingualCurseSettings {
    func sections(_ spec: StudySpec, analysis: MultilingualCurseAnalysis) -> [ReportSection] {
        var sections = [
            ReportSection("Finding and protocol", cells: [.prose(protocolText(spec))]),
            ReportSection("Verdicts", cells: analysis.verdicts.map { .verdict($0) }),
        ]
        let level = spec.fit.confidenceLevel
        if !analysis.similarity.isEmpty {
            sections.append(ReportSection("Languages", cells: [.table(ReportTable(
                header: ["language", "role", "trigram similarity to \(target)"],
                rows: analysis.similarity.map { [$0.source, $0.group, String(format: "%.3f", $0.measured)] },
                alignments: [.left, .left, .right],
                caption: "Character-trigram cosine similarity of each added language to the target, measured on their training text (at most 256 kB each). \(analysis.similarityConfirmed ? "Every similar language measures more similar than every dissimilar one." : "A similar language does not measure more similar than a dissimilar one, so the similarity verdicts are inconclusive.")"))]))
        }
        for model in analysis.models {
            var cells: [ReportCell] = []
            if let figure = baselineFigure(model) {
                cells.append(.figure(FigureCell(figure, caption: "Monolingual baselines: ℓ = \(SpecFormat.number(referenceBitsPerByte)) − loss (bits per byte) against log₁₀ of the target bytes, one marker per seed, with the fitted $ℓ(x) = −a·x^{−b} + c$ (Chang et al.). \(model.baselineMonotone ? "" : "The baseline means are not monotone in the target bytes, so every verdict is inconclusive.")")))
            }
            if let fit = model.fit {
                cells.append(.table(ReportTable(header: ["parameter", "estimate"],
                                                rows: fit.parameters.map { [$0.name, NumberFormatting.significant($0.estimate, digits: 4)] },
                                                alignments: [.left, .right],
                                                caption: "Equivalent-data curve of \(model.model): \(fit.pointsUsed) baseline points, \(fit.status).")))
            }
            if let figure = changeBars(model, level: level) {
                cells.append(.figure(FigureCell(figure, caption: "Change of equivalent monolingual data from adding languages (Chang et al.'s Figure 1 at tiny scale), per level (\(levels.map { "\($0.name.prefix(1).uppercased()) \($0.name)" }.joined(separator: ", "))) and added bytes: 100·(equivalent bytes / target bytes − 1), means over seeds with \(SpecFormat.number(100 * level)) % t-intervals; above 0 the added data helped. ‡ marks an arm whose equivalent data lies beyond the baselines' target bytes for some seed, read from the curve's extrapolation; a bar cut at the edge of the axis has its mean written there. Published for 1M-token targets: +33 % (similar) and +22 % (dissimilar) for the small model.")))
            }
            if let figure = ladderBars(model, level: level) {
                cells.append(.figure(FigureCell(figure, caption: "The similarity ladder at the lowest level: loss gained against the monolingual run (bits per byte, means over seeds with t-intervals) for each added language.")))
            }
            cells.append(.table(armTable(model, level: level)))
            sections.append(ReportSection(spec.models.count > 1 ? "Results — \(model.model)" : "Results", cells: cells))
        }
        if !analysis.notes.isEmpty {
            sections.append(ReportSection("Notes", cells: [.prose(analysis.notes.map { "- \($0)" }.joined(separator: "\n"))]))
        }
        return sections
    }

    private func protocolText(_ spec: StudySpec) -> String {
        let models = spec.models.map { "\($0.name) (\($0.layers)×\($0.width), \($0.heads) heads)" }.joined(separator: ", ")
        let levelText = levels.map { "\($0.name) \(Quantity.bytes($0.bytes)) × \($0.epochs) epochs" }.joined(separator: ", ")
        let baselineText = baselines.map { "\(Quantity.bytes($0.bytes)) × \($0.epochs)" }.joined(separator: ", ")
        let text = """
            **Claim.** \(spec.claim.isEmpty ? "Low-resource languages gain from added multilingual data, more from similar languages; high-resource languages lose." : spec.claim)

            **Protocol run.** Target `\(target)` at \(levelText) (Chang et al.'s fixed epochs by size); added data of \(addedBytes.filter { $0 > 0 }.map { Quantity.bytes($0) }.joined(separator: ", ")) bytes, read once and interleaved, from similar (\(similar.map { "`\($0)`" }.joined(separator: ", "))) or dissimilar (\(dissimilar.map { "`\($0)`" }.joined(separator: ", "))) languages\(ladder.isEmpty ? "" : "; at the lowest level also from \(ladder.map { "`\($0)`" }.joined(separator: ", ")) (the similarity ladder)"). \
            Monolingual baselines: \(baselineText). Every run is measured on the target's held-out documents; ℓ = \(SpecFormat.number(referenceBitsPerByte)) − loss (bits per byte) is the relative log-likelihood, and each multilingual run's ℓ is inverted through the baselines' fitted curve to its equivalent monolingual data. Models: \(models); batch \(spec.training.batchSize) × context \(spec.training.contextLength); seeds \(spec.seeds.map(String.init).joined(separator: ", ")).

            **Deviations from the paper.** Chang et al. train up to 45M-parameter models on 1M–1B tokens of 252 natural languages; here byte-level models see generated languages whose similarity is set by construction (shared lexicon, word order, script), sizes are in bytes, and the loss is in bits per byte.
            """
        return text
    }

    private func baselineFigure(_ model: CurseModelAnalysis) -> Figure? {
        guard !model.baselinePoints.isEmpty else { return nil }
        var panel = Panel(x: Axis("log₁₀ target bytes"), y: Axis("ℓ = reference − loss", unit: "bits/byte"))
        let xs = model.baselinePoints.flatMap { point in point.relative.values.map { _ in point.log10Bytes } }
        let ys = model.baselinePoints.flatMap { Array($0.relative.values) }
        panel.add(Series("baselines (each seed)", x: xs, y: ys, kind: .markers, paletteIndex: 0))
        if let curve = model.curve, let low = xs.min(), let high = xs.max() {
            panel.addCurve(Series.sampled("fitted ℓ(x)", from: low - 0.1, to: high + 0.1, paletteIndex: 1) {
                curve.relativeLogLikelihood(atLog10Bytes: $0)
            })
        }
        return Figure(title: "Monolingual baselines — \(model.model)", panel: panel)
    }

    /// Figure 1 of Chang et al. at tiny scale. The y axis spans the arms read inside the baselines'
    /// range (and 0); an arm whose equivalent data is extrapolated beyond them is marked ‡, and when
    /// its bar leaves the axis it is cut at the edge with its value written there, so a few
    /// extrapolated thousands of percent do not flatten every other bar.
    private func changeBars(_ model: CurseModelAnalysis, level: Double) -> Figure? {
        let groups: [MultilingualCurseRole.Group] = [.similar, .dissimilar]
        let columns = levels.flatMap { level in addedBytes.filter { $0 > 0 }.map { (level, $0) } }
        guard !columns.isEmpty else { return nil }
        let bars = groups.map { group in
            columns.map { column -> (summary: SeedSummary?, extrapolated: Bool) in
                let arm = model.arms.first { $0.group == group && $0.level == column.0.name && $0.addedBytes == column.1 }
                return (arm.flatMap { SeedSummary($0.changePercent, level: level) }, !(arm?.extrapolatedSeeds.isEmpty ?? true))
            }
        }
        let drawn = zip(groups, bars).filter { $0.1.contains { $0.summary != nil } }
        guard !drawn.isEmpty else { return nil }
        let inRange = drawn.flatMap { $0.1 }.filter { !$0.extrapolated }.compactMap(\.summary)
            .flatMap { [$0.mean, $0.interval?.lower ?? $0.mean, $0.interval?.upper ?? $0.mean] }.filter(\.isFinite)
        var domain: ClosedRange<Double>?
        if let low = (inRange + [0]).min(), let high = (inRange + [0]).max(), high > low {
            let pad = 0.12 * (high - low)
            domain = (low == 0 ? 0 : low - pad)...(high + pad)
        }
        // Short category labels (level initial + added bytes) so six columns fit; the caption spells them out.
        var panel = Panel(x: Axis.categories(columns.map { "\($0.0.name.prefix(1).uppercased())+\(Quantity.bytes($0.1))" }),
                          y: Axis("Equivalent-data change", unit: "%", domain: domain))
        for (slot, (group, values)) in drawn.enumerated() {
            panel.add(Bars(group.rawValue, values: values.map { $0.summary?.mean ?? .nan },
                           errorBars: ErrorBars(lower: values.map { $0.summary?.interval?.lower ?? .nan },
                                                upper: values.map { $0.summary?.interval?.upper ?? .nan }),
                           baseline: 0, paletteIndex: groups.firstIndex(of: group)))
            for (column, value) in values.enumerated() where value.extrapolated {
                guard let summary = value.summary else { continue }
                let mean = summary.mean
                let x = Bars.center(category: column, slot: slot, slotCount: drawn.count)
                if let domain, mean > domain.upperBound {
                    panel.add(Annotation("‡ \(String(format: "%+.0f", mean)) %", x: x, y: domain.upperBound, placement: .below))
                } else if let domain, mean < domain.lowerBound {
                    panel.add(Annotation("‡ \(String(format: "%+.0f", mean)) %", x: x, y: domain.lowerBound, placement: .above))
                } else if mean >= 0 {
                    // Above the whisker, clear of its cap.
                    let top = min(max(mean, summary.interval?.upper ?? mean), domain?.upperBound ?? .infinity)
                    panel.add(Annotation("‡", x: x, y: top, placement: .above))
                } else {
                    let bottom = max(min(mean, summary.interval?.lower ?? mean), domain?.lowerBound ?? -.infinity)
                    panel.add(Annotation("‡", x: x, y: bottom, placement: .below))
                }
            }
        }
        panel.add(ReferenceLine.horizontal(0))
        return Figure(title: "Equivalent monolingual data", panel: panel, legend: .automatic)
    }

    private func ladderBars(_ model: CurseModelAnalysis, level: Double) -> Figure? {
        guard !ladder.isEmpty, let low = levels.first else { return nil }
        let arms = model.arms.filter { $0.level == low.name && $0.addedBytes == (addedBytes.filter { $0 > 0 }.min() ?? 0) }
            .sorted { ($0.group.rawValue, $0.addedSource ?? "") < ($1.group.rawValue, $1.addedSource ?? "") }
        // A ladder language by its short name: `synthetic:alpha-sov@2M` → `alpha-sov`.
        func short(_ source: String) -> String {
            String(source.split(separator: ":").last.map { $0.split(separator: "@").first ?? $0 } ?? Substring(source))
        }
        let points = arms.compactMap { arm in SeedSummary(arm.gain, level: level).map { (arm.addedSource.map(short) ?? arm.group.rawValue, $0) } }
        guard points.count >= 2 else { return nil }
        var panel = Panel(x: Axis.categories(points.map(\.0)), y: Axis("Gain over monolingual", unit: "bits/byte"))
        panel.add(Bars(nil, values: points.map(\.1.mean),
                       errorBars: ErrorBars(lower: points.map { $0.1.interval?.lower ?? .nan }, upper: points.map { $0.1.interval?.upper ?? .nan }),
                       baseline: 0, paletteIndex: 0))
        panel.add(ReferenceLine.horizontal(0))
        return Figure(title: "The similarity ladder", panel: panel, legend: .hidden)
    }

    private func armTable(_ model: CurseModelAnalysis, level: Double) -> ReportTable {
        ReportTable(
            header: ["arm", "seeds", "loss (bpb)", "equivalent-data change (%)", "gain (bpb)", "gain vs early-stopped (bpb)"],
            rows: model.arms.map { arm in
                [arm.label, String(arm.loss.count), SeedSummary.cell(arm.loss, level: level),
                 SeedSummary(arm.changePercent, level: level).map { summary in
                     String(format: "%+.1f", summary.mean) + (summary.interval.map { String(format: " [%+.1f, %+.1f]", $0.lower, $0.upper) } ?? "")
                         + (arm.extrapolatedSeeds.isEmpty ? "" : " ‡")
                 } ?? "–",
                 SeedSummary.cell(arm.gain, level: level), SeedSummary.cell(arm.gainEarlyStopped, level: level)]
            },
            alignments: [.left, .right, .right, .right, .right, .right],
            caption: "Per multilingual arm: final target loss, equivalent-data change, and loss gained against the monolingual run at the same level (its final loss, and its best evaluation for early stopping; the dissimilar arm is the regulariser control). ‡: equivalent data extrapolated beyond the baselines for some seed. Means over seeds [\(SpecFormat.number(100 * level)) % t-interval].")
    }
}
