// Shared fixtures for the Corpora tests: package checks for the Debian-backed tests and corpora
// loaded once per test process (loading is the slow part, so tests share it).
import Corpora
import Foundation

enum Installed {
    /// Whether every package is installed (`make test` installs them all).
    static func packages(_ names: String...) -> Bool {
        DebianPackages.firstMissing(names) == nil
    }
}

enum SharedCorpora {
    /// 1,500 documents of synthetic:alpha (about 0.5 MB), generated once.
    static let alpha = Result { try SyntheticSource(preset: .alpha, documentCount: 1_500).load() }
    /// KJV verses, exported once.
    static let kjvVerses = Result { try BibleSource(edition: .kjv).loadVerses() }
    /// Reina-Valera 1909 verses, exported once.
    static let sparvVerses = Result { try BibleSource(edition: .sparv).loadVerses() }
}

/// A fresh empty folder under the temporary directory.
func temporaryFolder(_ name: String = #function) throws -> String {
    let safe = String(name.filter { $0.isLetter || $0.isNumber })
    let path = NSTemporaryDirectory() + "corpora-tests-\(safe)-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Documents with the given texts, ids `d0`, `d1`, ...
func documents(_ texts: [String], source: String = "test") -> [Document] {
    texts.enumerated().map { Document(id: "d\($0.offset)", source: source, text: $0.element) }
}
