// Atomic file writes: the destination holds the old or the new bytes, never a torn mix, and no
// temporary file is left after a successful write.

import Foundation
import Testing
@testable import TinyGPT

struct AtomicFileWriterTests {
    @Test func writeReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("state.bin")
        try AtomicFileWriter.write(Data([1, 2, 3]), to: url)
        try AtomicFileWriter.write(Data([4, 5]), to: url)
        #expect(try Data(contentsOf: url) == Data([4, 5]))
        #expect(try directory.contents() == ["state.bin"])
    }

    @Test func emptyDataGivesAnEmptyFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try AtomicFileWriter.write(Data(), to: directory.file("empty"))
        #expect(try Data(contentsOf: directory.file("empty")).isEmpty)
    }

    @Test func crashDuringAWriteLeavesThePreviousFileIntact() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.file("model.safetensors")
        let previous = SafeTensorsFile(tensors: [NamedTensor(name: "w", shape: [2], values: [1, 2])])
        try previous.write(to: url)
        // A crash mid-write leaves a partial temporary file beside the destination, never in it.
        let torn = try SafeTensorsFile(tensors: [NamedTensor(name: "w", shape: [4], values: [5, 6, 7, 8])]).encoded().prefix(30)
        try torn.write(to: directory.file(AtomicFileWriter.temporaryName(for: "model.safetensors")))
        #expect(try SafeTensorsFile(contentsOf: url) == previous)
    }

    @Test func missingDirectoryIsReportedWithThePath() {
        let url = URL(fileURLWithPath: "/nonexistent-tinygpt-directory/file.bin")
        let error = #expect(throws: FileWriteError.self) {
            try AtomicFileWriter.write(Data([1]), to: url)
        }
        #expect(error?.description.contains("/nonexistent-tinygpt-directory/") == true)
    }
}
