// What a source is, before or without loading it: language, script, Debian package, licence file.

/// Writing systems of the corpora (the script of most letters in the text).
public enum Script: String, Sendable, Hashable, Codable, CaseIterable {
    case latin = "Latin"
    case cyrillic = "Cyrillic"
    case greek = "Greek"
    case han = "Han"
}

/// Static facts about a source.
public struct SourceInfo: Sendable, Hashable {
    /// Canonical source name, e.g. `fortunes:de`.
    public var name: String
    /// BCP-47-like language code, e.g. `de`, `pt-BR`, `zh`, or a synthetic language's name.
    public var language: String
    /// Script of most letters.
    public var script: Script
    /// The Debian package providing the text, nil for files and synthetic languages.
    public var debianPackage: String?
    /// Packages whose presence is required to load the source (the text package and its exporter).
    public var requiredPackages: [String]
    /// Path of the licence file, `/usr/share/doc/<package>/copyright`, when there is one.
    public var licenceFile: String?
    /// Properties of the text a user should know (e.g. fortunes-it writes accents as apostrophes).
    public var notes: [String]

    public init(name: String, language: String, script: Script, debianPackage: String?,
                requiredPackages: [String], notes: [String] = []) {
        self.name = name
        self.language = language
        self.script = script
        self.debianPackage = debianPackage
        self.requiredPackages = requiredPackages
        self.licenceFile = debianPackage.map { "/usr/share/doc/\($0)/copyright" }
        self.notes = notes
    }
}

/// A file the loader deliberately left out, and why.
public struct SkippedFile: Sendable, Hashable, Codable {
    /// Path as found (before resolving symbolic links).
    public var path: String
    /// Why it was left out.
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}
