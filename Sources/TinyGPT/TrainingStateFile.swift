// The training-state file for exact resume: step, RNG state, data position and AdamW moments in a
// little-endian binary file with a magic number, a version and an FNV-1a checksum.

import Foundation

/// Everything beyond the parameters that a resumed run needs to continue exactly as if it had never
/// stopped. The RNG state and data position are opaque words owned by their producers.
///
/// File layout, version 1, every integer little-endian:
///
/// | bytes | field |
/// | --- | --- |
/// | 8 | magic `89 54 47 53 0D 0A 1A 0A` ("\x89TGS\r\n\x1A\n", PNG-style: catches text-mode mangling) |
/// | 4 | format version (u32) |
/// | 8 | step (u64) |
/// | 8 + 8·n | RNG state: n (u64), then n words (u64) |
/// | 8 + 8·n | data position: n (u64), then n words (u64) |
/// | 8 + 4·n | AdamW first moments m: n (u64), then n Float32 |
/// | 8 + 4·n | AdamW second moments v: n (u64), then n Float32 |
/// | 8 + n | metadata: n (u64), then n bytes of UTF-8 |
/// | 8 | FNV-1a 64-bit hash of every byte before it (u64) |
public struct TrainingState: Sendable, Equatable {
    /// The number of optimizer steps completed; the resumed run's next step.
    public var step: Int
    /// The random number generator's state words, opaque to this file.
    public var randomNumberGeneratorState: [UInt64]
    /// The batch source's position words, opaque to this file.
    public var dataPosition: [UInt64]
    /// AdamW's first moments, one per parameter, in the parameter buffer's layout.
    public var firstMoments: [Float]
    /// AdamW's second moments, one per parameter, in the parameter buffer's layout.
    public var secondMoments: [Float]
    /// Free text for people (e.g. the run's hash); not interpreted.
    public var metadata: String

    /// The first 8 bytes of every training-state file.
    public static let magic: [UInt8] = [0x89, 0x54, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The format version this code writes and reads.
    public static let formatVersion: UInt32 = 1

    public init(step: Int, randomNumberGeneratorState: [UInt64], dataPosition: [UInt64], firstMoments: [Float], secondMoments: [Float], metadata: String = "") {
        self.step = step
        self.randomNumberGeneratorState = randomNumberGeneratorState
        self.dataPosition = dataPosition
        self.firstMoments = firstMoments
        self.secondMoments = secondMoments
        self.metadata = metadata
    }

    // MARK: Writing

    /// The file's bytes.
    ///
    /// - Throws: ``TrainingStateError/invalidState(reason:)`` when `step` is negative or the two
    ///   moment buffers differ in length.
    public func encoded() throws(TrainingStateError) -> Data {
        guard step >= 0 else { throw .invalidState(reason: "step \(step) is negative") }
        guard firstMoments.count == secondMoments.count else {
            throw .invalidState(reason: "\(firstMoments.count) first moments but \(secondMoments.count) second moments; both hold one value per parameter")
        }
        let metadataBytes = Array(metadata.utf8)
        var data = Data(capacity: 8 + 4 + 8 * 7 + 8 * (randomNumberGeneratorState.count + dataPosition.count)
            + 4 * (firstMoments.count + secondMoments.count) + metadataBytes.count)
        data.append(contentsOf: Self.magic)
        data.appendLittleEndian(Self.formatVersion)
        data.appendLittleEndian(UInt64(step))
        data.appendLittleEndian(UInt64(randomNumberGeneratorState.count))
        data.appendLittleEndian(randomNumberGeneratorState)
        data.appendLittleEndian(UInt64(dataPosition.count))
        data.appendLittleEndian(dataPosition)
        data.appendLittleEndian(UInt64(firstMoments.count))
        data.appendLittleEndian(firstMoments)
        data.appendLittleEndian(UInt64(secondMoments.count))
        data.appendLittleEndian(secondMoments)
        data.appendLittleEndian(UInt64(metadataBytes.count))
        data.append(contentsOf: metadataBytes)
        let checksum = data.withUnsafeBytes { fnv1a64($0) }
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
    /// - Throws: ``TrainingStateError`` for a wrong magic number, an unsupported version, a file
    ///   that ends early, a checksum mismatch, bytes after the checksum, or invalid fields.
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
        guard version == formatVersion else { throw .unsupportedVersion(path: path, version: version) }
        guard let step = reader.readUInt64() else { throw truncated("step") }
        guard let randomState = reader.readUInt64s(try count("RNG state length")) else { throw truncated("RNG state") }
        guard let dataPosition = reader.readUInt64s(try count("data position length")) else { throw truncated("data position") }
        guard let firstMoments = reader.readFloats(try count("first moment count")) else { throw truncated("first moments") }
        guard let secondMoments = reader.readFloats(try count("second moment count")) else { throw truncated("second moments") }
        guard let metadataBytes = reader.readBytes(try count("metadata length")) else { throw truncated("metadata") }
        let checkedByteCount = reader.offset
        guard let storedChecksum = reader.readUInt64() else { throw truncated("checksum") }
        let computedChecksum = fnv1a64(UnsafeRawBufferPointer(rebasing: bytes[..<checkedByteCount]))
        guard storedChecksum == computedChecksum else {
            throw .checksumMismatch(path: path, stored: storedChecksum, computed: computedChecksum)
        }
        guard reader.remainingByteCount == 0 else {
            throw .trailingBytes(path: path, byteCount: reader.remainingByteCount)
        }
        guard step <= UInt64(Int.max) else { throw .invalidField(path: path, field: "step", reason: "\(step) is too large") }
        guard firstMoments.count == secondMoments.count else {
            throw .invalidField(path: path, field: "second moments", reason: "\(secondMoments.count) values but \(firstMoments.count) first moments")
        }
        guard let metadata = String(validating: metadataBytes, as: UTF8.self) else {
            throw .invalidField(path: path, field: "metadata", reason: "not valid UTF-8")
        }
        return TrainingState(step: Int(step), randomNumberGeneratorState: randomState, dataPosition: dataPosition,
                             firstMoments: firstMoments, secondMoments: secondMoments, metadata: metadata)
    }
}

/// The 64-bit FNV-1a hash of `bytes` (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
func fnv1a64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return hash
}

/// Why a training-state file could not be written or read.
public enum TrainingStateError: Error, Equatable, CustomStringConvertible {
    case invalidState(reason: String)
    case cannotWrite(FileWriteError)
    case cannotRead(path: String, reason: String)
    case wrongMagic(path: String)
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
