// Parses the plain-text exports of `bible` (KJV: `Ge1:1 text` per line) and `diatheke -f plain`
// (`Book C:V: text`, verses over several lines, repeated psalm headings after blank lines, a glossary
// after the last verse, module markup leaking into some lines, a `(module)` trailer) into verses.

enum BibleExportParser {
    /// Version of the parsing rules; part of cache keys.
    static let version = 3

    /// Verses of a `bible -f` export: one `<abbrev><chapter>:<verse> <text>` line per verse.
    static func parseKJV(_ export: String, source: String) throws -> [Verse] {
        var verses: [Verse] = []
        var bookIndex = 0
        var currentBook = ""
        for line in export.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let (book, chapter, verse, text) = splitKJVLine(line) else {
                throw CorpusError.malformedBibleExport(source: source, reason: "line '\(line.prefix(60))'")
            }
            if book != currentBook {
                bookIndex += 1
                currentBook = book
            }
            let reference = VerseReference(bookIndex: bookIndex, book: book, chapter: chapter, verse: verse)
            verses.append(Verse(reference: reference, text: collapseSpaces(text)))
        }
        guard !verses.isEmpty else {
            throw CorpusError.malformedBibleExport(source: source, reason: "no verses")
        }
        return verses
    }

    /// `Ge1:1 text` → ("Ge", 1, 1, "text"); books may start with a digit (`1Sm`).
    private static func splitKJVLine(_ line: Substring) -> (String, Int, Int, Substring)? {
        let characters = Array(line.utf8)
        var index = 0
        if index < characters.count, (0x31...0x33).contains(characters[index]) { index += 1 }
        let bookStart = 0
        while index < characters.count, isASCIILetter(characters[index]) { index += 1 }
        guard index > bookStart else { return nil }
        let book = String(decoding: characters[bookStart..<index], as: UTF8.self)
        guard let (chapter, afterChapter) = number(characters, from: index),
              afterChapter < characters.count, characters[afterChapter] == UInt8(ascii: ":"),
              let (verse, afterVerse) = number(characters, from: afterChapter + 1)
        else { return nil }
        let textStart = afterVerse < characters.count && characters[afterVerse] == 0x20 ? afterVerse + 1 : afterVerse
        let text = line.utf8.dropFirst(textStart)
        return (book, chapter, verse, Substring(text))
    }

    /// One verse record of a diatheke export before headings are judged.
    private struct RawVerse {
        var reference: VerseReference
        var lines: [Substring]
        var afterBlankLines: [Substring]
    }

    /// Verses of a `diatheke -f plain` export of module `module`.
    ///
    /// Headings are dropped wherever they occur: the text of every `<title …>` element in the export,
    /// and every line that follows a blank line more than once (psalm superscriptions, repeated
    /// before each verse of their psalm). The WEB module also leaks the last heading it saw into the
    /// verses of later books, without a blank line; the same rule removes those. Other lines after a
    /// blank line stay part of their verse (paragraph breaks). Everything after a blank line
    /// following the last verse is the appended glossary and is dropped, as is the `(module)` trailer.
    static func parseDiatheke(_ export: String, module: String, source: String) throws -> [Verse] {
        let trailer = "(\(module))"
        var records: [RawVerse] = []
        var afterBlank = false
        var bookIndex = 0
        var currentBook = ""
        var headings = Set<Substring>()
        for rawLine in export.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimmed(removingMarkup(rawLine, titles: &headings))
            if line.isEmpty {
                afterBlank = true
                continue
            }
            if line == trailer { continue }
            if let (book, chapter, verse, text) = splitDiathekeReference(line) {
                if book != currentBook {
                    bookIndex += 1
                    currentBook = book
                }
                let reference = VerseReference(bookIndex: bookIndex, book: book, chapter: chapter, verse: verse)
                records.append(RawVerse(reference: reference, lines: text.isEmpty ? [] : [text], afterBlankLines: []))
                afterBlank = false
                continue
            }
            guard !records.isEmpty else {
                throw CorpusError.malformedBibleExport(source: source, reason: "text before the first verse: '\(line.prefix(60))'")
            }
            if afterBlank {
                records[records.count - 1].afterBlankLines.append(line)
            } else {
                records[records.count - 1].lines.append(line)
            }
        }
        guard !records.isEmpty else {
            throw CorpusError.malformedBibleExport(source: source, reason: "no verses")
        }
        records[records.count - 1].afterBlankLines.removeAll()
        var occurrences: [Substring: Int] = [:]
        for record in records {
            for line in record.afterBlankLines { occurrences[line, default: 0] += 1 }
        }
        for (line, count) in occurrences where count >= 2 { headings.insert(line) }
        return records.map { record in
            let kept = (record.lines + record.afterBlankLines).filter { !headings.contains($0) }
            return Verse(reference: record.reference, text: collapseSpaces(kept.joined(separator: " ")[...]))
        }
    }

    /// `Book Name 12:3: text` → ("Book Name", 12, 3, "text"). The book part must be letters,
    /// spaces and parentheses only, so verse text with numbers is never taken for a reference.
    private static func splitDiathekeReference(_ line: Substring) -> (String, Int, Int, Substring)? {
        let characters = Array(line.utf8)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if isASCIILetter(character) || character == 0x20 || character == UInt8(ascii: "(") || character == UInt8(ascii: ")") {
                index += 1
            } else {
                break
            }
        }
        guard index >= 2, characters[index - 1] == 0x20, isASCIILetter(characters[0]) else { return nil }
        let book = String(decoding: characters[0..<(index - 1)], as: UTF8.self)
        guard let (chapter, afterChapter) = number(characters, from: index),
              afterChapter < characters.count, characters[afterChapter] == UInt8(ascii: ":"),
              let (verse, afterVerse) = number(characters, from: afterChapter + 1),
              afterVerse < characters.count, characters[afterVerse] == UInt8(ascii: ":")
        else { return nil }
        let text = trimmed(Substring(line.utf8.dropFirst(afterVerse + 1)))
        return (book, chapter, verse, text)
    }

    /// `line` without SWORD markup: `<title …>…</title>` spans (their trimmed text is added to
    /// `titles`) and any other `<…>` tag (`<lg sID="…"/>`, Strong's numbers `<G5547>`) together
    /// with the spaces before it, since such tags follow the word they annotate (`Aleluya <H3050>.`).
    private static func removingMarkup(_ line: Substring, titles: inout Set<Substring>) -> Substring {
        guard line.contains("<") else { return line }
        var result = ""
        var rest = line
        while let open = rest.firstIndex(of: "<") {
            result += rest[..<open]
            let tail = rest[open...]
            if tail.hasPrefix("<title"), let close = tail.range(of: "</title>") {
                if let textStart = tail.firstIndex(of: ">"), textStart < close.lowerBound {
                    titles.insert(trimmed(tail[tail.index(after: textStart)..<close.lowerBound]))
                }
                rest = tail[close.upperBound...]
            } else if let close = tail.firstIndex(of: ">") {
                while result.last == " " { result.removeLast() }
                rest = tail[tail.index(after: close)...]
            } else {
                result += tail
                rest = ""
            }
        }
        result += rest
        return result[...]
    }

    private static func number(_ characters: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        var value = 0
        while index < characters.count, (0x30...0x39).contains(characters[index]), index - start < 4 {
            value = value * 10 + Int(characters[index] - 0x30)
            index += 1
        }
        return index > start ? (value, index) : nil
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }

    /// Runs of whitespace become one space; leading and trailing whitespace is removed.
    static func collapseSpaces(_ text: Substring) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{A0}" })
            .joined(separator: " ")
    }
}
