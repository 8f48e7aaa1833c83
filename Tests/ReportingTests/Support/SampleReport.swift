// Sample documents for the tests: a realistic scaling-law report (figures, a long table,
// multilingual prose, fits, verdicts, spec) and a deliberately hostile one for escaping tests.

import Foundation
import Reporting

enum SampleReport {
    static let hostile = #"<script>alert("x")</script> & 'quotes'"#

    static let multilingualProse = """
        **Latin with diacritics:** Příliš žluťoučký kůň úpěl ďábelské ódy; zażółć gęślą jaźń; \
        l'œuvre naïve de Noël, façade déjà vue; ¿Dónde está el pingüino? Ærøskøbing.

        **Cyrillic:** Съешь же ещё этих мягких французских булок, да выпей чаю.

        **Greek:** Ξεσκεπάζω την ψυχοφθόρα βδελυγμία· ο νόμος κλίμακας με εκθέτη α ≈ 0,34.

        **Chinese:** 语言模型的规模定律在小规模上也能复现吗？我们用三十个小模型检验这个结论。
        """

    /// A scaling-law style report with `figureCount` figures and a `tableRows`-row run table.
    static func scalingLaw(figureCount: Int = 3, tableRows: Int = 60) -> Report {
        let provenance = Provenance(
            date: Date(timeIntervalSince1970: 1_795_000_000), profile: "quick", version: "0.1.0",
            gitCommit: "2e9ca68f3b1d4c5e6a7b8c9d0e1f2a3b4c5d6e7f", machine: "Debian 12, x86_64, 2 cores (shared)",
            threadCount: 2, seeds: [1, 2, 3],
            corpora: [CorpusProvenance(name: "fortunes", source: "Debian package fortunes 1:1.99.1-7.3",
                                       licence: "BSD-4-Clause", bytes: 2_449_108),
                      CorpusProvenance(name: "fortunes-ru", source: "Debian package fortunes-ru 1.52-3",
                                       licence: "GPL-2", bytes: 3_503_180)],
            totalTokens: 3.2e8, totalFLOPs: 4.7e15, trainingSeconds: 5_412)

        let sizes = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6]
        var runRows: [RunRow] = []
        for index in 0..<tableRows {
            let parameters = sizes[index % sizes.count] * 1e6
            let tokens = Double(20 + index) * 1e6
            let loss = 1.69 + 406.4 * pow(parameters, -0.34) + 410.7 * pow(tokens, -0.28)
            runRows.append(RunRow(identifier: String(format: "r%03d-%08x", index, index &* 2_654_435_761 & 0xffff_ffff),
                                  status: index % 17 == 5 ? .reused : .completed,
                                  values: [NumberFormatting.significant(parameters, digits: 3),
                                           NumberFormatting.significant(tokens, digits: 3),
                                           String(format: "%.4f", loss), String(index % 3 + 1)]))
        }

        var figures: [ReportCell] = []
        for number in 0..<figureCount {
            figures.append(.figure(FigureCell(
                SketchFigure(label: number == 0 ? "L(N) = E + A·N^−α" : "fit \(number + 1) · 拟合",
                             slope: -0.2 - 0.05 * Double(number)),
                caption: "Final loss against non-embedding parameters $N$ on log–log axes (run \(number + 1)); "
                    + "the line is the fitted power law, shading would show the *95 %* band over seeds.")))
        }

        return Report(
            title: "Chinchilla scaling law at tiny scale",
            summary: "We fit $L(N, D) = E + A/N^α + B/D^β$ to **\(tableRows) runs** between 50 k and 1.6 M "
                + "parameters. The parameter exponent *reproduces*; the data exponent is inconclusive.",
            provenance: provenance,
            sections: [
                ReportSection("Setup", cells: [
                    .prose("""
                        Each run trains a byte-level GPT on a mixture of two corpora. Losses are reported in \
                        `bits/byte` on a held-out split; see [the Chinchilla paper](https://arxiv.org/abs/2203.15556). \
                        The fits are in [section 2](#sec-2).

                        - model widths from 32 to 256 channels
                        - token budgets of 20 to 80 million bytes
                        - three seeds per configuration

                        1. plan the grid
                        2. train every run, reusing cached ones
                        3. fit the law with Huber loss and bootstrap intervals
                        """),
                ], subsections: [
                    ReportSection("Multilingual corpora", cells: [.prose(multilingualProse)]),
                ]),
                ReportSection("Results", cells: figures + [
                    .fitResults(FitResults(caption: "Fitted Chinchilla parameters (bootstrap, 1000 resamples).",
                                           results: [
                        FitResult(parameter: "E", estimate: 1.702, standardError: 0.008,
                                  interval: (1.687, 1.718), unit: "nats/byte"),
                        FitResult(parameter: "A", estimate: 407.6, standardError: 1.1, interval: (405.4, 409.8)),
                        FitResult(parameter: "α", estimate: 0.3405, standardError: 0.0004,
                                  interval: (0.3397, 0.3413)),
                        FitResult(parameter: "β", estimate: 0.29, standardError: 0.07, interval: (0.15, 0.43)),
                    ])),
                    .verdict(Verdict(
                        claim: "Loss falls as a power law in parameters with exponent α ≈ 0.34.",
                        outcome: .reproduced,
                        explanation: "The 95 % interval of the fitted α contains the paper's value.",
                        evidence: [VerdictEvidence(quantity: "α", measured: "0.3405 [0.3397, 0.3413]",
                                                   criterion: "paper 0.34; interval must contain it")])),
                    .verdict(Verdict(
                        claim: "The data exponent β is close to α (balanced scaling).",
                        outcome: .inconclusive,
                        explanation: "The interval of β is too wide to decide at this scale.",
                        evidence: [VerdictEvidence(quantity: "β", measured: "0.29 [0.15, 0.43]",
                                                   criterion: "|β − α| < 0.05 with a narrow interval")])),
                    .verdict(Verdict(
                        claim: "Compute-optimal tokens per parameter $D_{opt}/N_{opt} ≈ 20$, so $N_{opt} ∝ C^{0.5}$.",
                        outcome: .notReproduced,
                        evidence: [VerdictEvidence(quantity: "D/N", measured: "7.1 [5.0, 9.3]",
                                                   criterion: "paper 20; interval must contain it")])),
                ]),
                ReportSection("Runs", cells: [
                    .runs(RunTable(caption: "Every run of the study with its final held-out loss.",
                                   columns: ["N", "D (bytes)", "loss (bits/byte)", "seed"], runs: runRows)),
                ]),
                ReportSection("Specification", cells: [
                    .code(CodeBlock(title: "Resolved spec", language: "yaml", text: """
                        name: chinchilla-tiny
                        kind: scaling-law
                        profile: quick
                        model:
                          widths: [32, 64, 128, 256]
                          layers: 2
                        data:
                          mixture: {fortunes: 0.5, fortunes-ru: 0.5}
                        seeds: [1, 2, 3]
                        """)),
                ]),
            ])
    }

    /// A short report with the hostile string in every user-supplied place.
    static func hostileReport() -> Report {
        Report(
            title: hostile,
            summary: "Summary " + hostile,
            provenance: Provenance(machine: hostile, extraRows: [(key: hostile, value: hostile)]),
            sections: [
                ReportSection(hostile, cells: [
                    .prose("Prose " + hostile + " [link](javascript:alert(1)) [ok](https://example.org/?a=1&b=\"2\")"),
                    .table(ReportTable(header: [hostile, "b"], rows: [[hostile, "x"]], caption: hostile)),
                    .figure(FigureCell(SketchFigure(label: hostile), caption: hostile)),
                    .verdict(Verdict(claim: hostile, outcome: .inconclusive, explanation: hostile,
                                     evidence: [VerdictEvidence(quantity: hostile, measured: hostile, criterion: hostile)])),
                    .code(CodeBlock(title: hostile, language: hostile, text: "name: " + hostile + "\u{1b}[31m")),
                ]),
            ])
    }
}
