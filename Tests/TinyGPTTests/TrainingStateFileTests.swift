// The training-state file: hand-computed golden bytes, bit-exact round trip of
// every typed field, refusal of version-1 files, and detection of wrong magic, unknown versions, torn
// (truncated) files, corruption and trailing bytes.

import Foundation
import Testing
@testable import TinyGPT

struct TrainingStateFileTests {
    let tiny = TrainingState(step: 3, optimizerStepCount: 2, randomNumberGeneratorState: [0xFEDC_BA98_7654_3210],
                             dataPosition: DataReadPosition(batchesDrawn: 5, offset: 0x0102, passes: 1),
                             firstMoments: [1], secondMoments: [2], metadata: "ab")

    /// A version-1 file as the previous TinyScale wrote it (step 3, one RNG word, no data position
    /// words, moments [1] and [2], metadata "ab"), with its checksum 0xfa41c5835d030cca.
    let versionOneFile: [UInt8] = [0x89, 0x54, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0,
                                   1, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE,
                                   0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x3F,
                                   1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x40, 2, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62,
                                   0xCA, 0x0C, 0x03, 0x5D, 0x83, 0xC5, 0x41, 0xFA]

    @Test func tinyStateMatchesHandComputedBytes() throws {
        var expected: [UInt8] = [0x89, 0x54, 0x47, 0x53, 0x0D, 0x0A, 0x1A, 0x0A]
        expected += [2, 0, 0, 0]
        expected += [3, 0, 0, 0, 0, 0, 0, 0]
        expected += [2, 0, 0, 0, 0, 0, 0, 0]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x32, 0x54, 0x76, 0x98, 0xBA, 0xDC, 0xFE]
        expected += [5, 0, 0, 0, 0, 0, 0, 0]
        expected += [0x02, 0x01, 0, 0, 0, 0, 0, 0]
        expected += [1, 0, 0, 0, 0, 0, 0, 0]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x80, 0x3F]
        expected += [1, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0x40]
        expected += [2, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62]
        // FNV-1a 64 of the 102 bytes above: 0x1c6538b5d99d0b76.
        expected += [0x76, 0x0B, 0x9D, 0xD9, 0xB5, 0x38, 0x65, 0x1C]
        #expect(Array(try tiny.encoded()) == expected)
        #expect(try TrainingState(decoding: Data(expected), path: "golden.bin") == tiny)
    }

    @Test func roundTripThroughAFilePreservesEveryBitAndEveryTypedField() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var generator = SystemRandomNumberGenerator()
        let count = 10_000
        let state = TrainingState(
            step: 123_456,
            optimizerStepCount: 23_456,
            randomNumberGeneratorState: [.max, 0, 42, 7],
            dataPosition: DataReadPosition(batchesDrawn: 99, offset: 1 << 40, passes: .max),
            firstMoments: (0 ..< count).map { _ in Float.random(in: -1 ... 1, using: &generator) } + [.nan, -0.0],
            secondMoments: (0 ..< count).map { _ in Float.random(in: 0 ... 1, using: &generator) } + [.infinity, .leastNonzeroMagnitude],
            metadata: "run 3f2a · résumé")
        let url = directory.file("training_state.bin")
        try state.write(to: url)
        let read = try TrainingState(contentsOf: url)
        #expect(read.step == 123_456)
        #expect(read.optimizerStepCount == 23_456)
        #expect(read.randomNumberGeneratorState == state.randomNumberGeneratorState)
        #expect(read.dataPosition == DataReadPosition(batchesDrawn: 99, offset: 1 << 40, passes: .max))
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
        bytes[8] = 3
        #expect(throws: TrainingStateError.unsupportedVersion(path: "state.bin", version: 3)) {
            try TrainingState(decoding: bytes, path: "state.bin")
        }
    }

    @Test func versionOneFileIsRefusedWithAnActionableMessage() throws {
        let error = #expect(throws: TrainingStateError.outdatedVersion(path: "/runs/3f2a/latest/training_state.bin", version: 1)) {
            try TrainingState(decoding: Data(versionOneFile), path: "/runs/3f2a/latest/training_state.bin")
        }
        #expect(error?.description == "training state: /runs/3f2a/latest/training_state.bin has format version 1, "
            + "which predates format 2 (typed optimizer step count and data position), so this TinyScale cannot resume "
            + "from it exactly; delete the checkpoint folder /runs/3f2a/latest and the run will be retrained from its start")
    }

    @Test func versionOneFileIsRefusedWhenReadFromDisk() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("training_state.bin")
        try Data(versionOneFile).write(to: url)
        #expect(throws: TrainingStateError.outdatedVersion(path: url.path, version: 1)) {
            try TrainingState(contentsOf: url)
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
        bytes[77] ^= 0x01
        let error = #expect(throws: TrainingStateError.self) {
            try TrainingState(decoding: bytes, path: "flipped.bin")
        }
        guard case .checksumMismatch(path: "flipped.bin", stored: 0x1c65_38b5_d99d_0b76, computed: _) = error else {
            Issue.record("expected a checksum mismatch, got \(String(describing: error))")
            return
        }
    }

    /// Step (bytes 12–19), optimizer step count (20–27) and data position (44–67) have fixed sizes,
    /// so any flipped bit in them leaves the file's shape intact and only the checksum can catch it.
    @Test func everyFlippedBitInTheTypedFieldsFailsTheChecksum() throws {
        let bytes = try tiny.encoded()
        for index in Array(12 ..< 28) + Array(44 ..< 68) {
            for bit in 0 ..< 8 {
                var corrupted = bytes
                corrupted[index] ^= 1 << bit
                let error = #expect(throws: TrainingStateError.self) {
                    try TrainingState(decoding: corrupted, path: "flipped.bin")
                }
                guard case .checksumMismatch(path: "flipped.bin", stored: 0x1c65_38b5_d99d_0b76, computed: _) = error else {
                    Issue.record("bit \(bit) of byte \(index) gave \(String(describing: error))")
                    continue
                }
            }
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
        var negativeCount = tiny
        negativeCount.optimizerStepCount = -1
        #expect(throws: TrainingStateError.invalidState(reason: "optimizer step count -1 is negative")) {
            try negativeCount.encoded()
        }
        var mismatched = tiny
        mismatched.secondMoments = [1, 2]
        #expect(throws: TrainingStateError.self) {
            try mismatched.encoded()
        }
    }
}
