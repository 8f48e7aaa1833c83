// Verse alignment of two Bibles that share a versification (KJV and Reina-Valera 1909): a parallel
// English–Spanish corpus.

/// A verse present, non-empty, in both editions.
public struct AlignedVerse: Sendable, Hashable {
    /// Reference in the first edition's spelling (book index, chapter and verse are shared).
    public var reference: VerseReference
    public var first: String
    public var second: String
}

public enum ParallelVerses {
    /// Verses of `first` and `second` with the same (book index, chapter, verse) and non-empty text
    /// in both, in canonical order.
    public static func align(_ first: [Verse], _ second: [Verse]) -> [AlignedVerse] {
        struct Key: Hashable { var book: Int, chapter: Int, verse: Int }
        var secondByKey: [Key: String] = [:]
        for verse in second where !verse.text.isEmpty {
            let reference = verse.reference
            secondByKey[Key(book: reference.bookIndex, chapter: reference.chapter, verse: reference.verse)] = verse.text
        }
        return first.compactMap { verse in
            let reference = verse.reference
            guard !verse.text.isEmpty,
                  let other = secondByKey[Key(book: reference.bookIndex, chapter: reference.chapter, verse: reference.verse)]
            else { return nil }
            return AlignedVerse(reference: reference, first: verse.text, second: other)
        }
    }
}
