// A loaded source: its facts, its cleaned documents, and what was left out.

/// The cleaned documents of one source.
public struct Corpus: Sendable {
    /// Facts about the source.
    public var info: SourceInfo
    /// Cleaned documents in load order (file order, then entry order).
    public var documents: [Document]
    /// Files deliberately not read (indexes, duplicates through symbolic links, non-running text).
    public var skippedFiles: [SkippedFile]
    /// The Debian package version the text came from, when it came from one.
    public var packageVersion: String?
    /// SHA-256 (64 hex digits) of the raw bytes of a one-file `file:` source, as read; nil for
    /// other sources.
    public var contentDigest: String?

    public init(info: SourceInfo, documents: [Document], skippedFiles: [SkippedFile] = [],
                packageVersion: String? = nil, contentDigest: String? = nil) {
        self.info = info
        self.documents = documents
        self.skippedFiles = skippedFiles
        self.packageVersion = packageVersion
        self.contentDigest = contentDigest
    }

    /// Total text size in bytes (documents only, no separators).
    public var byteCount: Int { documents.reduce(0) { $0 + $1.byteCount } }

    /// Number of documents.
    public var documentCount: Int { documents.count }
}
