// `tinyscale show <run hash prefix>`: one run from the store — its config as JSON, its held-out
// evaluation curves and its per-step training log. Reads the store only.
import ArgumentParser
import Foundation
import Studies

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one run: its config, evaluation curves and training log.",
        discussion: """
            RUN-HASH is a run hash or its first characters (as in checkpoints/<hash>/, data.csv and \
            `tinyscale plan --json`); it must name one run. Losses are in bits per byte.

            Exit status: 0 shown, 64 bad usage or a prefix that names several runs, 65 no such \
            run in the store, 66 no store.
            """)

    @Argument(help: "A run hash or a prefix of one.")
    var runHash: String

    @Option(name: [.short, .long], help: "Archive folder holding the store.")
    var output: String = "output"

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            Terminal.error("\(pipeline.storePath): error: no run store here; run a study first, or pass --output")
            throw ExitCode(ExitStatus.missingFile)
        }
        let store = try pipeline.openStore()
        let matches = try store.runs(hashPrefix: runHash)
        guard let stored = matches.first else {
            Terminal.error("error: no run whose hash starts with '\(runHash)' in \(pipeline.storePath)")
            throw ExitCode(ExitStatus.invalidSpec)
        }
        guard matches.count == 1 else {
            Terminal.error("error: '\(runHash)' names \(matches.count) runs (\(matches.prefix(5).map(\.hash).joined(separator: ", "))\(matches.count > 5 ? ", …" : "")); give more of the hash")
            throw ExitCode(ExitStatus.usage)
        }
        print(try Self.render(stored, metrics: store.metrics(for: stored.hash), log: store.trainingLog(for: stored.hash)))
    }

    /// The whole text of `show` for one run.
    static func render(_ run: StoredRun, metrics: [MetricPoint], log: [TrainingLogPoint]) throws -> String {
        var lines = ["run \(run.hash)"]
        if !run.study.isEmpty { lines.append("study \(run.study): \(run.label)") }
        var status = "status \(run.status.rawValue)"
        if let summary = run.summary {
            status += String(format: ", final loss %.4f bits/byte, %d parameters, %d tokens, %.2g FLOPs, %.1f s",
                             summary.finalLossNats / ln2, summary.parameters, summary.tokens, summary.flops, summary.wallSeconds)
        }
        if let message = run.message { status += " (\(message))" }
        lines.append(status)

        lines.append("")
        lines.append("config:")
        lines.append(try JSONOutput.text(run.config))

        lines.append("")
        lines.append("evaluations (held-out loss, bits/byte):")
        let splits = Array(Set(metrics.map(\.split))).sorted()
        if splits.isEmpty {
            lines.append("  none yet")
        } else {
            let steps = Array(Set(metrics.map(\.step))).sorted()
            var table = [["step", "tokens"] + splits]
            for step in steps {
                let points = metrics.filter { $0.step == step }
                table.append([String(step), String(points.first?.tokens ?? 0)] + splits.map { split in
                    points.first { $0.split == split }.map { String(format: "%.4f", $0.bitsPerByte) } ?? "—"
                })
            }
            lines += aligned(table)
        }

        lines.append("")
        lines.append("training log (every training.log_every steps and the last; loss in bits/byte, learning rate of the step's update, gradient norm before clipping):")
        if log.isEmpty {
            lines.append("  none (a run trained before the training log existed, or not started)")
        } else {
            var table = [["step", "tokens", "loss", "learning_rate", "gradient_norm", "tokens_per_s"]]
            for point in log {
                table.append([String(point.step), String(point.tokens), String(format: "%.4f", point.lossNats / ln2),
                              String(format: "%.6g", point.learningRate), String(format: "%.4g", point.gradientNorm),
                              String(format: "%.0f", point.tokensPerSecond)])
            }
            lines += aligned(table)
        }
        return lines.joined(separator: "\n")
    }

    /// Nats to bits is division by ln 2.
    private static let ln2 = log(2.0)

    /// Right-aligned columns two spaces apart, indented by two.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.indices.map { String(repeating: " ", count: widths[$0] - row[$0].count) + row[$0] }.joined(separator: "  ")
        }
    }
}
