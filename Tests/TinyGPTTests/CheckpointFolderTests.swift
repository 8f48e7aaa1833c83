// Checkpoint folders: full round trip, the DONE marker written last and required on load, and
// interrupted saves that leave the previous checkpoint loadable.

import Foundation
import Testing
@testable import TinyGPT

struct CheckpointFolderTests {
    let config = GPT2Config(model: ModelConfig(layers: 1, width: 4, heads: 2, contextLength: 8))

    private func checkpoint(scale: Float, withState: Bool) -> Checkpoint {
        let tensors = [
            NamedTensor(name: "transformer.wte.weight", shape: [256, 4], values: (0 ..< 1024).map { Float($0) * scale }),
            NamedTensor(name: "transformer.wpe.weight", shape: [8, 4], values: (0 ..< 32).map { -Float($0) * scale }),
            NamedTensor(name: "transformer.ln_f.bias", shape: [4], values: [scale, 0, 0, 1]),
        ]
        let state = TrainingState(step: Int(scale * 100), optimizerStepCount: Int(scale * 40), randomNumberGeneratorState: [1, 2],
                                  dataPosition: DataReadPosition(batchesDrawn: 3, offset: 96, passes: 0),
                                  firstMoments: [scale, 1], secondMoments: [scale, 2], metadata: "scale \(scale)")
        return Checkpoint(tensors: tensors, config: config, trainingState: withState ? state : nil)
    }

    @Test func savedCheckpointLoadsBackExactly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("runs/step-100")
        let saved = checkpoint(scale: 1, withState: true)
        try CheckpointFolder.save(saved, to: folder)
        #expect(try CheckpointFolder.load(from: folder) == saved)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["DONE", "config.json", "model.safetensors", "training_state.bin"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("runs").path) == ["step-100"])
        #expect(try String(contentsOf: folder.appendingPathComponent("DONE"), encoding: .utf8)
            == "model.safetensors\nconfig.json\ntraining_state.bin\n")
    }

    @Test func modelFileCarriesTheMetadataTransformersRequires() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try CheckpointFolder.save(checkpoint(scale: 1, withState: false), to: directory.file("model"))
        let model = try SafeTensorsFile(contentsOf: directory.file("model/model.safetensors"))
        #expect(model.metadata["format"] == "pt")
        #expect(model.metadata.keys.sorted() == ["format", SafeTensorsFile.dataDigestKey])
    }

    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7])
    func aFlippedBitInTheWeightsIsDetected(bit: Int) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("latest")
        try CheckpointFolder.save(checkpoint(scale: 1, withState: true), to: folder)
        let weights = folder.appendingPathComponent(CheckpointFolder.modelFileName)
        var bytes = try Data(contentsOf: weights)
        let headerLength = Int(bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) })
        let dataStart = 8 + headerLength
        let target = dataStart + (bit * 7919) % (bytes.count - dataStart)
        bytes[target] ^= UInt8(1 << bit)
        try bytes.write(to: weights)
        #expect {
            try CheckpointFolder.load(from: folder)
        } throws: { error in
            guard case SafeTensorsError.digestMismatch(let path, _, _) = error else { return false }
            return path == weights.path
        }
        bytes[target] ^= UInt8(1 << bit)
        try bytes.write(to: weights)
        _ = try CheckpointFolder.load(from: folder)
    }

    @Test func checkpointWithoutTrainingStateLoadsWithNone() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let saved = checkpoint(scale: 2, withState: false)
        try CheckpointFolder.save(saved, to: directory.file("final"))
        let loaded = try CheckpointFolder.load(from: directory.file("final"))
        #expect(loaded == saved)
        #expect(loaded.trainingState == nil)
    }

    @Test func evaluationLoadCanSkipTheTrainingState() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try CheckpointFolder.save(checkpoint(scale: 1, withState: true), to: directory.file("ckpt"))
        #expect(try CheckpointFolder.load(from: directory.file("ckpt"), loadingTrainingState: false).trainingState == nil)
    }

    @Test func folderWithoutDoneMarkerIsRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("ckpt")
        try CheckpointFolder.save(checkpoint(scale: 1, withState: true), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("DONE"))
        #expect(!CheckpointFolder.isComplete(folder))
        #expect(throws: CheckpointFolderError.incomplete(path: folder.path)) {
            try CheckpointFolder.load(from: folder)
        }
    }

    @Test func missingFolderAndMissingListedFileAreReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("ckpt")
        #expect(throws: CheckpointFolderError.missingFolder(path: folder.path)) {
            try CheckpointFolder.load(from: folder)
        }
        try CheckpointFolder.save(checkpoint(scale: 1, withState: true), to: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("training_state.bin"))
        #expect(throws: CheckpointFolderError.missingFile(path: folder.path, file: "training_state.bin")) {
            try CheckpointFolder.load(from: folder)
        }
    }

    @Test func interruptedSaveLeavesThePreviousCheckpointLoadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("ckpt")
        let previous = checkpoint(scale: 1, withState: true)
        try CheckpointFolder.save(previous, to: folder)
        // Simulate a crash during the next save: its staging folder holds a finished config and a
        // torn temporary model file, and no DONE marker.
        let staging = directory.file(".ckpt.partial-dead")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try config.write(to: staging.appendingPathComponent("config.json"))
        let torn = try SafeTensorsFile(tensors: checkpoint(scale: 3, withState: false).tensors).encoded().prefix(100)
        try torn.write(to: staging.appendingPathComponent(AtomicFileWriter.temporaryName(for: "model.safetensors")))
        #expect(try CheckpointFolder.load(from: folder) == previous)

        let next = checkpoint(scale: 3, withState: true)
        try CheckpointFolder.save(next, to: folder)
        #expect(try CheckpointFolder.load(from: folder) == next)
        #expect(try directory.contents() == ["ckpt"])
    }

    @Test func failedSaveKeepsThePreviousCheckpointAndCleansUp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("ckpt")
        let previous = checkpoint(scale: 1, withState: false)
        try CheckpointFolder.save(previous, to: folder)
        var invalidConfig = config
        invalidConfig.heads = 3
        #expect(throws: GPT2ConfigError.self) {
            try CheckpointFolder.save(tensors: previous.tensors, config: invalidConfig, trainingState: nil, to: folder)
        }
        #expect(try CheckpointFolder.load(from: folder) == previous)
        #expect(try directory.contents() == ["ckpt"])
    }
}
