// The parsed form of the Markdown subset used in prose cells and captions: blocks of inline spans.

/// A run of inline content.
public indirect enum InlineSpan: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// `**strong**` text.
    case bold([InlineSpan])
    /// `*emphasised*` or `_emphasised_` text.
    case italic([InlineSpan])
    /// `` `code` `` (verbatim).
    case code(String)
    /// `[label](destination)`; only http, https, mailto and in-document `#` destinations are kept
    /// as links, anything else is shown as plain text.
    case link([InlineSpan], destination: String)
    /// `$…$` inline mathematics, kept verbatim (without the dollars) and never typeset.
    case math(String)

    /// The span's text without any formatting.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text), .math(let text): text
        case .bold(let spans), .italic(let spans), .link(let spans, _): spans.map(\.plainText).joined()
        }
    }
}

/// A block of prose.
public enum MarkdownBlock: Sendable, Equatable {
    /// A paragraph.
    case paragraph([InlineSpan])
    /// A bullet list; each item is its inline content.
    case bulletList([[InlineSpan]])
    /// A numbered list starting at `start`.
    case numberedList(start: Int, items: [[InlineSpan]])
}
