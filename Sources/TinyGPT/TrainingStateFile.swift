// The training-state file for exact resume: step, AdamW step count and moments, RNG state and data
// read position in a little-endian binary file with a magic number, a version and an FNV-1a checksum.

import Digests
import Foundation

/// Where the training batch source stands: enough to draw, after a resume, exactly the batches an
/// uninterrupted run would have drawn. TinyGPT stores it without interpreting it; the batch source
/// (e.g. Corpora's `BatchSampler`) converts its own position to and from this one.
public struct DataReadPosition: Sendable, Hashable {
    /// Batches drawn so far (batches).
    public var batchesDrawn: UInt64
    /// Offset of the next read in the token stream (bytes, one token per byte).
    public var offset: UInt64
    /// Completed passes over the stream (passes).
    public var passes: UInt64

    /// The position of a source that has drawn nothing: all zero.
    public init(batchesDrawn: UInt64 = 0, offset: UInt64 = 0, passes: UInt64 = 0) {
        self.batchesDrawn = batchesDrawn
        self.offset = offset
        self.passes = passes
    }
}

/// Everything beyond the parameters that a resumed run needs to continue exactly as if it had never
/// stopped. The RNG state is opaque words owned by its producer; every other field is typed.
///
/// File layout, version 2, every integer little-endian:
///
/// | bytes | field |
/// | --- | --- |
/// | 8 | magic `89 54 47 53 0D 0A 1A 0A` ("\x89TGS\r\n\x1A\n", PNG-style: catches text-mode mangling) |
/// | 4 | format version (u32) = 2 |
/// | 8 | step (u64) |
/// | 8 | optimizer step count (u64) |
/// | 8 + 8·n | RNG state: n (u64), then n words (u64) |
/// | 8 | data position: batches drawn (u64, batches) |
/// | 8 | data position: offset (u64, bytes) |
/// | 8 | data position: passes (u64, completed passes over the stream) |
/// | 8 + 4·n | AdamW first moments m: n (u64), then n Float32 |
/// | 8 + 4·n | AdamW second moments v: n (u64), then n Float32 |
/// | 8 + n | metadata: n (u64), then n bytes of UTF-8 |
/// | 8 | FNV-1a 64-bit hash of every byte before it (u64) |
///
/// Version 1 differed in two fields: no optimizer step count (writers kept it in the free-text
/// metadata) and the data position as a counted list of untyped words. It is refused with
/// ``TrainingStateError/outdatedVersion(path:version:)`` rather than read: `optimizerStepCount =
/// step` would be a guess (wrong for a run that began a new phase with fresh optimizer state), and
/// the words have no fixed meaning. Retraining the run is the exact way forward.
public struct TrainingState: Sendable, Equatable {
    /// The number of training steps completed; the resumed run's next step.
    public var step: Int
    /// AdamW's count of updates taken (``AdamWState/stepCount``), which sets its bias correction.
    /// Equals `step` when this optimizer took every step; differs when a run kept a parent
    /// checkpoint's step numbering but began a new phase there with fresh optimizer state.
    public var optimizerStepCount: Int
    /// The random number generator's state words, opaque to this file.
    public var randomNumberGeneratorState: [UInt64]
    /// The training batch source's position.
    public var dataPosition: DataReadPosition
    /// AdamW's first moments, one per parameter, in the parameter buffer's layout.
    public var firstMoments: [Float]
    /// AdamW's second moments, one per parameter, in the parameter buffer's layout.
    public var secondMoments: [Float]
    /// Free text for people (e.g. the run's name and hash); never interpreted.
    public var metadata: String

    /// The first 8 bytes of every training-state file.
    public static let magic: [UInt8] = [0x89, 0x54, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The format version this code writes and reads.
    public static let formatVersion: UInt32 = 2

    public init(step: Int, optimizerStepCount: Int, randomNumberGeneratorState: [UInt64], dataPosition: DataReadPosition,
                firstMoments: [Float], secondMoments: [Float], metadata: String = "") {
        self.step = step
        self.optimizerStepCount = optimizerStepCount
        self.randomNumberGeneratorState = randomNumberGeneratorState
        self.dataPosition = dataPosition
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.metadata = metadata
    }

    // MARK: Writing

    /// The file's bytes.
    ///
    /// - Throws: ``TrainingStateError/invalidState(reason:)`` when `step` or `optimizerStepCount`
    ///   is negative or the two moment buffers differ in length.
    public func encoded() throws(TrainingStateError) -> Data {
        guard step >= 0 else { throw .invalidState(reason: "step \(step) is negative") }
        guard optimizerStepCount >= 0 else {
            throw .invalidState(reason: "optimizer step count \(optimizerStepCount) is negative")
        }
        guard firstMoments.count == secondMoments.count else {
            throw .invalidState(reason: "\(firstMoments.count) first moments but \(secondMoments.count) second moments; both hold one value per parameter")
        }
        let metadataBytes = Array(metadata.utf8)
        var data = Data(capacity: 8 + 4 + 8 * 10 + 8 * randomNumberGeneratorState.count
            + 4 * (firstMoments.count + secondMoments.count) + metadataBytes.count)
        data.append(contentsOf: Self.magic)
        data.appendLittleEndian(Self.formatVersion)
        data.appendLittleEndian(UInt64(step))
        data.appendLittleEndian(UInt64(optimizerStepCount))
        data.appendLittleEndian(UInt64(randomNumberGeneratorState.count))
        data.appendLittleEndian(randomNumberGeneratorState)
        data.appendLittleEndian(dataPosition.batchesDrawn)
        data.appendLittleEndian(dataPosition.offset)
        data.appendLittleEndian(dataPosition.passes)
        data.appendLittleEndian(UInt64(firstMoments.count))
        data.appendLittleEndian(firstMoments)
        data.appendLittleEndian(UInt64(secondMoments.count))
        data.appendLittleEndian(secondMoments)
        data.appendLittleEndian(UInt64(metadataBytes.count))
        data.append(contentsOf: metadataBytes)
        let checksum = data.withUnsafeBytes { FNV1a64.hash($0) }
        data.appendLittleEndian(checksum)
        return data
    }

    /// Writes the file atomically (temporary file in the same directory, then rename).
    ///
    /// - Throws: ``TrainingStateError/invalidState(reason:)`` or
    ///   ``TrainingStateError/cannotWrite(_:)``.
    public func write(to url: URL) throws(TrainingStateError) {
        let data = try encoded()
        do throws(FileWriteError) {
            try AtomicFileWriter.write(data, to: url)
        } catch {
            throw .cannotWrite(error)
        }
    }

    // MARK: Reading

    /// Reads and verifies the file at `url`.
    ///
    /// - Throws: ``TrainingStateError/cannotRead(path:reason:)`` or any error of
    ///   ``init(decoding:path:)``.
    public init(contentsOf url: URL) throws(TrainingStateError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
        try self.init(decoding: data, path: url.path)
    }

    /// Decodes and verifies a file's bytes; `path` only names the file in errors.
    ///
    /// - Throws: ``TrainingStateError`` for a wrong magic number, a version-1 file
    ///   (``TrainingStateError/outdatedVersion(path:version:)``), an unknown version, a file that
    ///   ends early, a checksum mismatch, bytes after the checksum, or invalid fields.
    public init(decoding data: Data, path: String) throws(TrainingStateError) {
        let decoded = data.withUnsafeBytes { bytes in
            Result { () throws(TrainingStateError) in try Self.decode(bytes, path: path) }
        }
        self = try decoded.get()
    }

    private static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws(TrainingStateError) -> TrainingState {
        var reader = LittleEndianReader(bytes)
        func truncated(_ field: String) -> TrainingStateError {
            .truncated(path: path, field: field, byteCount: bytes.count)
        }
        func count(_ field: String) throws(TrainingStateError) -> Int {
            guard let value = reader.readUInt64() else { throw truncated(field) }
            guard value <= UInt64(bytes.count) else { throw truncated(field) }
            return Int(value)
        }
        guard let magicBytes = reader.readBytes(magic.count) else { throw truncated("magic number") }
        guard Array(magicBytes) == magic else { throw .wrongMagic(path: path) }
        guard let version = reader.readUInt32() else { throw truncated("format version") }
        guard version >= formatVersion else { throw .outdatedVersion(path: path, version: version) }
        guard version == formatVersion else { throw .unsupportedVersion(path: path, version: version) }
        guard let step = reader.readUInt64() else { throw truncated("step") }
        guard let optimizerStepCount = reader.readUInt64() else { throw truncated("optimizer step count") }
        guard let randomState = reader.readUInt64s(try count("RNG state length")) else { throw truncated("RNG state") }
        guard let batchesDrawn = reader.readUInt64() else { throw truncated("data position (batches drawn)") }
        guard let offset = reader.readUInt64() else { throw truncated("data position (offset)") }
        guard let passes = reader.readUInt64() else { throw truncated("data position (passes)") }
        guard let firstMoments = reader.readFloats(try count("first moment count")) else { throw truncated("first moments") }
        guard let secondMoments = reader.readFloats(try count("second moment count")) else { throw truncated("second moments") }
        guard let metadataBytes = reader.readBytes(try count("metadata length")) else { throw truncated("metadata") }
        let checkedByteCount = reader.offset
        guard let storedChecksum = reader.readUInt64() else { throw truncated("checksum") }
        let computedChecksum = FNV1a64.hash(bytes[..<checkedByteCount])
        guard storedChecksum == computedChecksum else {
            throw .checksumMismatch(path: path, stored: storedChecksum, computed: computedChecksum)
        }
        guard reader.remainingByteCount == 0 else {
            throw .trailingBytes(path: path, byteCount: reader.remainingByteCount)
        }
        guard step <= UInt64(Int.max) else { throw .invalidField(path: path, field: "step", reason: "\(step) is too large") }
        guard optimizerStepCount <= UInt64(Int.max) else {
            throw .invalidField(path: path, field: "optimizer step count", reason: "\(optimizerStepCount) is too large")
        }
        guard firstMoments.count == secondMoments.count else {
            throw .invalidField(path: path, field: "second moments", reason: "\(secondMoments.count) values but \(firstMoments.count) first moments")
        }
        guard let metadata = String(validating: metadataBytes, as: UTF8.self) else {
            throw .invalidField(path: path, field: "metadata", reason: "not valid UTF-8")
        }
        return TrainingState(step: Int(step), optimizerStepCount: Int(optimizerStepCount), randomNumberGeneratorState: randomState,
                             dataPosition: DataReadPosition(batchesDrawn: batchesDrawn, offset: offset, passes: passes),
                             firstMoments: firstMoments, secondMoments: secondMoments, metadata: metadata)
    }
}

/// Why a training-state file could not be written or read.
public enum TrainingStateError: Error, Equatable, CustomStringConvertible {
    case invalidState(reason: String)
    case cannotWrite(FileWriteError)
    case cannotRead(path: String, reason: String)
    case wrongMagic(path: String)
    /// The file has an older format than ``TrainingState/formatVersion`` (version 1 kept the
    /// optimizer step count in free text and the data position as untyped words); it is not read.
    case outdatedVersion(path: String, version: UInt32)
    /// The file has a format newer than this code knows.
    case unsupportedVersion(path: String, version: UInt32)
    /// The file ended inside `field`.
    case truncated(path: String, field: String, byteCount: Int)
    case checksumMismatch(path: String, stored: UInt64, computed: UInt64)
    case trailingBytes(path: String, byteCount: Int)
    case invalidField(path: String, field: String, reason: String)

    public var description: String {
        let damaged = "the file is damaged (e.g. a torn write); resume from an earlier checkpoint"
        switch self {
        case .invalidState(let reason):
            return "training state: \(reason)"
        case .cannotWrite(let error):
            return "training state: \(error)"
        case .cannotRead(let path, let reason):
            return "training state: cannot read \(path): \(reason)"
        case .wrongMagic(let path):
            return "training state: \(path) does not start with the training-state magic number; it is not a TinyGPT training-state file"
        case .outdatedVersion(let path, let version):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            return "training state: \(path) has format version \(version), which predates format \(TrainingState.formatVersion) "
                + "(typed optimizer step count and data position), so this TinyScale cannot resume from it exactly; "
                + "delete the checkpoint folder \(folder) and the run will be retrained from its start"
        case .unsupportedVersion(let path, let version):
            return "training state: \(path) has format version \(version) but this TinyScale reads version \(TrainingState.formatVersion); use the TinyScale that wrote it, or start the run afresh"
        case .truncated(let path, let field, let byteCount):
            return "training state: \(path) ends (at \(byteCount) bytes) inside the \(field); \(damaged)"
        case .checksumMismatch(let path, let stored, let computed):
            return "training state: \(path) checksum is \(String(computed, radix: 16)) but the file records \(String(stored, radix: 16)); \(damaged)"
        case .trailingBytes(let path, let byteCount):
            return "training state: \(path) has \(byteCount) unexpected bytes after the checksum; \(damaged)"
        case .invalidField(let path, let field, let reason):
            return "training state: \(path): \(field): \(reason); \(damaged)"
        }
    }
}
