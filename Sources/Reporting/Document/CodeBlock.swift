// A verbatim block such as the resolved YAML spec: shown monospaced, never interpreted.

/// Verbatim text with an optional title.
public struct CodeBlock: Sendable {
    /// A short title shown above the block, e.g. "Resolved spec" (plain text, may be empty).
    public var title: String
    /// The language, used only as a label and a CSS class, e.g. "yaml".
    public var language: String
    /// The verbatim text; tabs are shown as four spaces.
    public var text: String

    /// Creates a code block.
    public init(title: String = "", language: String = "", text: String) {
        self.title = title
        self.language = language
        self.text = text
    }
}
