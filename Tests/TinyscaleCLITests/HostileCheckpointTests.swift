// `tinyscale eval` and `sample` on hostile checkpoints: a config.json whose sizes contradict the
// weights, a model too large for the machine, NaN weights, and a dump aimed at the checkpoint
// itself are refused with exit status 65 (64 for the dump) and the numbers, before the model is
// allocated: each run has its address space capped at 4 GB, so an attempted allocation would crash.
import Foundation
import Testing
import TinyGPT

/// A scratch folder with a small saved model (1 layer, width 16, context 8) and a short text.
private struct HostileWorkspace {
    let folder: URL
    var checkpoint: URL { folder.appendingPathComponent("model") }
    var text: URL { folder.appendingPathComponent("text.txt") }
    var configURL: URL { checkpoint.appendingPathComponent(CheckpointFolder.configFileName) }

    init(weights: (inout [NamedTensor]) -> Void = { _ in }) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = try GPTModel(config: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8), seed: 4)
        var tensors = model.exportTensors()
        weights(&tensors)
        try CheckpointFolder.save(tensors: tensors,
                                  config: GPT2Config(model: ModelConfig(layers: 1, width: 16, heads: 2, contextLength: 8)),
                                  trainingState: nil, to: checkpoint)
        try "the quick brown fox jumps over the lazy dog".write(to: text, atomically: true, encoding: .utf8)
    }

    /// Rewrites one key of config.json, keeping the file otherwise as saved.
    func setConfig(_ key: String, to value: Any) throws {
        var object = try JSONSerialization.jsonObject(with: Data(contentsOf: configURL)) as! [String: Any]
        object[key] = value
        try JSONSerialization.data(withJSONObject: object).write(to: configURL)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `tinyscale` with its virtual address space capped at 4 GB (`ulimit -v`), so that any
/// attempt to allocate a hostile model dies instead of passing quietly.
private func cappedTinyscale(_ arguments: [String], environment: [String: String] = [:]) throws -> Invocation {
    try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -v 4000000 && exec \"$0\" \"$@\"", tinyscaleExecutable.path] + arguments,
                   environment: environment)
}

@Test(arguments: [
    ("n_embd", 1 << 40, "16"), ("n_embd", Int.max, "64 bits"), ("n_positions", 1 << 40, "8"),
    ("vocab_size", 1 << 40, "256"), ("n_layer", 1 << 30, "1"),
])
func evalAndSampleRefuseAConfigThatContradictsTheWeights(key: String, value: Int, expected: String) throws {
    let workspace = try HostileWorkspace()
    defer { workspace.remove() }
    if key == "n_embd" { try workspace.setConfig("n_head", to: 1) }
    try workspace.setConfig(key, to: value)
    let eval = try cappedTinyscale(["eval", workspace.checkpoint.path, "--data", workspace.text.path])
    #expect(eval.status == 65, "\(eval.standardError)")
    #expect(eval.standardError.contains(key) && eval.standardError.contains("\(value)") && eval.standardError.contains(expected),
            "\(eval.standardError)")
    let sample = try cappedTinyscale(["sample", workspace.checkpoint.path, "--bytes", "4"])
    #expect(sample.status == 65, "\(sample.standardError)")
    #expect(sample.standardError.contains(key), "\(sample.standardError)")
}

@Test func evalRefusesAModelThatDoesNotFitInMemoryWithTheEstimate() throws {
    let workspace = try HostileWorkspace()
    defer { workspace.remove() }
    let refused = try cappedTinyscale(["eval", workspace.checkpoint.path, "--data", workspace.text.path],
                                      environment: ["TINYSCALE_MEMORY_LIMIT": "40000"])
    #expect(refused.status == 65, "\(refused.standardError)")
    #expect(refused.standardError.contains("needs about") && refused.standardError.contains("40.0 kB"), "\(refused.standardError)")
    let accepted = try cappedTinyscale(["eval", workspace.checkpoint.path, "--data", workspace.text.path])
    #expect(accepted.status == 0, "\(accepted.standardError)")
}

@Test func evalOnNaNWeightsExits65NamingTheTensor() throws {
    let workspace = try HostileWorkspace { tensors in
        let index = tensors.firstIndex { $0.name == "transformer.h.0.attn.c_attn.weight" }!
        tensors[index].values[5] = .nan
    }
    defer { workspace.remove() }
    let result = try cappedTinyscale(["eval", workspace.checkpoint.path, "--data", workspace.text.path])
    #expect(result.status == 65)
    #expect(result.standardError.contains("weight 5 of transformer.h.0.attn.c_attn.weight is nan"), "\(result.standardError)")
    #expect(result.standardOutput.isEmpty)
}

@Test func evalRefusesToDumpIntoTheCheckpointItReads() throws {
    let workspace = try HostileWorkspace()
    defer { workspace.remove() }
    let weights = workspace.checkpoint.appendingPathComponent(CheckpointFolder.modelFileName)
    let before = try Data(contentsOf: weights)
    for target in [weights.path, workspace.checkpoint.path + "/../model/./model.safetensors"] {
        let result = try cappedTinyscale(["eval", workspace.checkpoint.path, "--data", workspace.text.path,
                                          "--dump-first-batch", target])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("inside the checkpoint folder"))
    }
    #expect(try Data(contentsOf: weights) == before)
}

@Test(arguments: [["list"], ["report", "tiny"]])
func aRunStoreThatCannotBeOpenedExits74AndKeepsTheFile(command: [String]) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let store = folder.appendingPathComponent("tinyscale.sqlite")
    let garbage = Data(String(repeating: "not a database ", count: 20).utf8)
    try garbage.write(to: store)
    let result = try tinyscale(command + ["--output", folder.path])
    #expect(result.status == 74, "\(result.standardError)")
    #expect(result.standardError.contains("cannot open the run store"))
    #expect(result.standardError.contains("keep the file"))
    #expect(!result.standardError.contains("move the file aside"))
    #expect(try Data(contentsOf: store) == garbage)
}

@Test func validateReportsANonUTF8SpecAtItsLineAndColumnWithStatus65() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-latin1-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: file) }
    try (Data("kind: scaling-law\nti".utf8) + [0xE9] + Data("tle: x\n".utf8)).write(to: file)
    let result = try tinyscale("validate", file.path)
    #expect(result.status == 65)
    #expect(result.standardError.hasPrefix("\(file.path):2:3: error: byte 0xE9 is not UTF-8"), "\(result.standardError)")
}
