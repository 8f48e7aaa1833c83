// `tinyscale eval <checkpoint> --data <file>`: the mean loss of a saved model on any byte file.
import ArgumentParser
import Foundation
import TinyGPT

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Mean loss of a saved model on a byte file, in nats and bits per byte.",
        discussion: """
            The file is read as raw bytes and cut into fixed windows: window i predicts bytes \
            i·T + 1 … (i + 1)·T from the T bytes before each, so every byte after the first is \
            scored once. A trailing part shorter than a window is left out.
            """)

    @Argument(help: "A checkpoint folder (config.json + model.safetensors), e.g. output/checkpoints/<hash>/final.")
    var checkpoint: String

    @Option(help: "The byte file to score.")
    var data: String

    @Option(help: "Context length T (default: the model's).")
    var context: Int?

    @Option(help: "Windows per forward pass.")
    var batch = 8

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        if let context, context < 1 { throw ValidationError("--context must be at least 1, got \(context)") }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
    }

    func run() throws {
        let model = try ModelLoading.load(checkpoint)
        let length = context ?? model.config.contextLength
        guard length <= model.config.contextLength else {
            Terminal.error("error: --context \(length) is longer than the model's context (\(model.config.contextLength)); use at most \(model.config.contextLength)")
            throw ExitCode(ExitStatus.usage)
        }
        guard let bytes = FileManager.default.contents(atPath: data) else {
            Terminal.error("\(data): error: no such file or it cannot be read")
            throw ExitCode(ExitStatus.missingFile)
        }
        let result: EvaluationResult
        do {
            result = try model.evaluate(bytes: [UInt8](bytes), sequenceLength: length, batchSize: batch)
        } catch {
            Terminal.error("\(data): error: \(error)")
            throw ExitCode(ExitStatus.invalidSpec)
        }
        if json {
            let fields = [("loss_nats", "\(result.lossNats)"), ("bits_per_byte", "\(result.bitsPerByte)"),
                          ("tokens", "\(result.tokenCount)"), ("context", "\(length)")]
            print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
        } else {
            print(String(format: "%.6f nats/byte = %.6f bits/byte over %d bytes (context %d)",
                         result.lossNats, result.bitsPerByte, result.tokenCount, length))
        }
    }
}

/// Loads a checkpoint for `eval` and `sample`, turning failures into messages and exit statuses.
enum ModelLoading {
    static func load(_ path: String) throws -> GPTModel {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): error: no such checkpoint folder; checkpoints of study runs are in output/checkpoints/<run hash>/final")
            throw ExitCode(ExitStatus.missingFile)
        }
        do {
            return try GPTModel.load(from: URL(fileURLWithPath: path, isDirectory: true),
                                     threadCount: ProcessInfo.processInfo.activeProcessorCount)
        } catch {
            Terminal.error("\(path): error: \(error)")
            throw ExitCode(ExitStatus.invalidSpec)
        }
    }
}
