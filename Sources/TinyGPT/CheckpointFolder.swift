// Checkpoint folders: model.safetensors + config.json (+ training_state.bin), assembled beside the
// destination, marked DONE last, then renamed into place, so a crash never leaves a torn checkpoint.

import Foundation

/// What a checkpoint folder holds.
public struct Checkpoint: Sendable, Equatable {
    /// The model's parameters under Hugging Face GPT-2 names, sorted by name.
    public var tensors: [NamedTensor]
    public var config: GPT2Config
    /// The state for an exact resume; nil for a model kept only for evaluation.
    public var trainingState: TrainingState?

    public init(tensors: [NamedTensor], config: GPT2Config, trainingState: TrainingState? = nil) {
        self.tensors = tensors.sorted { $0.name < $1.name }
        self.config = config
        self.trainingState = trainingState
    }
}

/// Saves and loads checkpoint folders that `transformers.GPT2LMHeadModel.from_pretrained` can read:
///
/// ```
/// <folder>/model.safetensors    Float32 tensors, metadata {"format": "pt", "tinyscale_data_fnv1a64": …}
/// <folder>/config.json          GPT2Config
/// <folder>/training_state.bin   TrainingState (optional)
/// <folder>/DONE                 the names of the files above, one per line; written last
/// ```
///
/// The weights' FNV-1a digest in the safetensors metadata (``SafeTensorsFile/dataDigestKey``)
/// and the training state's own checksum make a load detect any changed byte of either file.
///
/// A save writes everything into a hidden staging folder `.<name>.partial-<random>` beside the
/// destination, writes `DONE` last, and only then renames the staging folder to the destination. A
/// crash at any moment therefore leaves the previous checkpoint (if any) intact and loadable; the
/// next save of the same name removes the staging folders that interrupted saves left behind.
/// Replacing an existing folder takes two renames (old folder aside, new one in); a crash between
/// them leaves the old checkpoint as `.<name>.replaced-<random>` beside it.
public enum CheckpointFolder {
    public static let modelFileName = "model.safetensors"
    public static let configFileName = "config.json"
    public static let trainingStateFileName = "training_state.bin"
    public static let doneMarkerName = "DONE"

    /// The safetensors metadata `transformers` requires of a PyTorch checkpoint.
    public static let modelMetadata = ["format": "pt"]

    private static let stagingInfix = ".partial-"
    private static let replacedInfix = ".replaced-"

    /// Saves a checkpoint to `folder`, creating its parent directories and replacing any folder
    /// already there.
    ///
    /// - Throws: ``SafeTensorsError``, ``GPT2ConfigError``, ``TrainingStateError``,
    ///   ``FileWriteError`` or ``CheckpointFolderError``, each naming the file at fault.
    public static func save(tensors: [NamedTensor], config: GPT2Config, trainingState: TrainingState?, to folder: URL) throws {
        let fileManager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        let name = folder.lastPathComponent
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw CheckpointFolderError.cannotCreateFolder(path: parent.path, reason: error.localizedDescription)
        }
        removeInterruptedSaves(of: name, in: parent)
        let staging = parent.appendingPathComponent("." + name + stagingInfix + randomSuffix(), isDirectory: true)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw CheckpointFolderError.cannotCreateFolder(path: staging.path, reason: error.localizedDescription)
        }
        do {
            try SafeTensorsFile(tensors: tensors, metadata: modelMetadata)
                .write(to: staging.appendingPathComponent(modelFileName), recordingDigest: true)
            try config.write(to: staging.appendingPathComponent(configFileName))
            var written = [modelFileName, configFileName]
            if let trainingState {
                try trainingState.write(to: staging.appendingPathComponent(trainingStateFileName))
                written.append(trainingStateFileName)
            }
            let marker = Data(written.map { $0 + "\n" }.joined().utf8)
            try AtomicFileWriter.write(marker, to: staging.appendingPathComponent(doneMarkerName))
            try moveIntoPlace(staging, at: folder)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Saves `checkpoint` to `folder`; see ``save(tensors:config:trainingState:to:)``.
    public static func save(_ checkpoint: Checkpoint, to folder: URL) throws {
        try save(tensors: checkpoint.tensors, config: checkpoint.config, trainingState: checkpoint.trainingState, to: folder)
    }

    /// Loads the checkpoint in `folder`, refusing a folder whose save did not finish.
    ///
    /// - Parameter loadingTrainingState: false skips reading `training_state.bin` (and returns nil
    ///   for it), e.g. for evaluation.
    /// - Throws: ``CheckpointFolderError`` when the folder is missing, has no `DONE` marker, or lacks
    ///   a file `DONE` lists; ``SafeTensorsError``, ``GPT2ConfigError`` or ``TrainingStateError``
    ///   when a file is damaged.
    public static func load(from folder: URL, loadingTrainingState: Bool = true) throws -> Checkpoint {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CheckpointFolderError.missingFolder(path: folder.path)
        }
        let markerURL = folder.appendingPathComponent(doneMarkerName)
        guard let marker = try? Data(contentsOf: markerURL) else {
            throw CheckpointFolderError.incomplete(path: folder.path)
        }
        let listed = String(decoding: marker, as: UTF8.self).split(separator: "\n").map(String.init)
        for required in [modelFileName, configFileName] where !listed.contains(required) {
            throw CheckpointFolderError.missingFile(path: folder.path, file: required)
        }
        for file in listed where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) {
            throw CheckpointFolderError.missingFile(path: folder.path, file: file)
        }
        let config = try GPT2Config(contentsOf: folder.appendingPathComponent(configFileName))
        let model = try SafeTensorsFile(contentsOf: folder.appendingPathComponent(modelFileName))
        var trainingState: TrainingState?
        if loadingTrainingState, listed.contains(trainingStateFileName) {
            trainingState = try TrainingState(contentsOf: folder.appendingPathComponent(trainingStateFileName))
        }
        return Checkpoint(tensors: model.tensors, config: config, trainingState: trainingState)
    }

    /// Whether `folder` holds a finished checkpoint (its `DONE` marker exists).
    public static func isComplete(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(doneMarkerName).path)
    }

    /// Renames the finished `staging` folder to `folder`, setting aside and then deleting any folder
    /// already there.
    private static func moveIntoPlace(_ staging: URL, at folder: URL) throws(FileWriteError) {
        let parent = folder.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path) else {
            try AtomicFileWriter.rename(staging, to: folder)
            return
        }
        let replaced = parent.appendingPathComponent("." + folder.lastPathComponent + replacedInfix + randomSuffix(), isDirectory: true)
        try AtomicFileWriter.rename(folder, to: replaced)
        try AtomicFileWriter.rename(staging, to: folder)
        try? FileManager.default.removeItem(at: replaced)
    }

    /// Removes the staging folders `.<name>.partial-*` that interrupted saves left in `parent`.
    private static func removeInterruptedSaves(of name: String, in parent: URL) {
        let prefix = "." + name + stagingInfix
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    private static func randomSuffix() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16)
    }
}

/// Why a checkpoint folder could not be saved or loaded.
public enum CheckpointFolderError: Error, Equatable, CustomStringConvertible {
    case cannotCreateFolder(path: String, reason: String)
    case missingFolder(path: String)
    /// The folder has no `DONE` marker: its save was interrupted or it was copied incompletely.
    case incomplete(path: String)
    case missingFile(path: String, file: String)

    public var description: String {
        switch self {
        case .cannotCreateFolder(let path, let reason):
            return "checkpoint: cannot create folder \(path): \(reason); check permissions and free space"
        case .missingFolder(let path):
            return "checkpoint: no checkpoint folder at \(path); check the path (an interrupted replacement leaves the previous checkpoint beside it as .<name>.replaced-*)"
        case .incomplete(let path):
            return "checkpoint: \(path) has no \(CheckpointFolder.doneMarkerName) marker, so its save did not finish; use an earlier checkpoint or save again"
        case .missingFile(let path, let file):
            return "checkpoint: \(path) lacks \(file); the folder was modified after saving, save it again"
        }
    }
}
