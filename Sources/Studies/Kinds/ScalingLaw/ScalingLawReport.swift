// The scaling-law report (STUDIES.md §1): loss curves, final loss against N per budget with the
// fitted surface, IsoFLOP parabolas, compute-optimal N and D against C = (6N + 12·L·T·d)·D, the
// held-out prediction, fit tables with intervals (each naming its N), the epochs of every point,
// verdicts and the runs.
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
            training.append(.figure(FigureCell(curves, caption: "Validation loss during training of each model at its largest token budget (first seed), \(analysis.primaryMethod == .cosine ? "cosine schedule" : "WSD cooldown branch").")))
        }
        if !analysis.sweep.isEmpty {
            training.append(.table(sweepTable(analysis.sweep, spec: spec)))
        }
        training.append(.table(epochTable(analysis, spec: spec)))
        sections.append(ReportSection("Training", cells: training))

        var approach3: [ReportCell] = []
        if let fit = analysis.approach3 {
            approach3.append(.fitResults(fitTable(fit, caption: "\(analysis.approach3Label): $L(N, D) = E + A/N^{α} + B/D^{β}$ (bits/byte) with N all parameters and D training bytes, Huber δ = \(format(spec.fit.huberDelta)). A quantity the data do not determine reads \"at lower bound\" instead of a number.", level: spec.fit.confidenceLevel)))
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
            allocation.append(.figure(FigureCell(figure, caption: "Compute-optimal parameters $N_{opt}(C)$ and tokens $D_{opt}(C) = C/(6N + 12·L·T·d)$ from Approach 3, minimising the fitted $L(N, D)$ at each $C = (6N + 12·L·T·d)·D$; markers are the IsoFLOP minima of Approach 2 where run.")))
        }
        if !analysis.minima.isEmpty {
            allocation.append(.figure(FigureCell(isoFLOPFigure(analysis), caption: "IsoFLOP curves: final loss (mean over seeds) against N, all parameters, at fixed compute C = (6N + 12·L·T·d)·D, with the fitted parabola in ln N and its vertex.")))
            allocation.append(.table(minimaTable(analysis, level: spec.fit.confidenceLevel)))
        }
        if let approach2 = analysis.approach2 {
            allocation.append(.fitResults(fitTable(approach2, caption: "Approach 2: regression of the IsoFLOP minima, `ln N* = k + a·ln C`, N all parameters, C = (6N + 12·L·T·d)·D.", level: spec.fit.confidenceLevel)))
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
            **Claim.** \(spec.claim.isEmpty ? "Loss follows $L(N, D) = E + A/N^{α} + B/D^{β}$ with a compute-optimal exponent near 0.5." : spec.claim)

            **Protocol run.** Byte-level GPTs \(models) trained on \(poolText(analysis)) at token budgets \(budgets) bytes\(tokenLimitText), \
            batch \(spec.training.batchSize) × context \(spec.training.contextLength), AdamW (β₁ \(format(spec.training.optimizer.beta1)), β₂ \(format(spec.training.optimizer.beta2))) at \(learningRateSweep == nil ? "peak learning rate \(format(spec.training.optimizer.learningRate))" : "a peak learning rate swept per size (below) from \(format(spec.training.optimizer.learningRate))"), seeds \(spec.seeds.map(String.init).joined(separator: ", ")). \
            Method: \(method.rawValue)\(isoFLOPText(spec)).
            """
        let sizes = spec.models.map { Double(spec.modelConfig($0).parameterCount) }
        let range = "\(NumberFormatting.significant(sizes.min() ?? 0, digits: 2))–\(NumberFormatting.significant(sizes.max() ?? 0, digits: 2))"
        let compute = ScalingCompute(context: spec.training.contextLength)
        let share = spec.models.min { compute.parameters($0) < compute.parameters($1) }.map { compute.attentionShare($0) } ?? 0
        text += "\n\n**Deviations from the papers.** Models have \(range) parameters instead of 7 × 10⁷–1.6 × 10¹⁰ (Hoffmann et al.) and see bytes, not BPE tokens; loss is held-out bits per byte. Compute is C = (6N + 12·L·T·d)·D with N all parameters, L layers, T the context and d the width: the attention term is \(format(100 * share)) % of the smallest model's FLOPs, so 6ND alone would misplace the small sizes. N is all parameters in Approaches 2 and 3; Kaplan's L(N) is shown with both conventions. Exponents at this scale need not match the published ones; the verdicts test the qualitative claims and the allocation exponent range in the spec."
        return text
    }

    /// The pool's sources and its size in one pass, with the epoch cap.
    private func poolText(_ analysis: ScalingLawAnalysis) -> String {
        let sources = corpora.map { "`\($0)`" }.joined(separator: " + ")
        let size = analysis.poolBytes.map { "\(Quantity.bytes($0)) bytes of training text per pass; " } ?? ""
        return "\(sources) (\(size)at most \(maximumEpochs) passes per run)"
    }

    private var tokenLimitText: String {
        guard let tokenLimit else { return "" }
        return " (models above \(NumberFormatting.significant(Double(tokenLimit.aboveParameters), digits: 3)) parameters up to \(Quantity.bytes(tokenLimit.tokens)))"
    }

    private func isoFLOPText(_ spec: StudySpec) -> String {
        guard !isoFLOPBudgets.isEmpty else { return "" }
        let centre = isoFLOPPilot.map { "a pilot optimum $N^{*}(C) = \(NumberFormatting.significant($0.parameters, digits: 3))·(C/\(NumberFormatting.significant($0.compute, digits: 3)))^{\(format($0.exponent))}$ (C in FLOPs)" }
            ?? "the geometric middle of the model range"
        let seeds = (isoFLOPSeeds ?? spec.seeds).map(String.init).joined(separator: ", ")
        return "; IsoFLOP budgets \(isoFLOPBudgets.map { Quantity.flops($0) }.joined(separator: ", ")) FLOPs, each with \(isoFLOPSizeCount) sizes ×\(format(isoFLOPSizeRatio)) apart around \(centre), kept inside the model range and at most each size's largest token budget (seeds \(seeds))"
    }

    /// The learning-rate sweep: every size at every multiple, the picked one marked.
    private func sweepTable(_ trials: [SweepTrial], spec: StudySpec) -> ReportTable {
        let tokens = learningRateSweep.map { Quantity.bytes($0.tokens) } ?? "–"
        return ReportTable(
            header: ["model", "N", "multiple", "peak learning rate", "final loss (bpb)", "picked"],
            rows: trials.map { trial in
                [trial.model, NumberFormatting.significant(trial.parameters, digits: 3), "×" + format(trial.multiplier),
                 format(trial.learningRate), trial.bitsPerByte.map { String(format: "%.4f", $0) } ?? "diverged",
                 trial.picked ? "yes" : ""]
            },
            alignments: [.left, .right, .right, .right, .right, .left],
            caption: "Learning-rate sweep: each model trained \(tokens) bytes with a cosine schedule (seed \(spec.seeds.first ?? 0)) at each multiple of the spec's peak learning rate \(format(spec.training.optimizer.learningRate)); every other run of a size trains at its lowest-loss rate, and the sizes between the models (IsoFLOP shapes) at a rate interpolated in (ln N, ln rate). The sweep runs are kept in the store, so a re-run reuses them.")
    }

    /// Every trained point: its size, budget, compute and passes over the pool.
    private func epochTable(_ analysis: ScalingLawAnalysis, spec: StudySpec) -> ReportTable {
        let points = analysis.grid + analysis.wsd + analysis.isoFLOP
        func method(_ point: ScalingPoint) -> String {
            point.compute.map { "IsoFLOP \(Quantity.flops($0))" } ?? (point.method == .cosine ? "cosine" : "WSD branch")
        }
        return ReportTable(
            header: ["model", "N", "D (bytes)", "C (FLOPs)", "epochs", "method", "seeds"],
            rows: points.map { point in
                [point.model, NumberFormatting.significant(point.parameters, digits: 3), Quantity.bytes(Int(point.tokens)),
                 NumberFormatting.significant(point.trainingCompute, digits: 3),
                 analysis.poolBytes.map { format(point.tokens / Double($0)) } ?? "–", method(point), "\(point.seeds.count)"]
            },
            alignments: [.left, .right, .right, .right, .right, .left, .right],
            caption: "Every trained point: N all parameters, C = (6N + 12·L·T·d)·D, epochs = D / one pass over the pool (at most \(maximumEpochs); a run that would need more is refused before it trains).")
    }

    /// Each IsoFLOP budget's vertex with its interval over seeds, the sampled sizes and Approach 3's N_opt.
    private func minimaTable(_ analysis: ScalingLawAnalysis, level: Double) -> ReportTable {
        ReportTable(
            header: ["C (FLOPs)", "N* (Approach 2)", "interval over seeds", "sampled N", "interior", "N_opt (Approach 3)"],
            rows: analysis.minima.map { minimum in
                let compute = minimum.parabola.compute
                let approach3 = analysis.approach3.flatMap { fit in
                    analysis.flopsCurve.flatMap { Self.optimalParameters(fit, compute: compute, curve: $0, around: minimum.parabola.optimalParameters) }
                }
                return [Quantity.flops(compute),
                        minimum.parabola.isUShaped ? NumberFormatting.significant(minimum.parabola.optimalParameters, digits: 3) : "no minimum",
                        minimum.interval.map { "[\(NumberFormatting.significant($0.lower, digits: 3)), \(NumberFormatting.significant($0.upper, digits: 3))]" } ?? "–",
                        "\(NumberFormatting.significant(minimum.sampled.lowerBound, digits: 3))–\(NumberFormatting.significant(minimum.sampled.upperBound, digits: 3))",
                        minimum.isInterior ? "yes" : "no",
                        approach3.map { NumberFormatting.significant($0, digits: 3) } ?? "–"]
            },
            alignments: [.right, .right, .right, .right, .left, .right],
            caption: "IsoFLOP minima: the vertex of the parabola through the mean losses, a \(format(100 * level)) % t-interval over the vertices of each seed's parabola, and Approach 3's compute-optimal N at the same C (N all parameters).")
    }

    private func lossCurves(_ grid: [ScalingPoint]) -> Figure? {
        guard !grid.isEmpty else { return nil }
        var panel = Panel(x: Axis("Training tokens", unit: "bytes", scale: .log10),
                          y: Axis("Validation loss", unit: "bits/byte", scale: .log10))
        let longest = Dictionary(grouping: grid, by: \.model).values.compactMap { $0.max { $0.tokens < $1.tokens } }
            .sorted { $0.parameters < $1.parameters }
        for (index, point) in longest.enumerated() where !point.curve.isEmpty {
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
        guard let curve = analysis.flopsCurve, let a = fit.quantity("allocation_exponent_a")?.estimate else { return nil }
        let computes = analysis.grid.map(\.trainingCompute) + isoFLOPBudgets
        let sizes = analysis.grid.map(\.parameters)
        guard let low = computes.min(), let high = computes.max(), low < high,
              let smallest = sizes.min(), let largest = sizes.max() else { return nil }
        let middle = (smallest * largest).squareRoot()
        func optimum(_ compute: Double) -> Double {
            Self.optimalParameters(fit, compute: compute, curve: curve, around: middle) ?? .nan
        }
        var parameters = Panel(title: "Parameters", x: Axis("Compute C", unit: "FLOPs", scale: .log10),
                               y: Axis("N_opt", scale: .log10))
        parameters.addCurve(Series.sampled("Approach 3 (a = \(format(a)))", from: low, to: high, scale: .log10, paletteIndex: 0) {
            optimum($0)
        })
        var tokens = Panel(title: "Tokens", x: Axis("Compute C", unit: "FLOPs", scale: .log10),
                           y: Axis("D_opt", unit: "bytes", scale: .log10))
        tokens.addCurve(Series.sampled("Approach 3", from: low, to: high, scale: .log10, paletteIndex: 1) {
            curve.tokens(parameters: optimum($0), compute: $0)
        })
        let vertices = analysis.minima.map(\.parabola).filter(\.isUShaped)
        if !vertices.isEmpty {
            parameters.add(Series("IsoFLOP minima", x: vertices.map(\.compute), y: vertices.map(\.optimalParameters),
                                  kind: .markers, paletteIndex: 2))
            tokens.add(Series("IsoFLOP minima", x: vertices.map(\.compute),
                              y: vertices.map { curve.tokens(parameters: $0.optimalParameters, compute: $0.compute) },
                              kind: .markers, paletteIndex: 2))
        }
        guard !parameters.marks.isEmpty, !tokens.marks.isEmpty else { return nil }
        return Figure(title: "Compute-optimal allocation", panels: [parameters, tokens], columns: 2)
    }

    private func isoFLOPFigure(_ analysis: ScalingLawAnalysis) -> Figure {
        var panel = Panel(x: Axis("Parameters N", scale: .log10), y: Axis("Final validation loss", unit: "bits/byte"))
        for (index, parabola) in analysis.minima.map(\.parabola).enumerated() {
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

    func fitTable(_ fit: LawFitReport, caption: String, level: Double) -> FitResults {
        // Chinchilla's solver coordinates log_A, log_B, log_E are shown as A, B, E; its N_opt and
        // D_opt rows assume C = 6ND, so the minima table gives them under the full compute count.
        let allocationRows = fit.derivedQuantities.map(\.name).filter { $0.hasPrefix("N_opt(") || $0.hasPrefix("D_opt(") }
        return fit.fitResults(caption: caption, level: level,
                              hidden: fit.law == "chinchilla" ? Set(["log_A", "log_B", "log_E"] + allocationRows) : [],
                              units: ["E": "bits/byte"])
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
            caption: "Kaplan's $L(N) = (N_{c}/N)^{α_{N}}$ at the largest token budget every model trained, under both parameter-counting conventions. \(nonEmbedding.bootstrapSentence(of: "non-embedding fit")) \(all.bootstrapSentence(of: "all-parameter fit"))")
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
