// The safetensors writer and reader: a hand-computed golden file, bit-exact round trips, and every
// kind of damaged file rejected with an error naming the file and the tensor.

import Foundation
import Testing
@testable import TinyGPT

struct SafeTensorsTests {
    /// Bytes of a file with the given header text (unpadded) and data buffer.
    private func fileBytes(header: String, buffer: [UInt8]) -> Data {
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        data.append(contentsOf: buffer)
        return data
    }

    private func decode(header: String, bufferByteCount: Int) throws(SafeTensorsError) -> SafeTensorsFile {
        try SafeTensorsFile(decoding: fileBytes(header: header, buffer: [UInt8](repeating: 0, count: bufferByteCount)), path: "bad.safetensors")
    }

    private func entry(_ name: String, shape: String, begin: Int, end: Int, dataType: String = "F32") -> String {
        "\"\(name)\":{\"dtype\":\"\(dataType)\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(end)]}"
    }

    @Test func tinyFileMatchesHandComputedBytes() throws {
        let file = SafeTensorsFile(
            tensors: [
                NamedTensor(name: "b", shape: [2], values: [1, -2]),
                NamedTensor(name: "a", shape: [1, 1], values: [0.5]),
            ],
            metadata: ["format": "pt"])
        let header = #"{"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[1,1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        // 141 header bytes padded with 3 spaces to 144 = 0x90, so the data starts at byte 152. The
        // reference writer (Python safetensors 0.8.0, numpy.save) produces the same bytes.
        var expected: [UInt8] = [0x90, 0, 0, 0, 0, 0, 0, 0]
        expected += Array(header.utf8) + [0x20, 0x20, 0x20]
        expected += [0x00, 0x00, 0x00, 0x3F]
        expected += [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0]
        #expect(Array(try file.encoded()) == expected)
        #expect(try SafeTensorsFile(decoding: Data(expected), path: "golden.safetensors") == file)
    }

    @Test func fileWithoutMetadataOmitsTheMetadataKey() throws {
        let bytes = try SafeTensorsFile(tensors: [NamedTensor(name: "x", shape: [], values: [3])]).encoded()
        let header = String(decoding: bytes[8 ..< 8 + 56], as: UTF8.self)
        #expect(header == #"{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}   "#)
    }

    @Test func roundTripThroughAFilePreservesEveryBit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let special: [Float] = [0, -0.0, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 1e-30]
        var generator = SystemRandomNumberGenerator()
        let large = (0 ..< 3 * 64 * 65).map { _ in Float.random(in: -1 ... 1, using: &generator) }
        let file = SafeTensorsFile(
            tensors: [
                NamedTensor(name: "transformer.h.0.attn.c_attn.weight", shape: [64, 195], values: large),
                NamedTensor(name: "special \"quoted\" \\ name\n", shape: [2, 2, 2], values: special),
                NamedTensor(name: "empty", shape: [0, 3], values: []),
            ],
            metadata: ["format": "pt", "note": "ünïcode ✓"])
        let url = directory.file("model.safetensors")
        try file.write(to: url)
        let read = try SafeTensorsFile(contentsOf: url)
        #expect(read.metadata == file.metadata)
        #expect(read.tensors.map(\.name) == file.tensors.map(\.name))
        #expect(read.tensors.map(\.shape) == file.tensors.map(\.shape))
        #expect(read.tensors.map { $0.values.map(\.bitPattern) } == file.tensors.map { $0.values.map(\.bitPattern) })
        #expect(try directory.contents() == ["model.safetensors"])
    }

    @Test func headerIsPaddedSoTheDataStartsOnAnEightByteBoundary() throws {
        for nameLength in 1 ... 9 {
            let name = String(repeating: "n", count: nameLength)
            let bytes = try SafeTensorsFile(tensors: [NamedTensor(name: name, shape: [1], values: [1])]).encoded()
            let headerLength = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
            #expect((8 + Int(headerLength)) % 8 == 0)
            #expect(bytes.count == 8 + Int(headerLength) + 4)
        }
    }

    @Test func writerRejectsRepeatedReservedAndInconsistentTensors() {
        #expect(throws: SafeTensorsError.duplicateTensorName("w")) {
            try SafeTensorsFile(tensors: [NamedTensor(name: "w", shape: [1], values: [1]), NamedTensor(name: "w", shape: [1], values: [2])]).encoded()
        }
        #expect(throws: SafeTensorsError.invalidTensorName("__metadata__")) {
            try SafeTensorsFile(tensors: [NamedTensor(name: "__metadata__", shape: [1], values: [1])]).encoded()
        }
        var inconsistent = NamedTensor(name: "w", shape: [2], values: [1, 2])
        inconsistent.values.append(3)
        #expect(throws: SafeTensorsError.valueCountMismatch(tensor: "w", shape: [2], valueCount: 3)) {
            try SafeTensorsFile(tensors: [inconsistent]).encoded()
        }
    }

    @Test func truncatedAndOversizedHeadersAreRejected() throws {
        #expect(throws: SafeTensorsError.truncated(path: "bad.safetensors", byteCount: 5)) {
            try SafeTensorsFile(decoding: Data([1, 2, 3, 4, 5]), path: "bad.safetensors")
        }
        var bytes = try SafeTensorsFile(tensors: [NamedTensor(name: "w", shape: [2], values: [1, 2])]).encoded()
        let fullCount = bytes.count
        bytes.removeLast(60)
        #expect(throws: SafeTensorsError.headerLengthOutOfBounds(path: "bad.safetensors", headerLength: 56, fileByteCount: fullCount - 60)) {
            try SafeTensorsFile(decoding: bytes, path: "bad.safetensors")
        }
    }

    @Test func fileCutInsideTheDataIsRejectedNamingTheTensor() throws {
        var bytes = try SafeTensorsFile(tensors: [NamedTensor(name: "w", shape: [2], values: [1, 2])]).encoded()
        bytes.removeLast(1)
        #expect(throws: SafeTensorsError.offsetsOutOfBounds(path: "cut.safetensors", tensor: "w", begin: 0, end: 8, bufferByteCount: 7)) {
            try SafeTensorsFile(decoding: bytes, path: "cut.safetensors")
        }
    }

    @Test func malformedHeadersAreRejected() {
        #expect(throws: SafeTensorsError.headerNotJSONObject(path: "bad.safetensors")) {
            try decode(header: "[1, 2]", bufferByteCount: 0)
        }
        let malformed = #expect(throws: SafeTensorsError.self) { try decode(header: "{\"w\": ", bufferByteCount: 0) }
        #expect({ if case .malformedHeader(path: "bad.safetensors", reason: _) = malformed { true } else { false } }())
        let badMetadata = #expect(throws: SafeTensorsError.self) { try decode(header: #"{"__metadata__":{"format":1}}"#, bufferByteCount: 0) }
        #expect(badMetadata?.description.contains("__metadata__") == true)
        let missingOffsets = #expect(throws: SafeTensorsError.self) { try decode(header: #"{"w":{"dtype":"F32","shape":[1]}}"#, bufferByteCount: 4) }
        #expect({ if case .malformedTensorEntry(path: "bad.safetensors", tensor: "w", reason: let reason) = missingOffsets { reason.contains("data_offsets") } else { false } }())
        #expect(throws: SafeTensorsError.malformedTensorEntry(path: "bad.safetensors", tensor: "w", reason: "data_offsets has 3 numbers instead of [begin, end]")) {
            try decode(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#, bufferByteCount: 4)
        }
    }

    @Test func inconsistentTensorEntriesAreRejectedNamingTheTensor() {
        #expect(throws: SafeTensorsError.unsupportedDataType(path: "bad.safetensors", tensor: "w", dataType: "F16")) {
            try decode(header: "{" + entry("w", shape: "2", begin: 0, end: 4, dataType: "F16") + "}", bufferByteCount: 4)
        }
        #expect(throws: SafeTensorsError.invalidShape(path: "bad.safetensors", tensor: "w", shape: [-1])) {
            try decode(header: "{" + entry("w", shape: "-1", begin: 0, end: 4) + "}", bufferByteCount: 4)
        }
        #expect(throws: SafeTensorsError.byteCountMismatch(path: "bad.safetensors", tensor: "w", shape: [3], byteCount: 8)) {
            try decode(header: "{" + entry("w", shape: "3", begin: 0, end: 8) + "}", bufferByteCount: 8)
        }
        #expect(throws: SafeTensorsError.offsetsOutOfBounds(path: "bad.safetensors", tensor: "w", begin: 8, end: 4, bufferByteCount: 8)) {
            try decode(header: "{" + entry("w", shape: "1", begin: 8, end: 4) + "}", bufferByteCount: 8)
        }
    }

    @Test func overlapsGapsAndUnindexedBytesAreRejected() {
        #expect(throws: SafeTensorsError.overlappingTensors(path: "bad.safetensors", first: "a", second: "b")) {
            try decode(header: "{" + entry("a", shape: "2", begin: 0, end: 8) + "," + entry("b", shape: "2", begin: 4, end: 12) + "}", bufferByteCount: 12)
        }
        #expect(throws: SafeTensorsError.gapBeforeTensor(path: "bad.safetensors", tensor: "b", expectedBegin: 4, begin: 8)) {
            try decode(header: "{" + entry("a", shape: "1", begin: 0, end: 4) + "," + entry("b", shape: "1", begin: 8, end: 12) + "}", bufferByteCount: 12)
        }
        #expect(throws: SafeTensorsError.unindexedTrailingBytes(path: "bad.safetensors", byteCount: 8)) {
            try decode(header: "{" + entry("a", shape: "2", begin: 0, end: 8) + "}", bufferByteCount: 16)
        }
    }

    @Test func tensorsStoredOutOfNameOrderAreReadSortedByName() throws {
        var buffer: [UInt8] = []
        for value: Float in [7, 5, 6] {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { buffer.append(contentsOf: $0) }
        }
        let header = "{" + entry("z", shape: "1", begin: 0, end: 4) + "," + entry("a", shape: "2", begin: 4, end: 12) + "}"
        let file = try SafeTensorsFile(decoding: fileBytes(header: header, buffer: buffer), path: "unordered.safetensors")
        #expect(file.tensors == [NamedTensor(name: "a", shape: [2], values: [5, 6]), NamedTensor(name: "z", shape: [1], values: [7])])
    }

    @Test func missingFileIsReportedWithItsPath() {
        let error = #expect(throws: SafeTensorsError.self) {
            try SafeTensorsFile(contentsOf: URL(fileURLWithPath: "/nonexistent/model.safetensors"))
        }
        #expect(error?.description.contains("/nonexistent/model.safetensors") == true)
    }
}
