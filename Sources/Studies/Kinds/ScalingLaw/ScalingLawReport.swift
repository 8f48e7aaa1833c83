// The scaling-law report (STUDIES.md §1): loss curves, final loss against N per budget with the
// fitted surface, IsoFLOP parabolas, compute-optimal N and D against C, the held-out prediction,
// fit tables with intervals, verdicts and the runs.
import Foundation
import LawFit
import Plotting
import Reporting

extension ScalingLawSettings {
    /// The report sections of a finished analysis.
    func sections(_ spec: StudySpec, analysis: ScalingLawAnalysis) -> [ReportSection] {
        var sections = [
            ReportSection("Finding and protocol", cells: [.prose(protocolText(spec, analysis: analysis))]),
            ReportSection("Verdicts", cells: analysis.verdicts.map { .verdict($0) }),
        ]
        var training: [ReportCell] = []
        if let curves = lossCurves(analysis.grid) {
            training.append(.figure(FigureCell(curves, caption: "Validation loss during training of each model at the largest token budget (first seed), cosine schedule.")))
        }
        sections.append(ReportSection("Training", cells: training))

        var approach3: [ReportCell] = []
        if let fit = analysis.approach3 {
            approach3.append(.fitResults(fitTable(fit, caption: "Approach 3 fit on the cosine runs: L(N, D) = E + A/N^α + B/D^β (bits/byte), Huber δ = \(format(spec.fit.huberDelta)).", level: spec.fit.confidenceLevel)))
            approach3.append(.figure(FigureCell(lossVersusParameters(analysis.grid, fit: fit),
                                                caption: "Final validation loss against parameters N for each token budget D; lines are the fitted law at that D.")))
            if let wsdFit = analysis.approach3WSD {
                approach3.append(.table(methodComparison(fit, wsdFit)))
                approach3.append(.prose("The WSD rows come from one constant-learning-rate trunk per model with a cooldown branch (\(Int(cooldownFraction * 100)) % of each budget) at every token budget; the cosine rows from separate runs whose schedule matches their length."))
            }
            approach3.append(.prose(fit.messages.map { "- \($0)" }.joined(separator: "\n")))
        }
        sections.append(ReportSection("Approach 3: the parametric law", cells: approach3))

        var allocation: [ReportCell] = []
        if let fit = analysis.approach3, let figure = computeOptimal(fit, analysis: analysis) {
            allocation.append(.figure(FigureCell(figure, caption: "Compute-optimal parameters `N_opt(C) = G·(C/6)^a` and tokens `D_opt(C) = (C/6)^b / G` from Approach 3; markers are the IsoFLOP minima of Approach 2 where run.")))
        }
        if !analysis.parabolas.isEmpty {
            allocation.append(.figure(FigureCell(isoFLOPFigure(analysis), caption: "IsoFLOP curves: final loss against N at fixed compute C = 6ND, with the fitted parabola in ln N and its vertex.")))
        }
        if let approach2 = analysis.approach2 {
            allocation.append(.fitResults(fitTable(approach2, caption: "Approach 2: regression of the IsoFLOP minima, `ln N* = k + a·ln C`.", level: spec.fit.confidenceLevel)))
        }
        sections.append(ReportSection("Compute-optimal allocation", cells: allocation))

        var kaplan: [ReportCell] = []
        if let nonEmbedding = analysis.kaplanNonEmbedding, let all = analysis.kaplanAll {
            kaplan.append(.table(kaplanTable(nonEmbedding, all)))
            kaplan.append(.prose("Kaplan et al. count non-embedding parameters; at tiny scale the embedding is a large share of N, so the two conventions differ most here — the source of the 0.73 vs 0.5 disagreement on the allocation exponent."))
        }
        sections.append(ReportSection("Kaplan's L(N)", cells: kaplan))

        if let heldOut = analysis.heldOut {
            sections.append(ReportSection("Predicting the largest model", cells: [
                .prose("Beyond the papers: Approach 3 refitted without model **\(analysis.heldOutModel ?? "")** predicts its losses. Mean absolute error \(format(heldOut.meanAbsoluteError)) bits/byte; largest relative error \(format(100 * heldOut.maximumRelativeError)) %."),
                .figure(FigureCell(predictionFigure(heldOut), caption: "Predicted against measured final loss of the held-out model, one point per token budget and seed.")),
            ]))
        }
        if !analysis.notes.isEmpty {
            sections.append(ReportSection("Notes", cells: [.prose(analysis.notes.map { "- \($0)" }.joined(separator: "\n"))]))
        }
        return sections
    }

    private func protocolText(_ spec: StudySpec, analysis: ScalingLawAnalysis) -> String {
        let models = spec.models.map { "\($0.name) (\($0.layers)×\($0.width), \($0.heads) heads)" }.joined(separator: ", ")
        let budgets = tokenBudgets.map { Quantity.bytes($0) }.joined(separator: ", ")
        var text = """
            **Claim.** \(spec.claim.isEmpty ? "Loss follows L(N, D) = E + A/N^α + B/D^β with a compute-optimal exponent near 0.5." : spec.claim)

            **Protocol run.** Byte-level GPTs \(models) trained on `\(corpus)` at token budgets \(budgets) bytes, \
            batch \(spec.training.batchSize) × context \(spec.training.contextLength), AdamW at peak learning rate \
            \(format(spec.training.optimizer.learningRate)), seeds \(spec.seeds.map(String.init).joined(separator: ", ")). \
            Method: \(method.rawValue)\(isoFLOPBudgets.isEmpty ? "" : "; IsoFLOP budgets \(isoFLOPBudgets.map { Quantity.flops($0) }.joined(separator: ", ")) FLOPs, each trained with every size whose D = C/6N is at most \(Quantity.bytes(isoFLOPTokenLimit)) bytes (twice the largest token budget)").
            """
        let sizes = spec.models.map { Double(spec.modelConfig($0).parameterCount) }
        let range = "\(NumberFormatting.significant(sizes.min() ?? 0, digits: 2))–\(NumberFormatting.significant(sizes.max() ?? 0, digits: 2))"
        text += "\n\n**Deviations from the papers.** Models have \(range) parameters instead of 7 × 10⁷–1.6 × 10¹⁰ (Hoffmann et al.) and see bytes, not BPE tokens; loss is held-out bits per byte; compute is C = 6ND with N counting all parameters. Exponents at this scale need not match the published ones; the verdicts test the qualitative claims and the allocation exponent range in the spec."
        return text
    }

    private func lossCurves(_ grid: [ScalingPoint]) -> Figure? {
        guard let largest = grid.map(\.tokens).max() else { return nil }
        var panel = Panel(x: Axis("Training tokens", unit: "bytes", scale: .log10),
                          y: Axis("Validation loss", unit: "bits/byte", scale: .log10))
        for (index, point) in grid.filter({ $0.tokens == largest }).enumerated() where !point.curve.isEmpty {
            panel.add(Series(point.model, x: point.curve.map(\.tokens), y: point.curve.map(\.bitsPerByte),
                             kind: .lineWithMarkers, paletteIndex: index))
        }
        return Figure(title: "Loss curves", panel: panel)
    }

    private func surface(_ fit: LawFitReport, parameters: Double, tokens: Double) -> Double {
        let e = fit.quantity("E")?.estimate ?? 0, a = fit.quantity("A")?.estimate ?? 0, b = fit.quantity("B")?.estimate ?? 0
        let alpha = fit.quantity("alpha")?.estimate ?? 0, beta = fit.quantity("beta")?.estimate ?? 0
        return e + a / pow(parameters, alpha) + b / pow(tokens, beta)
    }

    private func lossVersusParameters(_ grid: [ScalingPoint], fit: LawFitReport) -> Figure {
        var panel = Panel(x: Axis("Parameters N", scale: .log10), y: Axis("Final validation loss", unit: "bits/byte", scale: .log10))
        let sizes = grid.map(\.parameters)
        for (index, tokens) in Set(grid.map(\.tokens)).sorted().enumerated() {
            let slice = grid.filter { $0.tokens == tokens }
            let spread = slice.contains { $0.seedLosses.count > 1 }
                ? ErrorBars(lower: slice.map { $0.seedLosses.min()! }, upper: slice.map { $0.seedLosses.max()! }) : nil
            panel.add(Series("D = \(Quantity.bytes(Int(tokens)))", x: slice.map(\.parameters), y: slice.map(\.meanLoss),
                             kind: .markers, errorBars: spread, paletteIndex: index))
            panel.addCurve(Series.sampled(nil, from: sizes.min()! / 1.3, to: sizes.max()! * 1.3, scale: .log10, paletteIndex: index) {
                surface(fit, parameters: $0, tokens: tokens)
            })
        }
        // The irreducible loss is drawn only when it lies near the data; a fit that sends E towards
        // zero would otherwise stretch the log axis over many empty decades.
        if let e = fit.quantity("E")?.estimate, e > 0.5 * (grid.map(\.meanLoss).min() ?? 0) {
            panel.add(ReferenceLine.horizontal(e, label: "E = \(format(e)) bpb"))
        }
        return Figure(title: "Final loss against model size", panel: panel)
    }

    private func computeOptimal(_ fit: LawFitReport, analysis: ScalingLawAnalysis) -> Figure? {
        guard let g = fit.quantity("G")?.estimate, let a = fit.quantity("allocation_exponent_a")?.estimate,
              let b = fit.quantity("allocation_exponent_b")?.estimate, g.isFinite, g > 0 else { return nil }
        let computes = analysis.grid.map { 6 * $0.parameters * $0.tokens } + isoFLOPBudgets
        guard let low = computes.min(), let high = computes.max(), low < high else { return nil }
        var sizes = Panel(title: "Parameters", x: Axis("Compute C", unit: "FLOPs", scale: .log10),
                          y: Axis("N_opt", scale: .log10))
        sizes.addCurve(Series.sampled("Approach 3: N_opt ∝ C^\(format(a))", from: low, to: high, scale: .log10, paletteIndex: 0) {
            g * pow($0 / 6, a)
        })
        var tokens = Panel(title: "Tokens", x: Axis("Compute C", unit: "FLOPs", scale: .log10),
                           y: Axis("D_opt", unit: "bytes", scale: .log10))
        tokens.addCurve(Series.sampled("Approach 3: D_opt ∝ C^\(format(b))", from: low, to: high, scale: .log10, paletteIndex: 1) {
            pow($0 / 6, b) / g
        })
        let vertices = analysis.parabolas.filter(\.isUShaped)
        if !vertices.isEmpty {
            sizes.add(Series("IsoFLOP minima", x: vertices.map(\.compute), y: vertices.map(\.optimalParameters),
                             kind: .markers, paletteIndex: 2))
            tokens.add(Series("IsoFLOP minima", x: vertices.map(\.compute),
                              y: vertices.map { $0.compute / (6 * $0.optimalParameters) }, kind: .markers, paletteIndex: 2))
        }
        guard !sizes.marks.isEmpty, !tokens.marks.isEmpty else { return nil }
        return Figure(title: "Compute-optimal allocation", panels: [sizes, tokens], columns: 2)
    }

    private func isoFLOPFigure(_ analysis: ScalingLawAnalysis) -> Figure {
        var panel = Panel(x: Axis("Parameters N", scale: .log10), y: Axis("Final validation loss", unit: "bits/byte"))
        for (index, parabola) in analysis.parabolas.enumerated() {
            let slice = analysis.isoFLOP.filter { $0.compute == parabola.compute }
            panel.add(Series("C = \(Quantity.flops(parabola.compute))", x: slice.map(\.parameters), y: slice.map(\.meanLoss),
                             kind: .markers, paletteIndex: index))
            let sizes = slice.map(\.parameters)
            panel.addCurve(Series.sampled(nil, from: sizes.min()! / 1.2, to: sizes.max()! * 1.2, scale: .log10, paletteIndex: index) {
                parabola.loss(parameters: $0)
            })
            if parabola.isUShaped {
                panel.add(Series(nil, x: [parabola.optimalParameters], y: [parabola.minimumLoss], kind: .markers,
                                 paletteIndex: index, marker: .diamond))
            }
        }
        return Figure(title: "IsoFLOP profiles", panel: panel)
    }

    private func predictionFigure(_ heldOut: HeldOutReport) -> Figure {
        let observed = heldOut.predictions.map(\.observed), predicted = heldOut.predictions.map(\.predicted)
        let all = observed + predicted
        var panel = Panel(x: Axis("Measured loss", unit: "bits/byte"), y: Axis("Predicted loss", unit: "bits/byte"))
        let low = (all.min() ?? 0) * 0.98, high = (all.max() ?? 1) * 1.02
        panel.add(Series("perfect prediction", x: [low, high], y: [low, high], kind: .line, paletteIndex: 7))
        panel.add(Series("held-out runs", x: observed, y: predicted, kind: .markers, paletteIndex: 0))
        return Figure(title: "Held-out prediction", panel: panel)
    }

    private func fitTable(_ fit: LawFitReport, caption: String, level: Double) -> FitResults {
        // Chinchilla's solver coordinates log_A, log_B, log_E are shown as A, B, E.
        fit.fitResults(caption: caption, level: level,
                       hidden: fit.law == "chinchilla" ? ["log_A", "log_B", "log_E"] : [], units: ["E": "bits/byte"])
    }

    private func methodComparison(_ cosine: LawFitReport, _ wsd: LawFitReport) -> ReportTable {
        let names = ["E", "alpha", "beta", "allocation_exponent_a"]
        func failures(_ fit: LawFitReport) -> String {
            fit.bootstrap.map { "\($0.failedResamples) of \($0.resamples)" } ?? "–"
        }
        return ReportTable(
            header: ["quantity", "cosine runs", "WSD branches"],
            rows: names.map { name in
                [name, cosine.quantity(name).map(describe) ?? "–", wsd.quantity(name).map(describe) ?? "–"]
            } + [["failed resamples", failures(cosine), failures(wsd)]],
            alignments: [.left, .right, .right],
            caption: "Approach 3 from separate cosine runs and from WSD cooldown branches (estimate [interval]).")
    }

    private func kaplanTable(_ nonEmbedding: LawFitReport, _ all: LawFitReport) -> ReportTable {
        ReportTable(
            header: ["parameter count", "α_N", "N_c"],
            rows: [["non-embedding (Kaplan)", nonEmbedding.quantity("alpha_N").map(describe) ?? "–", nonEmbedding.quantity("N_c").map(describe) ?? "–"],
                   ["all parameters", all.quantity("alpha_N").map(describe) ?? "–", all.quantity("N_c").map(describe) ?? "–"]],
            alignments: [.left, .right, .right],
            caption: "Kaplan's L(N) = (N\\_c/N)^α\\_N at the largest token budget, under both parameter-counting conventions. \(nonEmbedding.bootstrapSentence(of: "non-embedding fit")) \(all.bootstrapSentence(of: "all-parameter fit"))")
    }
}

extension Panel {
    /// Adds a fitted curve unless the fit makes it undrawable (no finite point, e.g. a degenerate
    /// fit at tiny scale); the fit's table and notes still report the numbers.
    mutating func addCurve(_ series: Series) {
        if zip(series.x, series.y).contains(where: { $0.isFinite && $1.isFinite && $1 > 0 }) {
            add(series)
        }
    }
}
