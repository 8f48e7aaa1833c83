// Little-endian byte encoding shared by the binary file formats (safetensors, training state):
// appending integers and Float32 arrays to Data, and a bounds-checked reader over raw bytes.

import Foundation

extension Data {
    /// Appends `value` as 4 little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends `value` as 8 little-endian bytes.
    mutating func appendLittleEndian(_ value: UInt64) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Appends `values` as consecutive 8-byte little-endian integers.
    mutating func appendLittleEndian(_ values: [UInt64]) {
        #if _endian(big)
        values.map(\.byteSwapped).withUnsafeBytes { append(contentsOf: $0) }
        #else
        values.withUnsafeBytes { append(contentsOf: $0) }
        #endif
    }

    /// Appends `values` as consecutive 4-byte little-endian IEEE-754 Float32.
    mutating func appendLittleEndian(_ values: [Float]) {
        #if _endian(big)
        values.map { $0.bitPattern.byteSwapped }.withUnsafeBytes { append(contentsOf: $0) }
        #else
        values.withUnsafeBytes { append(contentsOf: $0) }
        #endif
    }
}

/// `count` Float32 values decoded from `4 · count` little-endian bytes (no alignment required).
func littleEndianFloats(_ bytes: UnsafeRawBufferPointer, count: Int) -> [Float] {
    let values = [Float](unsafeUninitializedCapacity: count) { buffer, initializedCount in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[..<(count * 4)]))
        initializedCount = count
    }
    #if _endian(big)
    return values.map { Float(bitPattern: $0.bitPattern.byteSwapped) }
    #else
    return values
    #endif
}

/// Reads little-endian fields in order from raw bytes; every read returns nil instead of reading
/// past the end.
struct LittleEndianReader {
    let bytes: UnsafeRawBufferPointer
    /// The byte offset of the next read.
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The bytes not read yet.
    var remainingByteCount: Int { bytes.count - offset }

    mutating func readUInt32() -> UInt32? {
        guard remainingByteCount >= 4 else { return nil }
        defer { offset += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func readUInt64() -> UInt64? {
        guard remainingByteCount >= 8 else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The next `count` bytes, or nil when fewer remain.
    mutating func readBytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, remainingByteCount >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset ..< offset + count])
    }

    /// The next `count` Float32 values, or nil when fewer than `4 · count` bytes remain.
    mutating func readFloats(_ count: Int) -> [Float]? {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: 4)
        guard !overflow, let raw = readBytes(byteCount) else { return nil }
        return littleEndianFloats(raw, count: count)
    }

    /// The next `count` 8-byte integers, or nil when fewer than `8 · count` bytes remain.
    mutating func readUInt64s(_ count: Int) -> [UInt64]? {
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: 8)
        guard !overflow, let raw = readBytes(byteCount) else { return nil }
        return (0 ..< count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    }
}
