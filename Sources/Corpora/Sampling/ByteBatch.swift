// One training or evaluation batch: B rows of T + 1 bytes (inputs are the first T, targets the last T).

/// A (B, T + 1) batch of byte windows, row-major.
public struct ByteBatch: Sendable, Hashable {
    /// B: rows.
    public let batchSize: Int
    /// T: context length; each row holds T + 1 bytes.
    public let contextLength: Int
    /// B × (T + 1) bytes, row after row.
    public let tokens: [UInt8]

    public init(batchSize: Int, contextLength: Int, tokens: [UInt8]) {
        precondition(tokens.count == batchSize * (contextLength + 1), "a batch holds B × (T + 1) bytes")
        self.batchSize = batchSize
        self.contextLength = contextLength
        self.tokens = tokens
    }

    /// Row `row`: T + 1 bytes.
    public func row(_ row: Int) -> ArraySlice<UInt8> {
        let width = contextLength + 1
        return tokens[(row * width)..<((row + 1) * width)]
    }

    /// The inputs of row `row` (its first T bytes).
    public func inputs(_ row: Int) -> ArraySlice<UInt8> { self.row(row).dropLast() }

    /// The targets of row `row` (its last T bytes: each input's next byte).
    public func targets(_ row: Int) -> ArraySlice<UInt8> { self.row(row).dropFirst() }
}
