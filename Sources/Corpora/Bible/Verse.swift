// One verse with its reference, the unit Bible exports are parsed into and aligned by.

/// Where a verse is: the book's position in the export (1-based, in canonical order), its name as the
/// exporter spells it, chapter and verse numbers.
public struct VerseReference: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 1-based position of the book in the export (Genesis = 1; Revelation = 66 for KJV and SpaRV).
    public var bookIndex: Int
    /// The book name as the exporter writes it (`Ge`, `Genesis`, `Revelation of John`).
    public var book: String
    /// Chapter number.
    public var chapter: Int
    /// Verse number.
    public var verse: Int

    public init(bookIndex: Int, book: String, chapter: Int, verse: Int) {
        self.bookIndex = bookIndex
        self.book = book
        self.chapter = chapter
        self.verse = verse
    }

    public static func < (left: VerseReference, right: VerseReference) -> Bool {
        (left.bookIndex, left.chapter, left.verse) < (right.bookIndex, right.chapter, right.verse)
    }

    public var description: String { "\(book) \(chapter):\(verse)" }
}

/// A verse: reference plus cleaned text (one line; poetry line breaks become spaces).
public struct Verse: Sendable, Hashable, Codable {
    public var reference: VerseReference
    public var text: String

    public init(reference: VerseReference, text: String) {
        self.reference = reference
        self.text = text
    }
}
