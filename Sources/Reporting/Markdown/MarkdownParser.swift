// Parses the Markdown of report prose and captions with cmark, the CommonMark reference parser, into
// the blocks and inline spans the HTML and PDF renderers draw. `$…$` formulas are set aside before
// cmark sees the text and come back as `.math` spans; raw HTML is kept as literal text.

import CCmark
import Foundation

/// Parses report prose. Total: any input parses; what the renderers cannot show as formatting
/// (raw HTML, images, unsafe links) is kept as text.
public enum MarkdownParser {
    /// Parses `source` as CommonMark into paragraphs and lists. Headings become bold paragraphs,
    /// block quotes their content, code blocks one code span; nested blocks inside a list item are
    /// joined into the item's text.
    public static func parseBlocks(_ source: String) -> [MarkdownBlock] {
        let protection = FormulaProtection(source)
        return CommonMarkTree.blocks(protection.text, protection: protection)
    }

    /// Parses one line (or paragraph) of inline Markdown: line breaks count as spaces and nothing
    /// at its start is taken for a heading, list item, quote or rule.
    public static func parseInline(_ source: String) -> [InlineSpan] {
        let protection = FormulaProtection(singleParagraph(source))
        return CommonMarkTree.inlineContent(CommonMarkTree.blocks(protection.text, protection: protection))
    }

    /// The text of `source` parsed as inline Markdown, without formatting; formulas as readable
    /// plain text (`L(N, D) = E + A/N^α + B/D^β`).
    public static func plainText(_ source: String) -> String {
        parseInline(source).map(\.plainText).joined()
    }

    /// Whether a link destination is kept as a link: http(s), mailto, or an in-document `#anchor`.
    /// Other schemes (`javascript:`, `data:`, `file:`) would be unsafe or broken in an archive.
    public static func isSafeLinkDestination(_ destination: String) -> Bool {
        let lowered = destination.lowercased()
        return ["https://", "http://", "mailto:", "#"].contains { lowered.hasPrefix($0) }
            && !destination.contains(where: { $0.isWhitespace })
    }

    /// `source` on one line, with the character that would open a block escaped.
    private static func singleParagraph(_ source: String) -> String {
        let line = source.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        guard let first = line.first else { return line }
        let rest = line.dropFirst()
        switch first {
        case ">":
            return "\\" + line
        case "#":
            let hashes = line.prefix(while: { $0 == "#" }).count
            let afterHashes = line.dropFirst(hashes).first
            return hashes <= 6 && (afterHashes == nil || afterHashes == " ") ? "\\" + line : line
        case "-", "+", "*", "_":
            let isListItem = first != "_" && (rest.isEmpty || rest.first == " ")
            let isRule = line.allSatisfy { $0 == first || $0 == " " } && line.filter { $0 == first }.count >= 3
            return isListItem || isRule ? "\\" + line : line
        case "`", "~":
            let isFence = line.hasPrefix(String(repeating: first, count: 3))
                && (first == "~" || !line.drop(while: { $0 == "`" }).contains("`"))
            return isFence ? "\\" + line : line
        case "[":
            guard let close = line.firstIndex(of: "]"), line[line.index(after: close)...].first == ":" else {
                return line
            }
            return "\\" + line
        default:
            let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
            let afterDigits = line.dropFirst(digits.count)
            guard (1...9).contains(digits.count), let delimiter = afterDigits.first, delimiter == "." || delimiter == ")",
                  afterDigits.dropFirst().first == nil || afterDigits.dropFirst().first == " " else {
                return line
            }
            return String(digits) + "\\" + String(afterDigits)
        }
    }
}

/// Walks cmark's node tree and converts it into `MarkdownBlock`s and `InlineSpan`s.
private enum CommonMarkTree {
    /// The blocks of `text` (Markdown with formula placeholders).
    static func blocks(_ text: String, protection: FormulaProtection) -> [MarkdownBlock] {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return [] }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                cmark_parse_document(characters.baseAddress, characters.count, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8)
            }
        }
        guard let document else { return [] }
        defer { cmark_node_free(document) }
        return Converter(protection: protection).blocks(in: document)
    }

    /// The inline content of `blocks` in reading order, one space between blocks and list items.
    static func inlineContent(_ blocks: [MarkdownBlock]) -> [InlineSpan] {
        var pieces: [[InlineSpan]] = []
        for block in blocks {
            switch block {
            case .paragraph(let spans): pieces.append(spans)
            case .bulletList(let items), .numberedList(_, let items): pieces += items
            }
        }
        return merged(Array(pieces.filter { !$0.isEmpty }.joined(separator: [InlineSpan.text(" ")])))
    }

    /// `spans` with neighbouring text spans joined (cmark splits text at every delimiter it tries).
    static func merged(_ spans: [InlineSpan]) -> [InlineSpan] {
        var result: [InlineSpan] = []
        for span in spans {
            if case .text(let next) = span, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else if case .text(let next) = span, next.isEmpty {
                continue
            } else {
                result.append(span)
            }
        }
        return result
    }

    private struct Converter {
        let protection: FormulaProtection

        func blocks(in container: OpaquePointer) -> [MarkdownBlock] {
            var blocks: [MarkdownBlock] = []
            for node in children(of: container) {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_PARAGRAPH:
                    let spans = inlines(in: node)
                    if !spans.isEmpty { blocks.append(.paragraph(spans)) }
                case CMARK_NODE_HEADING:
                    let spans = inlines(in: node)
                    if !spans.isEmpty { blocks.append(.paragraph([.bold(spans)])) }
                case CMARK_NODE_LIST:
                    let items = children(of: node).map { CommonMarkTree.inlineContent(self.blocks(in: $0)) }
                    if cmark_node_get_list_type(node) == CMARK_ORDERED_LIST {
                        blocks.append(.numberedList(start: Int(cmark_node_get_list_start(node)), items: items))
                    } else {
                        blocks.append(.bulletList(items))
                    }
                case CMARK_NODE_CODE_BLOCK:
                    let code = trimmedLineEnds(protection.verbatim(literal(of: node)))
                    if !code.isEmpty { blocks.append(.paragraph([.code(code)])) }
                case CMARK_NODE_HTML_BLOCK:
                    let html = trimmedLineEnds(protection.verbatim(literal(of: node)))
                    if !html.isEmpty { blocks.append(.paragraph([.text(html.replacingOccurrences(of: "\n", with: " "))])) }
                case CMARK_NODE_THEMATIC_BREAK:
                    continue
                default:
                    blocks += self.blocks(in: node)
                }
            }
            return blocks
        }

        func inlines(in container: OpaquePointer) -> [InlineSpan] {
            var spans: [InlineSpan] = []
            for node in children(of: container) {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT:
                    spans += protection.spans(literal(of: node))
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                    spans.append(.text(" "))
                case CMARK_NODE_CODE:
                    spans.append(.code(protection.verbatim(literal(of: node))))
                case CMARK_NODE_HTML_INLINE:
                    spans.append(.text(protection.verbatim(literal(of: node))))
                case CMARK_NODE_EMPH:
                    spans.append(.italic(inlines(in: node)))
                case CMARK_NODE_STRONG:
                    spans.append(.bold(inlines(in: node)))
                case CMARK_NODE_LINK:
                    let destination = protection.verbatim(cmark_node_get_url(node).map { String(cString: $0) } ?? "")
                    if MarkdownParser.isSafeLinkDestination(destination) {
                        spans.append(.link(inlines(in: node), destination: destination))
                    } else {
                        spans += inlines(in: node)
                    }
                default:
                    spans += inlines(in: node)
                }
            }
            return CommonMarkTree.merged(spans)
        }

        private func children(of node: OpaquePointer) -> [OpaquePointer] {
            var children: [OpaquePointer] = []
            var child = cmark_node_first_child(node)
            while let current = child {
                children.append(current)
                child = cmark_node_next(current)
            }
            return children
        }

        private func literal(of node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        private func trimmedLineEnds(_ text: String) -> String {
            String(text.reversed().drop(while: \.isNewline).reversed())
        }
    }
}
