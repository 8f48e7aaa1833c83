// The byte stream a model trains on: documents in a given order, each followed by one separator byte.

/// Documents concatenated into one byte sequence.
///
/// Separator choice: 0x1E (ASCII RECORD SEPARATOR) after every document. Cleaning removes every
/// control character except newline and tab, so 0x1E never occurs inside a document: the model sees
/// an unambiguous "document ends here" token, and newlines keep their meaning inside documents.
public struct TokenStream: Sendable, Hashable {
    /// The separator byte written after each document.
    public static let documentSeparator: UInt8 = 0x1E

    /// The bytes (tokens).
    public let bytes: [UInt8]
    /// Start offset of each document in `bytes`.
    public let documentOffsets: [Int]

    public init(documents: [Document]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(documents.reduce(0) { $0 + $1.byteCount + 1 })
        var offsets: [Int] = []
        offsets.reserveCapacity(documents.count)
        for document in documents {
            offsets.append(bytes.count)
            bytes.append(contentsOf: document.bytes)
            bytes.append(TokenStream.documentSeparator)
        }
        self.bytes = bytes
        self.documentOffsets = offsets
    }

    /// Number of tokens (bytes).
    public var count: Int { bytes.count }
}
