// One unit of text a corpus is made of (a fortune entry, a Bible chapter, a paragraph, a generated
// paragraph): its cleaned UTF-8 bytes plus where it came from.
import Digests

/// A cleaned document: UTF-8 bytes that contain no control characters other than newline and tab,
/// so the stream separator (see `TokenStream.documentSeparator`) never occurs inside one.
public struct Document: Sendable, Hashable, Codable {
    /// Stable identifier, e.g. `fortunes:en/cookie#12` or `bible:kjv/Genesis 1`.
    public var id: String
    /// The source name this document was loaded from, e.g. `fortunes:de`.
    public var source: String
    /// Cleaned UTF-8 text as bytes.
    public var bytes: [UInt8]
    /// The file (or book and chapter) the document was read from, when there is one.
    public var file: String?
    /// Index of the entry within `file` (0-based), when there is one.
    public var entryIndex: Int?

    public init(id: String, source: String, bytes: [UInt8], file: String? = nil, entryIndex: Int? = nil) {
        self.id = id
        self.source = source
        self.bytes = bytes
        self.file = file
        self.entryIndex = entryIndex
    }

    public init(id: String, source: String, text: String, file: String? = nil, entryIndex: Int? = nil) {
        self.init(id: id, source: source, bytes: Array(text.utf8), file: file, entryIndex: entryIndex)
    }

    /// The bytes decoded as UTF-8 (always valid for documents produced by this module).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Length in bytes.
    public var byteCount: Int { bytes.count }

    /// The FNV-1a 64 hash of the bytes: the identity used by splits and subset orders.
    public var contentHash: UInt64 { FNV1a64.hash(bytes) }
}
