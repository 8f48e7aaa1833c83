// The order documents are read in during training: as loaded, shuffled from a seed, or sorted by
// quality (a curriculum).

/// A reading order.
public enum DocumentOrder: Sendable, Hashable, Codable {
    /// Load order.
    case original
    /// A seeded Fisher–Yates shuffle.
    case shuffled(seed: UInt64)
    /// Ascending quality (worst first, best last): the curriculum of Luo et al. 2025.
    case ascendingQuality
    /// Descending quality (best first).
    case descendingQuality

    /// `documents` in this order. Sorting orders need one score per document (same order as
    /// `documents`); ties are broken by document id so the result is deterministic.
    public func apply(to documents: [Document], scores: [QualityScore]? = nil) throws -> [Document] {
        switch self {
        case .original:
            return documents
        case let .shuffled(seed):
            var generator = SeededGenerator(seed: seed)
            var shuffled = documents
            if shuffled.count > 1 {
                for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
                    shuffled.swapAt(index, generator.nextIndex(below: index + 1))
                }
            }
            return shuffled
        case .ascendingQuality, .descendingQuality:
            guard let scores, scores.count == documents.count else {
                throw CorpusError.invalidParameter(name: "quality scores",
                                                   reason: "ordering by quality needs one score per document (\(documents.count)), got \(scores?.count ?? 0)")
            }
            let ascending = self == .ascendingQuality
            return zip(documents, scores)
                .sorted { left, right in
                    if left.1.quality != right.1.quality {
                        return ascending ? left.1.quality < right.1.quality : left.1.quality > right.1.quality
                    }
                    return left.0.id < right.0.id
                }
                .map(\.0)
        }
    }
}

/// Multi-epoch passes over a subset.
public enum Epochs {
    /// `documents` repeated `count` times. With a seed, every epoch is shuffled anew (epoch e uses
    /// seed + e); without, every epoch repeats the given order (e.g. a curriculum).
    public static func repeated(_ documents: [Document], count: Int, reshuffleSeed: UInt64? = nil) throws -> [Document] {
        guard count >= 1 else {
            throw CorpusError.invalidParameter(name: "epochs", reason: "need at least 1, got \(count)")
        }
        var result: [Document] = []
        result.reserveCapacity(documents.count * count)
        for epoch in 0..<count {
            if let seed = reshuffleSeed {
                result += try DocumentOrder.shuffled(seed: seed &+ UInt64(epoch)).apply(to: documents)
            } else {
                result += documents
            }
        }
        return result
    }
}
