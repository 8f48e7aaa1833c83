// Letter-for-letter transliteration of generated (Latin, lower-case a–z) text into another script,
// and back, so two synthetic languages can share structure and vocabulary yet differ in every byte.

/// The script a synthetic language is written in.
public enum ScriptMapping: String, Sendable, Hashable, Codable, CaseIterable {
    /// No mapping: ASCII Latin letters.
    case latin
    /// Each Latin letter maps to one Cyrillic letter (2 UTF-8 bytes each).
    case cyrillic
    /// Each Latin letter maps to one Greek letter (2 UTF-8 bytes each).
    case greek

    /// The script reported for the source.
    public var script: Script {
        switch self {
        case .latin: .latin
        case .cyrillic: .cyrillic
        case .greek: .greek
        }
    }

    private static let cyrillicLetters = Array("абцдефгхијклмнопщрстувшжыз")
    private static let greekLetters = Array("αβψδεφγηιξκλμνοπϙρστθϝωχυζ")
    private static let cyrillicToLatin = inverse(of: cyrillicLetters)
    private static let greekToLatin = inverse(of: greekLetters)

    /// Each letter of the script (lower and upper case) to its Latin letter.
    private static func inverse(of letters: [Character]) -> [Character: Character] {
        var inverse: [Character: Character] = [:]
        for (offset, letter) in letters.enumerated() {
            let latin = Character(Unicode.Scalar(UInt8(0x61 + offset)))
            inverse[letter] = latin
            let upper = letter.uppercased()
            if upper.count == 1, let upperLetter = upper.first {
                inverse[upperLetter] = Character(latin.uppercased())
            }
        }
        return inverse
    }

    /// `text` with every a–z letter replaced (upper case maps to upper case); other characters kept.
    public func apply(_ text: String) -> String {
        let letters: [Character]
        switch self {
        case .latin: return text
        case .cyrillic: letters = ScriptMapping.cyrillicLetters
        case .greek: letters = ScriptMapping.greekLetters
        }
        var result = ""
        result.reserveCapacity(text.utf8.count * 2)
        for character in text {
            guard let ascii = character.asciiValue else {
                result.append(character)
                continue
            }
            switch ascii {
            case 0x61...0x7A: result.append(letters[Int(ascii - 0x61)])
            case 0x41...0x5A: result += letters[Int(ascii - 0x41)].uppercased()
            default: result.append(character)
            }
        }
        return result
    }

    /// The Latin text `apply` turned into `text`: every letter of this script mapped back to its
    /// a–z letter (upper case to upper case); other characters kept. `revert(apply(t)) == t` for
    /// every `t` without letters of this script, which includes all generated text.
    public func revert(_ text: String) -> String {
        let inverse: [Character: Character]
        switch self {
        case .latin: return text
        case .cyrillic: inverse = ScriptMapping.cyrillicToLatin
        case .greek: inverse = ScriptMapping.greekToLatin
        }
        return String(text.map { inverse[$0] ?? $0 })
    }
}
