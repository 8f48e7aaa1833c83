// The vocabulary of a synthetic language: syllable-built word forms per part of speech, generated
// from a seed, optionally sharing a fraction of its forms (slot by slot) with another lexicon.
import Digests

/// Parts of speech the grammar uses.
public enum PartOfSpeech: String, Sendable, Hashable, Codable, CaseIterable {
    case noun, verb, adjective, adposition, determiner, conjunction

    /// Number of distinct word forms in a lexicon.
    var lexiconSize: Int {
        switch self {
        case .noun: 600
        case .verb: 250
        case .adjective: 200
        case .adposition: 10
        case .determiner: 5
        case .conjunction: 3
        }
    }
}

/// Word forms per part of speech, most frequent first (rank 1 at index 0).
public struct SyntheticLexicon: Sendable, Hashable {
    /// Word forms by part of speech, in rank order.
    public var words: [PartOfSpeech: [String]]

    private static let consonants = Array("ptkbdgmnslrvfzhj")
    private static let vowels = Array("aeiou")

    /// A lexicon generated from `seed` alone.
    public init(seed: UInt64) {
        var generator = SeededGenerator(seed: FNV1a64.hash("lexicon", seed: seed))
        var used = Set<String>()
        var words: [PartOfSpeech: [String]] = [:]
        for part in PartOfSpeech.allCases {
            words[part] = (0..<part.lexiconSize).map { rank in
                SyntheticLexicon.freshWord(part: part, rank: rank, generator: &generator, used: &used)
            }
        }
        self.words = words
    }

    /// A lexicon whose slot (part of speech, rank) holds the base lexicon's word with probability
    /// `sharedFraction` (decided per slot from `seed`), and otherwise a word of its own.
    public init(seed: UInt64, sharing sharedFraction: Double, with base: SyntheticLexicon) {
        var generator = SeededGenerator(seed: FNV1a64.hash("lexicon", seed: seed))
        var used = Set(base.words.values.flatMap { $0 })
        var words: [PartOfSpeech: [String]] = [:]
        for part in PartOfSpeech.allCases {
            let baseWords = base.words[part] ?? []
            words[part] = (0..<part.lexiconSize).map { rank in
                let slotHash = FNV1a64.hash("\(part.rawValue)#\(rank)", seed: seed)
                if FNV1a64.unitInterval(slotHash) < sharedFraction, rank < baseWords.count {
                    return baseWords[rank]
                }
                return SyntheticLexicon.freshWord(part: part, rank: rank, generator: &generator, used: &used)
            }
        }
        self.words = words
    }

    /// Fraction of all slots holding the same form in both lexicons.
    public func sharedFraction(with other: SyntheticLexicon) -> Double {
        var shared = 0
        var total = 0
        for part in PartOfSpeech.allCases {
            let mine = words[part] ?? []
            let theirs = other.words[part] ?? []
            for (left, right) in zip(mine, theirs) where left == right { shared += 1 }
            total += mine.count
        }
        return total == 0 ? 0 : Double(shared) / Double(total)
    }

    /// A form not yet used: function words and frequent words get one syllable, rarer ones up to
    /// three (Zipf's law of abbreviation).
    private static func freshWord(part: PartOfSpeech, rank: Int, generator: inout SeededGenerator,
                                  used: inout Set<String>) -> String {
        let isFunctionWord = [.adposition, .determiner, .conjunction].contains(part)
        let syllableRange = isFunctionWord ? 1...1 : (rank < 20 ? 1...2 : 2...3)
        while true {
            let syllables = syllableRange.lowerBound + generator.nextIndex(below: syllableRange.count)
            var word = ""
            for _ in 0..<syllables {
                word.append(consonants[generator.nextIndex(below: consonants.count)])
                word.append(vowels[generator.nextIndex(below: vowels.count)])
                if generator.nextUnit() < 0.3 {
                    word.append(consonants[generator.nextIndex(below: consonants.count)])
                }
            }
            if used.insert(word).inserted { return word }
        }
    }
}
