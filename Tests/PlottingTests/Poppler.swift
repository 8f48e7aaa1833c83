// Runs poppler-utils (pdfinfo, pdftotext) on PDF bytes for structural checks of rendered figures.

import Foundation

enum Poppler {
    /// Whether both tools are on the usual paths.
    static let isInstalled = ["pdfinfo", "pdftotext"].allSatisfy { tool in
        ["/usr/bin", "/usr/local/bin"].contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)") }
    }

    /// `pdfinfo`'s report on `pdf`.
    static func info(_ pdf: Data) throws -> String { try run("pdfinfo", on: pdf, extraArguments: []) }

    /// The text `pdftotext` extracts from `pdf`, in reading layout.
    static func text(_ pdf: Data) throws -> String { try run("pdftotext", on: pdf, extraArguments: ["-layout", "-"]) }

    private static func run(_ tool: String, on pdf: Data, extraArguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool, file.path] + extraArguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
