// The stability-gap report (STUDIES.md, tiny-scale "Stability gap"): the finding and protocol with
// the deviation from the papers, verdicts with per-seed numbers, general/domain/task curves with the
// learning rate beneath per peak, the zoom on the first 10 %, strategy curves and bars, the
// general-loss rise against the domain ratio per size with ε, and the table of arms.
import Foundation
import LawFit
import Plotting
import Reporting

extension StabilityGapSettings {
    func sections(_ spec: StudySpec, analysis: StabilityGapAnalysis) -> [ReportSection] {
        var sections = [
            ReportSection("Finding and protocol", cells: [.prose(protocolText(spec, analysis: analysis))]),
            ReportSection("Verdicts", cells: analysis.verdicts.map { .verdict($0) }),
        ]
        let level = spec.fit.confidenceLevel
        for model in analysis.models {
            let title = spec.models.count > 1 ? " — \(model.model)" : ""
            var cells: [ReportCell] = []
            let lrArms = model.arms.filter { $0.arm == .reference || $0.arm.family == .peak || $0.arm.family == .noRewarm }
            if let figure = curvesFigure(lrArms, title: "General, domain and task loss around the switch", zoom: nil) {
                cells.append(.figure(FigureCell(figure, caption: "Held-out loss against the fraction of the continual run after the switch to `\(domain)` (mean over seeds; 0 is the base model) for the reference arm, other peak LRs and no re-warming, with each arm's learning rate beneath. Gupta et al.: re-warming makes general loss rise, more for a larger peak.", height: 380)))
            }
            if let figure = curvesFigure(lrArms, title: "The first \(SpecFormat.number(100 * evaluation.denseUntil)) % of continual pretraining", zoom: evaluation.denseUntil) {
                cells.append(.figure(FigureCell(figure, caption: "Zoom on the dense evaluations right after the switch (every \(SpecFormat.number(100 * evaluation.denseEvery)) % of the run), as in Guo et al.'s Figure 2.", height: 380)))
            }
            let strategyArms = model.arms.filter { arm in
                arm.arm == .reference || [.subset, .highQuality, .replay, .combined, .fullBudget, .sameData].contains(arm.arm.family)
            }
            if strategyArms.count > 1 {
                if let figure = curvesFigure(strategyArms, title: "Strategies against the stability gap", zoom: nil, rates: false) {
                    cells.append(.figure(FigureCell(figure, caption: "Held-out loss for the reference arm and the data strategies (mean over seeds): I a domain subset read \(subsetEpochs) times, II its highest-quality version (documents scored by an order-\(ngramOrder) n-gram trained on `\(qualityReference)`), III \(SpecFormat.number(100 * replayRatio)) % replay of general data.", height: 300)))
                }
                if let figure = strategyBars(strategyArms, level: level) {
                    cells.append(.figure(FigureCell(figure, caption: "Gap depth on general loss and final task-proxy loss per arm (means over seeds, \(SpecFormat.number(100 * level)) % t-intervals).", height: 300)))
                }
            }
            cells.append(.table(armTable(model, level: level)))
            sections.append(ReportSection("Results\(title)", cells: cells))
        }
        if let figure = ratioFigure(analysis) {
            sections.append(ReportSection("Critical mixture ratio", cells: [
                .figure(FigureCell(figure, caption: "Final general-loss rise above the switch value against the domain share R of the continual data (mean over seeds), per model size; the dashed line is ε = \(SpecFormat.number(epsilonBitsPerByte)) bpb. The critical ratio is the largest R whose rise stays under ε (Gu et al. 2024).")),
                .table(criticalTable(analysis)),
            ] + analysis.models.compactMap { model in cmrFigure(model).map { figure in
                .figure(FigureCell(figure, caption: "Gu et al.'s CMR laws for \(model.model): change of general and domain loss since the switch against continual tokens T for each domain share R (markers: means over seeds), with the fitted $L_{Δgen}(T) = α_{2}T^{s_{2}} + α_{3}T^{s_{3}} + β_{2}$ and $L_{Δdom}(T) = α_{1}T^{s_{1}} + β_{1}$ (lines).", height: 300))
            } } + analysis.models.filter { !$0.cmr.isEmpty }.map { .table(cmrTable($0)) }))
        }
        if !analysis.notes.isEmpty {
            sections.append(ReportSection("Notes", cells: [.prose(analysis.notes.map { "- \($0)" }.joined(separator: "\n"))]))
        }
        return sections
    }

    private func protocolText(_ spec: StudySpec, analysis: StabilityGapAnalysis) -> String {
        let models = spec.models.map { "\($0.name) (\($0.layers)×\($0.width), \($0.heads) heads)" }.joined(separator: ", ")
        let epochs = analysis.baseEpochs.map { String(format: " (%.1f epochs of its training split)", $0) } ?? ""
        let armLabels = Set(spec.models.flatMap { arms(for: $0.name) }).sorted().map(\.label).joined(separator: "; ")
        let text = """
            **Claim.** \(spec.claim.isEmpty ? "Continual pretraining on a new domain with a re-warmed LR first raises general loss, then recovers." : spec.claim)

            **Protocol run.** A base model per size and seed trains on `\(general)` for \(Quantity.bytes(pretrainTokens)) bytes\(epochs) with a cosine schedule to \(SpecFormat.number(baseFinalRatio))× the peak \(SpecFormat.number(spec.training.optimizer.learningRate)); it is one cached run that every continual arm starts from, with fresh AdamW state. \
            Each continual arm reads \(Quantity.bytes(continualTokens)) bytes of `\(domain)` with a cosine to \(SpecFormat.number(continualFinalRatio))× its peak after a \(SpecFormat.number(100 * referenceWarmup)) % re-warm-up (the reference arm R0: one pass, 1× peak), and varies one factor at a time: \(armLabels). \
            Held-out loss is measured before the first update (the switch) and every \(SpecFormat.number(100 * evaluation.denseEvery)) % of the run up to \(SpecFormat.number(100 * evaluation.denseUntil)) %, then every \(SpecFormat.number(100 * evaluation.sparseEvery)) %, on three sets: general (`\(general)`), domain (`\(domain)`) and a task proxy (`\(task)`: the domain's content in the register the base model knows). \
            The gap depth G is the largest rise above the switch value within the first \(SpecFormat.number(100 * gapWindow)) % of the run. Models: \(models); batch \(spec.training.batchSize) × context \(spec.training.contextLength); seeds \(spec.seeds.map(String.init).joined(separator: ", ")), paired: a seed fixes the base model and the shuffle.

            **Deviations from the papers.** The papers measure downstream accuracy (Guo et al.: medical benchmarks of OpenLlama-3B) at billions of parameters; tiny byte-level models use held-out loss in bits per byte, and the task proxy stands in for a domain task.
            """
        return text
    }

    private func meanCurve(_ result: StabilityGapArmResult, _ set: String) -> [(Double, Double)] {
        let curves = (result.measures[set] ?? [:]).values.map(\.curve)
        guard let first = curves.first else { return [] }
        return first.indices.compactMap { index in
            let values = curves.compactMap { $0.indices.contains(index) ? $0[index].bitsPerByte : nil }
            return values.count == curves.count ? (first[index].fraction, values.reduce(0, +) / Double(values.count)) : nil
        }
    }

    private func curvesFigure(_ arms: [StabilityGapArmResult], title: String, zoom: Double?, rates: Bool = true) -> Figure? {
        let sets = [(Self.generalSet, "General"), (Self.domainSet, "Domain"), (Self.taskSet, "Task proxy")]
        var panels: [Panel] = []
        let domain = zoom.map { -0.002...($0 + 0.002) }
        for (set, name) in sets {
            var panel = Panel(title: name, x: Axis("Run fraction", domain: domain),
                              y: Axis("Held-out loss", unit: "bits/byte"))
            for (index, arm) in arms.enumerated() {
                let curve = meanCurve(arm, set).filter { zoom == nil || $0.0 <= zoom! + 1e-9 }
                guard !curve.isEmpty else { continue }
                panel.add(Series(arm.arm.label, x: curve.map(\.0), y: curve.map(\.1), kind: .lineWithMarkers, paletteIndex: index))
            }
            if panel.marks.isEmpty { return nil }
            panels.append(panel)
        }
        if rates {
            for _ in sets {
                var panel = Panel(x: Axis("Run fraction", domain: domain), y: Axis("Learning rate"))
                for (index, arm) in arms.enumerated() {
                    let rate = arm.learningRate.filter { zoom == nil || $0.fraction <= zoom! + 1e-9 }
                    guard !rate.isEmpty else { continue }
                    panel.add(Series(nil, x: rate.map(\.fraction), y: rate.map(\.rate), kind: .line, paletteIndex: index))
                }
                if panel.marks.isEmpty { return Figure(title: title, panels: panels, columns: 3) }
                panels.append(panel)
            }
        }
        return Figure(title: title, panels: panels, columns: 3)
    }

    private func shortLabel(_ arm: StabilityGapArm) -> String {
        switch arm.family {
        case nil: "R0"
        case .subset: "I"
        case .highQuality: "II"
        case .replay: "III"
        case .combined: "I+II+III"
        case .fullBudget: "×\(SpecFormat.number(fullBudgetMultiple)) tokens"
        case .sameData: "general data"
        default: arm.label
        }
    }

    private func strategyBars(_ arms: [StabilityGapArmResult], level: Double) -> Figure? {
        func panel(_ title: String, unit: String, fromZero: Bool, _ value: (StabilityGapArmResult) -> [Int: Double]) -> Panel? {
            let points = arms.compactMap { arm in SeedSummary(value(arm), level: level).map { (shortLabel(arm.arm), $0) } }
            guard points.count >= 2 else { return nil }
            let low = points.map { $0.1.interval?.lower ?? $0.1.mean }.min()!, high = points.map { $0.1.interval?.upper ?? $0.1.mean }.max()!
            let span = max(high - low, 1e-3)
            var panel = Panel(title: title, x: Axis.categories(points.map(\.0)),
                              y: Axis(title, unit: unit, domain: (fromZero ? min(0, low) : low - 0.6 * span)...(high + 0.2 * span)))
            panel.add(Bars(nil, values: points.map(\.1.mean),
                           errorBars: points.allSatisfy { $0.1.interval != nil }
                               ? ErrorBars(lower: points.map { $0.1.interval!.lower }, upper: points.map { $0.1.interval!.upper }) : nil,
                           paletteIndex: 0))
            return panel
        }
        let panels = [
            panel("Gap depth, general", unit: "bits/byte", fromZero: true) { $0.values(Self.generalSet) { $0.depth } },
            panel("Final task-proxy loss", unit: "bits/byte", fromZero: false) { $0.values(Self.taskSet) { $0.final } },
        ].compactMap { $0 }
        guard !panels.isEmpty else { return nil }
        return Figure(title: "Strategies: gap and final task loss", panels: panels, columns: panels.count, legend: .hidden)
    }

    private func ratioFigure(_ analysis: StabilityGapAnalysis) -> Figure? {
        let sized = analysis.models.filter { !$0.risesByRatio.isEmpty }
        guard !sized.isEmpty else { return nil }
        var panel = Panel(x: Axis("Domain share R of the continual data"), y: Axis("General-loss rise at the end", unit: "bits/byte"))
        for (index, model) in sized.enumerated() {
            panel.add(Series("\(model.model) (N = \(NumberFormatting.significant(Double(model.parameters), digits: 2)))",
                             x: model.risesByRatio.map(\.ratio), y: model.risesByRatio.map(\.rise), kind: .lineWithMarkers, paletteIndex: index))
        }
        panel.add(ReferenceLine(axis: .y, value: epsilonBitsPerByte, label: "ε", dash: .dashed))
        return Figure(title: "General-loss rise against the domain ratio", panel: panel)
    }

    private func cmrFigure(_ model: StabilityGapModelAnalysis) -> Figure? {
        guard !model.cmr.isEmpty else { return nil }
        var general = Panel(title: "General loss", x: Axis("Continual tokens T", unit: "bytes", scale: .log10),
                            y: Axis("Change since the switch", unit: "bits/byte"))
        var domain = Panel(title: "Domain loss", x: Axis("Continual tokens T", unit: "bytes", scale: .log10),
                           y: Axis("Change since the switch", unit: "bits/byte"))
        for (index, fit) in model.cmr.enumerated() {
            let name = "R = \(SpecFormat.number((fit.ratio * 1000).rounded() / 1000))"
            general.add(Series(name, x: fit.general.map(\.tokens), y: fit.general.map(\.change), kind: .markers, paletteIndex: index))
            domain.add(Series(name, x: fit.domain.map(\.tokens), y: fit.domain.map(\.change), kind: .markers, paletteIndex: index))
            if let low = fit.general.map(\.tokens).min(), let high = fit.general.map(\.tokens).max() {
                if fit.generalFit != nil {
                    general.addCurve(Series.sampled(nil, from: low, to: high, scale: .log10, paletteIndex: index) { fit.predictedGeneral($0) ?? .nan })
                }
                if fit.domainFit != nil {
                    domain.addCurve(Series.sampled(nil, from: low, to: high, scale: .log10, paletteIndex: index) { fit.predictedDomain($0) ?? .nan })
                }
            }
        }
        general.add(ReferenceLine(axis: .y, value: epsilonBitsPerByte, label: "ε", dash: .dashed))
        return Figure(title: "CMR laws — \(model.model)", panels: [general, domain], columns: 2)
    }

    private func cmrTable(_ model: StabilityGapModelAnalysis) -> ReportTable {
        func describe(_ fit: LawFitReport?, _ names: [String]) -> String {
            guard let fit else { return "not fitted" }
            return names.map { name in "\(name) \(NumberFormatting.significant(fit.parameters.first { $0.name == name }?.estimate ?? .nan, digits: 3))" }
                .joined(separator: ", ") + (fit.status.isConverged ? "" : " (\(fit.status))")
        }
        return ReportTable(
            header: ["R", "L_Δgen(T): α₂, s₂, α₃, s₃, β₂", "L_Δdom(T): α₁, s₁, β₁", "predicted Δgen at the budget"],
            rows: model.cmr.map { fit in
                let budget = fit.general.map(\.tokens).max() ?? 0
                return [SpecFormat.number((fit.ratio * 1000).rounded() / 1000),
                        describe(fit.generalFit, ["alpha2", "s2", "alpha3", "s3", "beta2"]),
                        describe(fit.domainFit, ["alpha1", "s1", "beta1"]),
                        fit.predictedGeneral(budget).map { String(format: "%+.4f bpb", $0) } ?? "–"]
            },
            alignments: [.right, .left, .left, .right],
            caption: "CMR fits for \(model.model) (least squares on the seed means; T in bytes).")
    }

    private func criticalTable(_ analysis: StabilityGapAnalysis) -> ReportTable {
        ReportTable(header: ["model", "parameters", "critical ratio R_c (per seed)"],
                    rows: analysis.models.filter { !$0.criticalRatio.isEmpty }.map { model in
                        [model.model, NumberFormatting.significant(Double(model.parameters), digits: 3),
                         model.criticalRatio.keys.sorted().map { "seed \($0): \(String(format: "%.3f", model.criticalRatio[$0]!))" }.joined(separator: ", ")]
                    },
                    alignments: [.left, .right, .left],
                    caption: "The largest domain share whose final general-loss rise stays ≤ ε, interpolated between the trained ratios (R0 is R = 1).")
    }

    private func armTable(_ model: StabilityGapModelAnalysis, level: Double) -> ReportTable {
        func cell(_ values: [Int: Double]) -> String { SeedSummary.cell(values, level: level) }
        return ReportTable(
            header: ["arm", "seeds", "G general", "G task", "final general", "final domain", "final task"],
            rows: model.arms.map { arm in
                [arm.arm.label, String(arm.measures[Self.generalSet]?.count ?? 0),
                 cell(arm.values(Self.generalSet) { $0.depth }), cell(arm.values(Self.taskSet) { $0.depth }),
                 cell(arm.values(Self.generalSet) { $0.final }), cell(arm.values(Self.domainSet) { $0.final }),
                 cell(arm.values(Self.taskSet) { $0.final })]
            },
            alignments: [.left, .right, .right, .right, .right, .right, .right],
            caption: "Per arm: gap depth G (largest rise above the switch value in the first \(SpecFormat.number(100 * gapWindow)) %) and final held-out losses, bits per byte: mean over seeds [\(SpecFormat.number(100 * level)) % t-interval].")
    }
}
