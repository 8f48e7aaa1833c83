// `tinyscale eval --dump-first-batch` through the real binary: the file holds `logits`, `loss` and
// one `grad.` tensor per checkpoint tensor with the checkpoint's shapes, its loss is the first
// batch's, and an unwritable path is a one-line error naming it, exit status 70.
import Foundation
import Testing
import TinyGPT

/// A scratch folder with a small saved model (1 layer, width 16, context 8) and a 43-byte text
/// (5 windows of 8 bytes).
private struct DumpWorkspace {
    let folder: URL
    var checkpoint: URL { folder.appendingPathComponent("model") }
    var text: URL { folder.appendingPathComponent("text.txt") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-dump-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 4)
        try CheckpointFolder.save(tensors: model.exportTensors(),
                                  config: GPT2Config(model: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)),
                                  trainingState: nil, to: checkpoint)
        try "the quick brown fox jumps over the lazy dog".write(to: text, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

@Test func evalDumpsLogitsLossAndEveryGradientOfTheFirstBatch() throws {
    let workspace = try DumpWorkspace()
    defer { workspace.remove() }
    let dump = workspace.folder.appendingPathComponent("first.safetensors")
    let result = try tinyscale("eval", workspace.checkpoint.path, "--data", workspace.text.path, "--batch", "3",
                               "--dump-first-batch", dump.path, "--json")
    #expect(result.status == 0, "\(result.standardError)")
    #expect(result.standardError == "wrote logits, loss and gradients of the first batch (3×8) to \(dump.path)\n")

    let stored = try SafeTensorsFile(contentsOf: workspace.checkpoint.appendingPathComponent(CheckpointFolder.modelFileName))
    let file = try SafeTensorsFile(contentsOf: dump)
    var expected = ["logits": [3, 8, 256], "loss": [1]]
    for tensor in stored.tensors { expected["grad." + tensor.name] = tensor.shape }
    let found = Dictionary(uniqueKeysWithValues: file.tensors.map { ($0.name, $0.shape) })
    #expect(found == expected)
    #expect(stored.tensors.count == 2 + 12 + 2)
    #expect(file.metadata["batch_size"] == "3" && file.metadata["sequence_length"] == "8")

    // The dumped loss is the first batch's; a forward pass on those windows in this process agrees.
    let model = try GPTModel.load(from: workspace.checkpoint)
    let bytes = try [UInt8](Data(contentsOf: workspace.text))
    let first = try TokenBatch.firstEvaluationBatch(of: bytes, sequenceLength: 8, batchSize: 3)
    let inspection = try model.inspect(first)
    let loss = try #require(file.tensor(named: "loss")?.values.first)
    #expect(abs(loss - inspection.loss) <= 1e-6)
    for gradient in inspection.gradients {
        let dumped = try #require(file.tensor(named: "grad." + gradient.name)).values
        let scale = gradient.values.map(abs).max()!
        let difference = zip(dumped, gradient.values).map { abs($0 - $1) }.max()!
        #expect(scale > 0 && difference <= 1e-5 * scale, "\(gradient.name): |Δ| \(difference), scale \(scale)")
    }
}

@Test func evalDumpToAnUnwritablePathIsAOneLineErrorWithStatus70() throws {
    let workspace = try DumpWorkspace()
    defer { workspace.remove() }
    let path = workspace.folder.appendingPathComponent("no-such-folder/first.safetensors").path
    let result = try tinyscale("eval", workspace.checkpoint.path, "--data", workspace.text.path,
                               "--dump-first-batch", path)
    #expect(result.status == 70)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.hasPrefix("\(path): error: cannot write the first-batch dump: "))
    #expect(result.standardError.contains("No such file or directory"))
    #expect(result.standardError.filter { $0 == "\n" }.count == 1 && result.standardError.hasSuffix("\n"))
    #expect(!FileManager.default.fileExists(atPath: path))

    let tooShort = workspace.folder.appendingPathComponent("short.txt")
    try "tiny".write(to: tooShort, atomically: true, encoding: .utf8)
    let short = try tinyscale("eval", workspace.checkpoint.path, "--data", tooShort.path,
                              "--dump-first-batch", workspace.folder.appendingPathComponent("x.safetensors").path)
    #expect(short.status == 65)
    #expect(short.standardError.hasPrefix("\(tooShort.path): error: 4 bytes cannot fill one window"))
    #expect(try tinyscale("eval", workspace.checkpoint.path, "--data", workspace.text.path,
                          "--dump-first-batch", "").status == 64)
}

@Test func evalHelpDescribesTheDump() throws {
    let result = try tinyscale("eval", "--help")
    #expect(result.status == 0)
    #expect(result.standardOutput.contains("--dump-first-batch <out.safetensors>"))
    #expect(result.standardOutput.contains("`grad.<name>` for every tensor of model.safetensors"))
    #expect(result.standardOutput.contains("70 the dump cannot be written"))
}
