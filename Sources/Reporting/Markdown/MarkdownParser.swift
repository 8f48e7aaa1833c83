// A parser for the small Markdown subset of report prose: paragraphs, bullet and numbered lists,
// **bold**, *italic*, `code`, [links](https://…) and $math$ (left as text). Everything else is text.

import Foundation

/// Parses report prose. Total: any input parses, unknown syntax is kept as literal text.
public enum MarkdownParser {
    /// Parses `source` into blocks. Blank lines separate blocks; lines starting with "- ", "* " or
    /// "+ " are bullet items, "1. " or "1) " numbered items; indented lines continue the item above.
    public static func parseBlocks(_ source: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var bulletItems: [String] = []
        var numberedItems: [String] = []
        var numberedStart = 1

        func flush() {
            if !paragraph.isEmpty {
                blocks.append(.paragraph(parseInline(paragraph.joined(separator: " "))))
                paragraph = []
            }
            if !bulletItems.isEmpty {
                blocks.append(.bulletList(bulletItems.map(parseInline)))
                bulletItems = []
            }
            if !numberedItems.isEmpty {
                blocks.append(.numberedList(start: numberedStart, items: numberedItems.map(parseInline)))
                numberedItems = []
            }
        }

        for rawLine in source.replacingOccurrences(of: "\r\n", with: "\n").split(
            separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let isIndented = rawLine.first == " " || rawLine.first == "\t"
            if line.isEmpty {
                flush()
            } else if let item = bulletItemText(line) {
                if !paragraph.isEmpty || !numberedItems.isEmpty { flush() }
                bulletItems.append(item)
            } else if let (number, item) = numberedItem(line) {
                if !paragraph.isEmpty || !bulletItems.isEmpty { flush() }
                if numberedItems.isEmpty { numberedStart = number }
                numberedItems.append(item)
            } else if isIndented, !bulletItems.isEmpty {
                bulletItems[bulletItems.count - 1] += " " + line
            } else if isIndented, !numberedItems.isEmpty {
                numberedItems[numberedItems.count - 1] += " " + line
            } else {
                if !bulletItems.isEmpty || !numberedItems.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    /// Parses one line (or paragraph) of inline Markdown.
    public static func parseInline(_ source: String) -> [InlineSpan] {
        var scanner = InlineScanner(Array(source))
        return scanner.parse(until: nil)
    }

    /// Whether a link destination is kept as a link: http(s), mailto, or an in-document `#anchor`.
    /// Other schemes (`javascript:`, `data:`, `file:`) would be unsafe or broken in an archive.
    public static func isSafeLinkDestination(_ destination: String) -> Bool {
        let lowered = destination.lowercased()
        return ["https://", "http://", "mailto:", "#"].contains { lowered.hasPrefix($0) }
            && !destination.contains(where: { $0.isWhitespace })
    }

    private static func bulletItemText(_ line: String) -> String? {
        for marker in ["- ", "* ", "+ "] where line.hasPrefix(marker) {
            return String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    private static func numberedItem(_ line: String) -> (Int, String)? {
        let digits = line.prefix(while: \.isASCII).prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 9, let number = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return (number, String(rest.dropFirst(2)).trimmingCharacters(in: .whitespaces))
    }
}

/// A single pass over inline characters; emphasis closes at its matching delimiter or is literal.
private struct InlineScanner {
    private let characters: [Character]
    private var position = 0

    init(_ characters: [Character]) {
        self.characters = characters
    }

    /// Parses until `terminator` (a delimiter such as "**") or the end; on reaching the end without
    /// the terminator the caller decides how to recover.
    mutating func parse(until terminator: String?) -> [InlineSpan] {
        var spans: [InlineSpan] = []
        var text = ""
        func emitText() {
            if !text.isEmpty { spans.append(.text(text)); text = "" }
        }
        while position < characters.count {
            if let terminator, matches(terminator) { break }
            let character = characters[position]
            if character == "\\", position + 1 < characters.count,
               "\\`*_[]()$#".contains(characters[position + 1]) {
                text.append(characters[position + 1])
                position += 2
            } else if character == "`", let code = delimitedVerbatim("`") {
                emitText(); spans.append(.code(code))
            } else if character == "$", let math = delimitedVerbatim("$") {
                emitText(); spans.append(.math(math))
            } else if matches("**"), let inner = emphasis("**") {
                emitText(); spans.append(.bold(inner))
            } else if character == "*" || character == "_", let inner = emphasis(String(character)) {
                emitText(); spans.append(.italic(inner))
            } else if character == "[", let link = link() {
                emitText(); spans.append(link)
            } else {
                text.append(character)
                position += 1
            }
        }
        emitText()
        return spans
    }

    private func matches(_ delimiter: String) -> Bool {
        let delimiterCharacters = Array(delimiter)
        guard position + delimiterCharacters.count <= characters.count else { return false }
        return Array(characters[position..<position + delimiterCharacters.count]) == delimiterCharacters
    }

    /// `delimiter` text `delimiter` with no nesting; nil (position unchanged) if unclosed or empty.
    private mutating func delimitedVerbatim(_ delimiter: Character) -> String? {
        guard let end = characters[(position + 1)...].firstIndex(of: delimiter), end > position + 1 else {
            return nil
        }
        let content = String(characters[(position + 1)..<end])
        position = end + 1
        return content
    }

    /// Emphasis opened by `delimiter` at the current position; nil (position unchanged) if the
    /// opener is followed by a space or never closed.
    private mutating func emphasis(_ delimiter: String) -> [InlineSpan]? {
        let start = position
        let afterOpener = position + delimiter.count
        guard afterOpener < characters.count, !characters[afterOpener].isWhitespace else { return nil }
        position = afterOpener
        let inner = parse(until: delimiter)
        guard matches(delimiter), !inner.isEmpty else {
            position = start
            return nil
        }
        position += delimiter.count
        return inner
    }

    /// `[label](destination)`; nil (position unchanged) if malformed.
    private mutating func link() -> InlineSpan? {
        let start = position
        position += 1
        let label = parse(until: "]")
        guard matches("]("),
              let close = characters[(position + 2)...].firstIndex(of: ")") else {
            position = start
            return nil
        }
        let destination = String(characters[(position + 2)..<close]).trimmingCharacters(in: .whitespaces)
        position = close + 1
        guard MarkdownParser.isSafeLinkDestination(destination) else {
            return .text(label.map(\.plainText).joined())
        }
        return .link(label, destination: destination)
    }
}
