// Graded corruption of clean documents (character noise, shuffled words, repeated boilerplate), to
// build realistic mixed-quality corpora whose quality is then measured by the reference model, never
// read off the corruption level.
import Digests

/// Kinds of damage, each typical of low-quality web text.
public enum CorruptionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Characters substituted, deleted or duplicated (OCR and encoding damage).
    case characterNoise
    /// Words moved out of place (scrambled or machine-generated text).
    case shuffledWords
    /// Boilerplate lines inserted and repeated (navigation, cookie banners, spam).
    case boilerplate
}

/// A corruption generator.
public enum Corruption {
    /// Boilerplate lines, as found around scraped pages.
    static let boilerplateLines = [
        "Click here to subscribe to our newsletter!",
        "All rights reserved. Terms of use | Privacy policy | Contact",
        "Accept cookies to continue >>> Accept | Decline",
        "Share this: Facebook Twitter Email Print",
        "BUY NOW!!! Limited offer, free shipping $$$",
    ]

    /// `document` damaged by `kind` at `level` (0 = untouched … 1 = heavy), reproducibly from `seed`.
    ///
    /// - character noise: each character is hit with probability 0.3 · level; a hit substitutes a
    ///   character drawn from the document itself (so the script is kept), deletes, or duplicates;
    /// - shuffled words: level · (word count) random swaps of two words;
    /// - boilerplate: ⌈6 · level⌉ boilerplate lines inserted at random line positions.
    public static func corrupt(_ document: Document, kind: CorruptionKind, level: Double, seed: UInt64) -> Document {
        let clamped = min(max(level, 0), 1)
        var generator = SeededGenerator(seed: FNV1a64.mix(seed ^ document.contentHash))
        let text: String
        switch kind {
        case .characterNoise: text = characterNoise(document.text, level: clamped, generator: &generator)
        case .shuffledWords: text = shuffledWords(document.text, level: clamped, generator: &generator)
        case .boilerplate: text = boilerplate(document.text, level: clamped, generator: &generator)
        }
        var corrupted = Document(id: document.id + "~\(kind.rawValue)@\(clamped)", source: document.source,
                                 text: text, file: document.file, entryIndex: document.entryIndex)
        if clamped == 0 { corrupted.id = document.id }
        return corrupted
    }

    /// A mixed-quality corpus: each document gets a kind and a level drawn from `levels` (uniformly,
    /// from `seed`). Returns the documents and the level each got (for analysis, not for ordering).
    public static func mixedQuality(_ documents: [Document], levels: [Double], seed: UInt64) -> [(document: Document, level: Double)] {
        var generator = SeededGenerator(seed: seed)
        return documents.map { document in
            let level = levels.isEmpty ? 0 : levels[generator.nextIndex(below: levels.count)]
            let kind = CorruptionKind.allCases[generator.nextIndex(below: CorruptionKind.allCases.count)]
            return (corrupt(document, kind: kind, level: level, seed: generator.next()), level)
        }
    }

    private static func characterNoise(_ text: String, level: Double, generator: inout SeededGenerator) -> String {
        let characters = Array(text)
        let alphabet = characters.filter { !$0.isNewline }
        guard !alphabet.isEmpty else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in characters {
            guard !character.isNewline, generator.nextUnit() < 0.3 * level else {
                output.append(character)
                continue
            }
            switch generator.nextIndex(below: 3) {
            case 0: output.append(alphabet[generator.nextIndex(below: alphabet.count)])
            case 1: break
            default: output.append(character); output.append(character)
            }
        }
        return output
    }

    private static func shuffledWords(_ text: String, level: Double, generator: inout SeededGenerator) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false)
        guard words.count > 1 else { return text }
        let swaps = Int((level * Double(words.count)).rounded())
        for _ in 0..<swaps {
            words.swapAt(generator.nextIndex(below: words.count), generator.nextIndex(below: words.count))
        }
        return words.joined(separator: " ")
    }

    private static func boilerplate(_ text: String, level: Double, generator: inout SeededGenerator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let insertions = Int((6 * level).rounded(.up))
        let line = boilerplateLines[generator.nextIndex(below: boilerplateLines.count)]
        for _ in 0..<insertions {
            lines.insert(line, at: generator.nextIndex(below: lines.count + 1))
        }
        return lines.joined(separator: "\n")
    }
}
