// A fixed set of evaluation batches for held-out loss: non-overlapping windows read from the start of
// a (validation or test) stream, identical for every run that uses the same stream and shape.

public enum EvaluationBatches {
    /// Windows of T + 1 bytes at offsets 0, T + 1, 2(T + 1), … (no byte is scored twice), grouped
    /// into batches of up to B rows; at most `maximumBatches` batches. The last batch may have fewer
    /// rows. Throws when the stream holds not even one window.
    public static func make(stream: TokenStream, batchSize: Int, contextLength: Int,
                            maximumBatches: Int = .max) throws -> [ByteBatch] {
        guard batchSize > 0, contextLength > 0, maximumBatches > 0 else {
            throw CorpusError.invalidParameter(name: "evaluation shape",
                                               reason: "B = \(batchSize), T = \(contextLength) and the batch limit must be positive")
        }
        let width = contextLength + 1
        let windows = min(stream.count / width, maximumBatches.multipliedReportingOverflow(by: batchSize).overflow
                          ? Int.max : maximumBatches * batchSize)
        guard windows > 0 else {
            throw CorpusError.invalidParameter(name: "evaluation shape",
                                               reason: "the stream has \(stream.count) bytes, fewer than T + 1 = \(width)")
        }
        var batches: [ByteBatch] = []
        var window = 0
        while window < windows {
            let rows = min(batchSize, windows - window)
            let tokens = Array(stream.bytes[(window * width)..<((window + rows) * width)])
            batches.append(ByteBatch(batchSize: rows, contextLength: contextLength, tokens: tokens))
            window += rows
        }
        return batches
    }
}
