// A fresh, uniquely named directory per test for file-format tests, removed when the test ends.

import Foundation

/// A new empty directory under the system's temporary directory; `remove()` deletes it.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("TinyGPTTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The URL of `name` inside this directory.
    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// The names in this directory, sorted.
    func contents() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
