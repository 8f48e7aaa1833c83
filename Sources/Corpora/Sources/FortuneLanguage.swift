// The fortune databases by language: where each lives under /usr/share/games/fortunes, its Debian
// package, and the files that are not running text.

/// A language of the Debian fortune packages. Raw values are the source-name arguments.
public enum FortuneLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case en, de, es, it, pl, cs, ru, bg, eo, ga, pt, zh

    /// Root of every fortune database.
    public static let root = "/usr/share/games/fortunes"

    /// The Debian package holding the text.
    public var debianPackage: String {
        switch self {
        case .en: "fortunes"
        case .pt: "fortunes-br"
        default: "fortunes-\(rawValue)"
        }
    }

    /// The language code reported for the source.
    public var languageCode: String {
        self == .pt ? "pt-BR" : rawValue
    }

    /// Script of most letters.
    public var script: Script {
        switch self {
        case .ru, .bg: .cyrillic
        case .zh: .han
        default: .latin
        }
    }

    /// Sub-folder of the root holding the language, or nil for the top-level files.
    var folder: String? {
        switch self {
        case .en, .pt, .zh: nil
        default: rawValue
        }
    }

    /// Top-level file names that belong to this language (`brasil`, `chinese`, ...).
    var topLevelFiles: [String] {
        switch self {
        case .pt: ["brasil"]
        case .zh: ["chinese", "tang300", "song100"]
        default: []
        }
    }

    /// Files (relative to the root) that are pictures, not running text, with the reason.
    var nonRunningText: [String: String] {
        switch self {
        case .en: ["ascii-art": "ASCII art pictures, not running text"]
        case .de: ["de/asciiart": "ASCII art pictures, not running text"]
        case .it: ["it/banner": "large ASCII-art banners, not running text"]
        default: [:]
        }
    }

    /// Sub-folders holding offensive collections, read only when asked for.
    var offensiveFolders: [String] {
        self == .es ? ["es/off"] : []
    }

    /// Properties of the text a user should know about.
    var notes: [String] {
        switch self {
        case .it: ["Pure ASCII: accents are written as apostrophes (\"e'\" for \"è\"), so character statistics differ from standard Italian."]
        case .pl: ["Much of the collection is IRC logs; timestamps, nick prefixes and IRC colour codes are removed."]
        case .zh: ["ANSI colour escapes are removed; 'chinese' includes Linux tips with English commands; tang300 and song100 are classical Chinese, partly Traditional."]
        case .cs: ["Includes Slovak in klasik-sk."]
        case .es: ["The offensive es/off collection is excluded unless requested."]
        case .ga: ["About 8 KB: large enough only for smoke tests."]
        default: []
        }
    }
}
