// The training-state file: hand-computed golden bytes, FNV-1a test vectors, bit-exact round trip, and
// detection of wrong magic, unknown versions, torn (truncated) files, corruption and trailing bytes.

import Foundation
import Testing
@testable import TinyGPT

struct TrainingStateFileTests {
    let tiny = TrainingState(step: 3, randomNumberGeneratorState: [0xFEDC_BA98_7654_3210], dataPosition: [],
                             firstMoments: [1], secondMoments: [2], metadata: "ab")

    @Test func fnv1aMatchesPublishedTestVectors() {
        func hash(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBytes { fnv1a64($0) } }
        #expect(hash("") == 0xcbf2_9ce4_8422_2325)
        #expect(hash("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(hash("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func tinyStateMatchesHandComputedBytes() throws {
        var expected: [UInt8] = [0x89, 0x54, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]
        expected += [1, 0, 0, 0]
        expected += [3, 0, 0, 0, 0, 0, 0, 0]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE]
        expected += [0, 0, 0, 0, 0, 0, 0, 0]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x3F]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x40]
        expected += [2, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62]
        // FNV-1a 64 of the 78 bytes above: 0xfa41c5835d030cca.
        expected += [0xCA, 0x0C, 0x03, 0x5D, 0x83, 0xC5, 0x41, 0xFA]
        #expect(Array(try tiny.encoded()) == expected)
        #expect(try TrainingState(decoding: Data(expected), path: "golden.bin") == tiny)
    }

    @Test func roundTripThroughAFilePreservesEveryBit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SystemRandomNumberGenerator()
        let count = 10_000
        let state = TrainingState(
            step: 123_456,
            randomNumberGeneratorState: [.max, 0, 42, 7],
            dataPosition: [99, 1 << 40],
            firstMoments: (0 ..< count).map { _ in Float.random(in: -1 ... 1, using: &generator) } + [.nan, -0.0],
            secondMoments: (0 ..< count).map { _ in Float.random(in: 0 ... 1, using: &generator) } + [.infinity, .leastNonzeroMagnitude],
            metadata: "run 3f2a · résumé")
        let url = directory.file("training_state.bin")
        try state.write(to: url)
        let read = try TrainingState(contentsOf: url)
        #expect(read.step == state.step)
        #expect(read.randomNumberGeneratorState == state.randomNumberGeneratorState)
        #expect(read.dataPosition == state.dataPosition)
        #expect(read.firstMoments.map(\.bitPattern) == state.firstMoments.map(\.bitPattern))
        #expect(read.secondMoments.map(\.bitPattern) == state.secondMoments.map(\.bitPattern))
        #expect(read.metadata == state.metadata)
        #expect(try directory.contents() == ["training_state.bin"])
    }

    @Test func wrongMagicIsRejected() throws {
        var bytes = try tiny.encoded()
        bytes[0] = 0x50
        #expect(throws: TrainingStateError.wrongMagic(path: "state.bin")) {
            try TrainingState(decoding: bytes, path: "state.bin")
        }
    }

    @Test func unknownVersionIsRejectedBeforeAnythingElseIsRead() throws {
        var bytes = try tiny.encoded()
        bytes[8] = 2
        #expect(throws: TrainingStateError.unsupportedVersion(path: "state.bin", version: 2)) {
            try TrainingState(decoding: bytes, path: "state.bin")
        }
    }

    @Test func everyTornPrefixIsReportedAsTruncated() throws {
        let bytes = try tiny.encoded()
        for length in 0 ..< bytes.count {
            let error = #expect(throws: TrainingStateError.self) {
                try TrainingState(decoding: bytes.prefix(length), path: "torn.bin")
            }
            guard case .truncated(path: "torn.bin", field: _, byteCount: length) = error else {
                Issue.record("prefix of \(length) bytes gave \(String(describing: error))")
                continue
            }
        }
    }

    @Test func flippedBitInTheMomentsFailsTheChecksum() throws {
        var bytes = try tiny.encoded()
        bytes[53] ^= 0x01
        let error = #expect(throws: TrainingStateError.self) {
            try TrainingState(decoding: bytes, path: "flipped.bin")
        }
        guard case .checksumMismatch(path: "flipped.bin", stored: 0xfa41_c583_5d03_0cca, computed: _) = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
    }

    @Test func bytesAfterTheChecksumAreRejected() throws {
        var bytes = try tiny.encoded()
        bytes.append(0)
        #expect(throws: TrainingStateError.trailingBytes(path: "long.bin", byteCount: 1)) {
            try TrainingState(decoding: bytes, path: "long.bin")
        }
    }

    @Test func inconsistentStateIsNotEncoded() {
        var negative = tiny
        negative.step = -1
        #expect(throws: TrainingStateError.invalidState(reason: "step -1 is negative")) {
            try negative.encoded()
        }
        var mismatched = tiny
        mismatched.secondMoments = [1, 2]
        #expect(throws: TrainingStateError.self) {
            try mismatched.encoded()
        }
    }
}
