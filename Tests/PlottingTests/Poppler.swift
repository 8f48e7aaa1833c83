// Runs poppler-utils (pdfinfo, pdftotext) on PDF bytes for structural checks of rendered figures.

import Foundation
import TestSupport

enum Poppler {
    /// Whether both tools are on PATH.
    static let isInstalled = ["pdfinfo", "pdftotext"].allSatisfy { ExternalTool.find($0) != nil }

    /// `pdfinfo`'s report on `pdf`.
    static func info(_ pdf: Data) throws -> String { try run("pdfinfo", on: pdf, extraArguments: []) }

    /// The text `pdftotext` extracts from `pdf`, in reading layout.
    static func text(_ pdf: Data) throws -> String { try run("pdftotext", on: pdf, extraArguments: ["-layout", "-"]) }

    private static func run(_ tool: String, on pdf: Data, extraArguments: [String]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plotting-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        guard let path = ExternalTool.find(tool) else { return "" }
        return try ExternalTool.run(path, [file.path] + extraArguments).output
    }
}
