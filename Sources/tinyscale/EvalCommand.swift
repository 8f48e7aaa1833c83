// `tinyscale eval <checkpoint> --data <file>`: the mean loss of a saved model on any byte file,
// and optionally the logits and gradients of its first batch for cross-checks.
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

            --dump-first-batch OUT.safetensors also writes what the model computes on the \
            first batch (windows 0 … B − 1, fewer if the file has fewer), for comparing with \
            another implementation (benchmarks/torch_reference.py): the Float32 tensors \
            `logits` [B, T, 256] (before the softmax), `loss` [1] (that batch's mean loss in \
            nats) and `grad.<name>` for every tensor of model.safetensors, same shape, the \
            gradient of that batch's mean loss (grad.transformer.wte.weight includes the tied \
            LM head). The file is written before the evaluation starts.

            Exit status: 0 success, 64 bad usage (also a dump path inside the checkpoint \
            folder), 65 unusable checkpoint or data (a config.json that contradicts the weights, \
            NaN or infinite weights, a model that does not fit in memory, with the estimate), \
            66 missing checkpoint or data file, 70 the dump cannot be written.
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

    @Option(help: ArgumentHelp("Also write the first batch's logits, loss and gradients to this safetensors file.",
                               valueName: "out.safetensors"))
    var dumpFirstBatch: String?

    func validate() throws {
        if let context, context < 1 { throw ValidationError("--context must be at least 1, got \(context)") }
        if batch < 1 { throw ValidationError("--batch must be at least 1, got \(batch)") }
        if dumpFirstBatch?.isEmpty == true { throw ValidationError("--dump-first-batch needs a file path") }
    }

    func run() throws {
        if let dumpFirstBatch, Self.isInside(dumpFirstBatch, folder: checkpoint) {
            Terminal.error("error: --dump-first-batch \(dumpFirstBatch) is inside the checkpoint folder \(checkpoint) it would overwrite; write the dump elsewhere")
            throw ExitCode(ExitStatus.usage)
        }
        let model = try ModelLoading.load(checkpoint, batchSize: batch, sequenceLength: context)
        let length = context ?? model.config.contextLength
        guard length <= model.config.contextLength else {
            Terminal.error("error: --context \(length) is longer than the model's context (\(model.config.contextLength)); use at most \(model.config.contextLength)")
            throw ExitCode(ExitStatus.usage)
        }
        guard let contents = FileManager.default.contents(atPath: data) else {
            Terminal.error("\(data): error: no such file or it cannot be read")
            throw ExitCode(ExitStatus.missingFile)
        }
        let bytes = [UInt8](contents)
        if let dumpFirstBatch {
            try writeFirstBatch(of: model, bytes: bytes, sequenceLength: length, to: dumpFirstBatch)
        }
        let result: EvaluationResult
        do {
            result = try model.evaluate(bytes: bytes, sequenceLength: length, batchSize: batch)
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

    /// Whether `path` names a file inside `folder` (after resolving `..` and symbolic links).
    static func isInside(_ path: String, folder: String) -> Bool {
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let parent = file.deletingLastPathComponent().resolvingSymlinksInPath().path
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL.resolvingSymlinksInPath().path
        return parent == root || parent.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }

    /// Writes `--dump-first-batch`: the inspection of the first evaluation batch as safetensors
    /// (`logits`, `loss`, `grad.<name>`), with the batch shape and data file in the metadata.
    private func writeFirstBatch(of model: GPTModel, bytes: [UInt8], sequenceLength: Int, to path: String) throws {
        let inspection: BatchInspection
        do {
            let first = try TokenBatch.firstEvaluationBatch(of: bytes, sequenceLength: sequenceLength, batchSize: batch)
            inspection = try model.inspect(first)
        } catch {
            Terminal.error("\(data): error: \(error)")
            throw ExitCode(ExitStatus.invalidSpec)
        }
        let shape = inspection.logits.shape
        let tensors = [inspection.logits, NamedTensor(name: "loss", shape: [1], values: [inspection.loss])]
            + inspection.gradients.map { NamedTensor(name: "grad." + $0.name, shape: $0.shape, values: $0.values) }
        let metadata = ["format": "pt", "content": "tinyscale eval: first batch's logits, mean loss and gradients",
                        "batch_size": "\(shape[0])", "sequence_length": "\(shape[1])", "data": data]
        do {
            try SafeTensorsFile(tensors: tensors, metadata: metadata).write(to: URL(fileURLWithPath: path))
        } catch {
            Terminal.error("\(path): error: cannot write the first-batch dump: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        Terminal.error("wrote logits, loss and gradients of the first batch (\(shape[0])×\(shape[1])) to \(path)")
    }
}

/// Loads a checkpoint for `eval` and `sample`, turning failures into messages and exit statuses.
enum ModelLoading {
    /// - Parameters:
    ///   - batchSize, sequenceLength: the batch shape the command will run (default context: the
    ///     model's), so the memory check counts its activations.
    static func load(_ path: String, batchSize: Int = 1, sequenceLength: Int? = nil) throws -> GPTModel {
        guard FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): error: no such checkpoint folder; checkpoints of study runs are in output/checkpoints/<run hash>/final")
            throw ExitCode(ExitStatus.missingFile)
        }
        do {
            return try GPTModel.load(from: URL(fileURLWithPath: path, isDirectory: true),
                                     threadCount: ProcessInfo.processInfo.activeProcessorCount,
                                     batchSize: batchSize, sequenceLength: sequenceLength)
        } catch {
            Terminal.error("\(path): error: \(error)")
            throw ExitCode(ExitStatus.invalidSpec)
        }
    }
}
