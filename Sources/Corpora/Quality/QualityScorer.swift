// Document quality scores from the reference n-gram model: bits per byte under a model trained on a
// clean reference set (lower is better), computed in parallel over documents.
import Foundation

/// A document's score under the reference model.
public struct QualityScore: Sendable, Hashable, Codable {
    /// −log₂ P per byte under the reference model (bits per byte); lower means more like the reference.
    public var bitsPerByte: Double
    /// The quality used for ordering: −bitsPerByte, so higher is better and "ascending quality"
    /// (a curriculum ending on the best data) is ascending `quality`.
    public var quality: Double { -bitsPerByte }
    /// Perplexity per byte, 2^bitsPerByte.
    public var perplexity: Double { pow(2, bitsPerByte) }

    public init(bitsPerByte: Double) {
        self.bitsPerByte = bitsPerByte
    }
}

/// Scores documents with a reference model.
public struct QualityScorer: Sendable {
    /// The reference model.
    public let model: ByteNGramModel

    public init(model: ByteNGramModel) {
        self.model = model
    }

    /// Trains an order-`order` model on `reference` (e.g. a held-out clean split).
    public init(order: Int = 4, reference: [Document]) throws {
        guard !reference.isEmpty else { throw CorpusError.empty(what: "The quality reference set") }
        model = try ByteNGramModel(order: order, trainingOn: reference)
    }

    /// The score of one document.
    public func score(_ document: Document) -> QualityScore {
        QualityScore(bitsPerByte: model.bitsPerByte(document.bytes))
    }

    /// Scores of `documents`, in the same order, computed on all cores.
    public func scores(_ documents: [Document]) -> [QualityScore] {
        var bits = [Double](repeating: 0, count: documents.count)
        let model = self.model
        let chunks = max(1, min(documents.count, ProcessInfo.processInfo.activeProcessorCount * 4))
        bits.withUnsafeMutableBufferPointer { buffer in
            let output = SendableBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < documents.count {
                    output.buffer[index] = model.bitsPerByte(documents[index].bytes)
                    index += chunks
                }
            }
        }
        return bits.map(QualityScore.init(bitsPerByte:))
    }
}

/// A buffer written at disjoint indices from several threads.
struct SendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>

    init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}
