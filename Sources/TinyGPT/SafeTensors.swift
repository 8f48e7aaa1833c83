// The safetensors file format (Hugging Face), Float32 only: an 8-byte little-endian header length,
// a JSON header naming each tensor's dtype, shape and byte range, then the raw little-endian data.

import Digests
import Foundation

/// The contents of one `.safetensors` file: Float32 tensors and the free-form string metadata.
///
/// Layout written (and required when reading):
/// 1. `N`, the header's byte count, as an unsigned 64-bit little-endian integer;
/// 2. `N` bytes of UTF-8 JSON, `{"__metadata__":{…},"name":{"dtype":"F32","shape":[…],
///    "data_offsets":[begin,end]},…}`, padded with spaces so that `8 + N` is a multiple of 8;
/// 3. the data buffer: each tensor's values as little-endian Float32, row-major, at
///    `[begin, end)` bytes from the buffer's start. Tensors are laid out in name order, and the
///    buffer is covered exactly, without gaps or overlaps.
///
/// `__metadata__` is omitted when empty. Hugging Face `transformers` expects `{"format": "pt"}`.
public struct SafeTensorsFile: Sendable, Equatable {
    /// The tensors, sorted by name.
    public var tensors: [NamedTensor]
    /// String-to-string metadata stored under the header's `__metadata__` key.
    public var metadata: [String: String]

    /// The largest header accepted when reading, in bytes (the reference implementation's limit).
    public static let maximumHeaderByteCount = 100_000_000

    /// Creates the contents of a file; the tensors are kept sorted by name.
    public init(tensors: [NamedTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors.sorted { $0.name < $1.name }
        self.metadata = metadata
    }

    /// The tensor called `name`, if any.
    public func tensor(named name: String) -> NamedTensor? {
        tensors.first { $0.name == name }
    }

    // MARK: Writing

    /// The metadata key under which ``encoded(recordingDigest:)`` stores the 64-bit FNV-1a hash of
    /// the data buffer, as 16 lowercase hex digits. Readers verify it when present; other
    /// safetensors readers (`transformers`) ignore it.
    public static let dataDigestKey = "tinyscale_data_fnv1a64"

    /// The file's bytes.
    ///
    /// - Parameter recordingDigest: also store the data buffer's FNV-1a hash in the metadata
    ///   (``dataDigestKey``), so that any changed byte of the weights is detected when read.
    /// - Throws: ``SafeTensorsError`` when a name is empty, reserved or repeated, or a tensor's
    ///   value count differs from the product of its shape.
    public func encoded(recordingDigest: Bool = false) throws(SafeTensorsError) -> Data {
        var seen = Set<String>()
        for tensor in tensors {
            guard !tensor.name.isEmpty, tensor.name != Self.metadataKey else {
                throw .invalidTensorName(tensor.name)
            }
            guard seen.insert(tensor.name).inserted else { throw .duplicateTensorName(tensor.name) }
            guard tensor.shape.allSatisfy({ $0 >= 0 }), tensor.values.count == tensor.shape.reduce(1, *) else {
                throw .valueCountMismatch(tensor: tensor.name, shape: tensor.shape, valueCount: tensor.values.count)
            }
        }
        let dataByteCount = tensors.reduce(0) { $0 + $1.values.count * MemoryLayout<Float>.size }
        var buffer = Data(capacity: dataByteCount)
        for tensor in tensors {
            buffer.appendLittleEndian(tensor.values)
        }
        var metadata = self.metadata
        if recordingDigest {
            metadata[Self.dataDigestKey] = Self.hex(buffer.withUnsafeBytes { FNV1a64.hash($0) })
        }
        var header = Array(headerJSON(metadata: metadata).utf8)
        while header.count % 8 != 0 {
            header.append(UInt8(ascii: " "))
        }
        var data = Data(capacity: 8 + header.count + dataByteCount)
        data.appendLittleEndian(UInt64(header.count))
        data.append(contentsOf: header)
        data.append(buffer)
        return data
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// Writes the file atomically (temporary file in the same directory, then rename).
    ///
    /// - Throws: ``SafeTensorsError`` from ``encoded()``, or ``SafeTensorsError/cannotWrite(_:)``.
    public func write(to url: URL, recordingDigest: Bool = false) throws(SafeTensorsError) {
        let data = try encoded(recordingDigest: recordingDigest)
        do throws(FileWriteError) {
            try AtomicFileWriter.write(data, to: url)
        } catch {
            throw .cannotWrite(error)
        }
    }

    private static let metadataKey = "__metadata__"

    private func headerJSON(metadata: [String: String]) -> String {
        var members: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { jsonString($0) + ":" + jsonString(metadata[$0]!) }
            members.append(jsonString(Self.metadataKey) + ":{" + pairs.joined(separator: ",") + "}")
        }
        var offset = 0
        for tensor in tensors {
            let end = offset + tensor.values.count * MemoryLayout<Float>.size
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            members.append(jsonString(tensor.name) + ":{\"dtype\":\"F32\",\"shape\":[" + shape + "],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    // MARK: Reading

    /// Reads and validates the file at `url`.
    ///
    /// - Throws: ``SafeTensorsError/cannotRead(path:reason:)`` or any validation error of
    ///   ``init(decoding:path:)``.
    public init(contentsOf url: URL) throws(SafeTensorsError) {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw .cannotRead(path: url.path, reason: error.localizedDescription)
        }
        try self.init(decoding: data, path: url.path)
    }

    /// Decodes and validates a file's bytes; `path` only names the file in errors.
    ///
    /// Checks the header length against the file size, that the header is a JSON object of tensor
    /// entries and string metadata, that every dtype is `F32`, that every byte range lies in the data
    /// buffer and holds exactly the shape's element count, and that the ranges tile the buffer
    /// without gaps or overlaps.
    ///
    /// - Throws: ``SafeTensorsError`` naming `path` and, where one is at fault, the tensor.
    public init(decoding data: Data, path: String) throws(SafeTensorsError) {
        guard data.count >= 8 else { throw .truncated(path: path, byteCount: data.count) }
        let headerLength = data.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength >= 2, headerLength <= UInt64(min(data.count - 8, Self.maximumHeaderByteCount)) else {
            throw .headerLengthOutOfBounds(path: path, headerLength: headerLength, fileByteCount: data.count)
        }
        let headerStart = data.startIndex + 8
        let headerBytes = data[headerStart ..< headerStart + Int(headerLength)]
        guard headerBytes.first == UInt8(ascii: "{") else { throw .headerNotJSONObject(path: path) }
        let header: RawHeader
        do {
            header = try JSONDecoder().decode(RawHeader.self, from: headerBytes)
        } catch {
            throw .malformedHeader(path: path, reason: decodingReason(error))
        }
        if let problem = header.metadataProblem {
            throw .malformedHeader(path: path, reason: "__metadata__: \(problem); it must map strings to strings")
        }
        let bufferStart = 8 + Int(headerLength)
        let bufferByteCount = data.count - bufferStart
        let entries = try Self.validatedEntries(header.entries, bufferByteCount: bufferByteCount, path: path)
        if let stored = header.metadata[Self.dataDigestKey] {
            let computed = Self.hex(data.withUnsafeBytes { FNV1a64.hash($0[bufferStart...]) })
            guard stored == computed else { throw .digestMismatch(path: path, stored: stored, computed: computed) }
        }
        tensors = data.withUnsafeBytes { bytes in
            entries.map { entry in
                let start = bufferStart + entry.begin
                let source = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + entry.elementCount * MemoryLayout<Float>.size])
                return NamedTensor(name: entry.name, shape: entry.shape, values: littleEndianFloats(source, count: entry.elementCount))
            }
        }
        metadata = header.metadata
    }

    /// A tensor entry that passed validation.
    private struct ValidEntry {
        let name: String
        let shape: [Int]
        let elementCount: Int
        let begin: Int
        let end: Int
    }

    private static func validatedEntries(_ rawEntries: [RawHeader.Entry], bufferByteCount: Int, path: String) throws(SafeTensorsError) -> [ValidEntry] {
        var entries: [ValidEntry] = []
        for raw in rawEntries.sorted(by: { $0.name < $1.name }) {
            let name = raw.name
            guard let info = raw.info else {
                throw .malformedTensorEntry(path: path, tensor: name, reason: raw.problem ?? "unreadable entry")
            }
            guard info.dataType == "F32" else {
                throw .unsupportedDataType(path: path, tensor: name, dataType: info.dataType)
            }
            var elementCount = 1
            for dimension in info.shape {
                let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else { throw .invalidShape(path: path, tensor: name, shape: info.shape) }
                elementCount = product
            }
            guard info.dataOffsets.count == 2 else {
                throw .malformedTensorEntry(path: path, tensor: name, reason: "data_offsets has \(info.dataOffsets.count) numbers instead of [begin, end]")
            }
            let begin = info.dataOffsets[0], end = info.dataOffsets[1]
            guard begin >= 0, begin <= end, end <= bufferByteCount else {
                throw .offsetsOutOfBounds(path: path, tensor: name, begin: begin, end: end, bufferByteCount: bufferByteCount)
            }
            let (byteCount, overflow) = elementCount.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
            guard !overflow, end - begin == byteCount else {
                throw .byteCountMismatch(path: path, tensor: name, shape: info.shape, byteCount: end - begin)
            }
            entries.append(ValidEntry(name: name, shape: info.shape, elementCount: elementCount, begin: begin, end: end))
        }
        var expectedBegin = 0
        var previousName: String?
        for entry in entries.sorted(by: { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }) {
            if entry.begin < expectedBegin {
                throw .overlappingTensors(path: path, first: previousName ?? "", second: entry.name)
            }
            guard entry.begin == expectedBegin else {
                throw .gapBeforeTensor(path: path, tensor: entry.name, expectedBegin: expectedBegin, begin: entry.begin)
            }
            expectedBegin = entry.end
            previousName = entry.name
        }
        guard expectedBegin == bufferByteCount else {
            throw .unindexedTrailingBytes(path: path, byteCount: bufferByteCount - expectedBegin)
        }
        return entries.sorted { $0.name < $1.name }
    }
}

// MARK: - Header decoding

/// The header as decoded, before validation: per-entry decoding problems are kept, not thrown, so
/// the error can name the tensor.
private struct RawHeader: Decodable {
    struct Info: Decodable {
        let dataType: String
        let shape: [Int]
        let dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dataType = "dtype"
            case shape
            case dataOffsets = "data_offsets"
        }
    }

    struct Entry {
        let name: String
        let info: Info?
        let problem: String?
    }

    struct Key: CodingKey {
        let stringValue: String
        let intValue: Int? = nil
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { return nil }
    }

    var entries: [Entry] = []
    var metadata: [String: String] = [:]
    var metadataProblem: String?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                do {
                    metadata = try container.decode([String: String].self, forKey: key)
                } catch {
                    metadataProblem = decodingReason(error)
                }
                continue
            }
            do {
                entries.append(Entry(name: key.stringValue, info: try container.decode(Info.self, forKey: key), problem: nil))
            } catch {
                entries.append(Entry(name: key.stringValue, info: nil, problem: decodingReason(error)))
            }
        }
    }
}

/// A one-line reason for a JSON decoding failure, naming the key path.
private func decodingReason(_ error: any Error) -> String {
    func keyPath(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "header" : codingPath.map(\.stringValue).joined(separator: ".")
    }
    guard let decodingError = error as? DecodingError else { return String(describing: error) }
    switch decodingError {
    case .keyNotFound(let key, let context):
        return "\(keyPath(context.codingPath)): missing key \"\(key.stringValue)\""
    case .typeMismatch(let type, let context):
        return "\(keyPath(context.codingPath)): expected \(type)"
    case .valueNotFound(let type, let context):
        return "\(keyPath(context.codingPath)): expected \(type), found null"
    case .dataCorrupted(let context):
        return "\(keyPath(context.codingPath)): \(context.debugDescription)"
    @unknown default:
        return String(describing: decodingError)
    }
}

// MARK: - Bytes

/// A JSON string literal for `text`: quotes, backslashes and control characters escaped.
private func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default:
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// Why a safetensors file could not be written or read.
public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case invalidTensorName(String)
    case duplicateTensorName(String)
    case valueCountMismatch(tensor: String, shape: [Int], valueCount: Int)
    case cannotWrite(FileWriteError)
    case cannotRead(path: String, reason: String)
    /// Fewer than the 8 bytes of the header length.
    case truncated(path: String, byteCount: Int)
    case headerLengthOutOfBounds(path: String, headerLength: UInt64, fileByteCount: Int)
    case headerNotJSONObject(path: String)
    case malformedHeader(path: String, reason: String)
    case malformedTensorEntry(path: String, tensor: String, reason: String)
    case unsupportedDataType(path: String, tensor: String, dataType: String)
    case invalidShape(path: String, tensor: String, shape: [Int])
    case offsetsOutOfBounds(path: String, tensor: String, begin: Int, end: Int, bufferByteCount: Int)
    case byteCountMismatch(path: String, tensor: String, shape: [Int], byteCount: Int)
    case overlappingTensors(path: String, first: String, second: String)
    case gapBeforeTensor(path: String, tensor: String, expectedBegin: Int, begin: Int)
    case unindexedTrailingBytes(path: String, byteCount: Int)
    /// The data buffer's FNV-1a hash differs from the one recorded under ``SafeTensorsFile/dataDigestKey``.
    case digestMismatch(path: String, stored: String, computed: String)

    public var description: String {
        let damaged = "the file is damaged or was not written by a safetensors writer; re-save the checkpoint"
        switch self {
        case .invalidTensorName(let name):
            return "safetensors: tensor name \"\(name)\" is empty or reserved; give every tensor a non-empty name other than __metadata__"
        case .duplicateTensorName(let name):
            return "safetensors: two tensors are named \"\(name)\"; names must be unique"
        case .valueCountMismatch(let tensor, let shape, let valueCount):
            return "safetensors: tensor \"\(tensor)\" has \(valueCount) values for shape \(shape); the count must equal the product of the shape"
        case .cannotWrite(let error):
            return "safetensors: \(error)"
        case .cannotRead(let path, let reason):
            return "safetensors: cannot read \(path): \(reason)"
        case .truncated(let path, let byteCount):
            return "safetensors: \(path) has \(byteCount) bytes, fewer than the 8-byte header length; \(damaged)"
        case .headerLengthOutOfBounds(let path, let headerLength, let fileByteCount):
            return "safetensors: \(path) declares a \(headerLength)-byte header in a \(fileByteCount)-byte file (limit \(SafeTensorsFile.maximumHeaderByteCount)); \(damaged)"
        case .headerNotJSONObject(let path):
            return "safetensors: \(path): the header does not start with '{'; \(damaged)"
        case .malformedHeader(let path, let reason):
            return "safetensors: \(path): malformed JSON header (\(reason)); \(damaged)"
        case .malformedTensorEntry(let path, let tensor, let reason):
            return "safetensors: \(path): tensor \"\(tensor)\": \(reason); each entry needs dtype, shape and data_offsets"
        case .unsupportedDataType(let path, let tensor, let dataType):
            return "safetensors: \(path): tensor \"\(tensor)\" has dtype \(dataType); TinyGPT reads F32 only, convert the checkpoint to float32"
        case .invalidShape(let path, let tensor, let shape):
            return "safetensors: \(path): tensor \"\(tensor)\" has invalid shape \(shape); dimensions must be non-negative and their product must fit in memory"
        case .offsetsOutOfBounds(let path, let tensor, let begin, let end, let bufferByteCount):
            return "safetensors: \(path): tensor \"\(tensor)\" spans bytes [\(begin), \(end)) outside the \(bufferByteCount)-byte data buffer; \(damaged)"
        case .byteCountMismatch(let path, let tensor, let shape, let byteCount):
            return "safetensors: \(path): tensor \"\(tensor)\" spans \(byteCount) bytes but shape \(shape) of F32 needs \(shape.reduce(1, *) * 4); \(damaged)"
        case .overlappingTensors(let path, let first, let second):
            return "safetensors: \(path): tensors \"\(first)\" and \"\(second)\" overlap; \(damaged)"
        case .gapBeforeTensor(let path, let tensor, let expectedBegin, let begin):
            return "safetensors: \(path): tensor \"\(tensor)\" begins at byte \(begin) but the previous tensor ends at \(expectedBegin), leaving a gap; \(damaged)"
        case .unindexedTrailingBytes(let path, let byteCount):
            return "safetensors: \(path): \(byteCount) bytes at the end of the data buffer belong to no tensor; \(damaged)"
        case .digestMismatch(let path, let stored, let computed):
            return "safetensors: \(path): the weights hash to \(computed) but the file records \(stored), so bytes changed after saving; \(damaged)"
        }
    }
}
