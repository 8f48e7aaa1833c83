// The parsed form of the Markdown of prose cells and captions: blocks of inline spans.

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
    /// `$…$` inline mathematics: the formula's source without the dollars, in the TeX-like subset
    /// of `Formula` (`N_{opt} \propto C^{a}`); the renderers typeset it, or show it as written when
    /// it is not in the subset.
    case math(String)

    /// The span's text without any formatting; a formula as readable plain text (`A/N^α`).
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): text
        case .math(let source): Formula.plainText(of: source)
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
