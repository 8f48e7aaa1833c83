// Training subsets by byte budget that nest (low ⊂ medium ⊂ high): every budget takes a prefix of
// one fixed order of the documents, the order of their salted content hashes, so a larger budget
// extends a smaller one and adding documents elsewhere never reshuffles it.
import Digests

public enum NestedSubsets {
    /// `documents` in subset order: ascending by salted content hash, ties by id.
    public static func order(_ documents: [Document], salt: UInt64 = 0) -> [Document] {
        let key = FNV1a64.mix(salt ^ 0x5AB5_E7)
        return documents
            .map { (rank: FNV1a64.mix($0.contentHash ^ key), document: $0) }
            .sorted { ($0.rank, $0.document.id) < ($1.rank, $1.document.id) }
            .map(\.document)
    }

    /// The shortest prefix of the subset order whose bytes reach `byteBudget` (bytes), or all
    /// documents when they do not reach it.
    public static func subset(_ documents: [Document], byteBudget: Int, salt: UInt64 = 0) -> [Document] {
        prefix(of: order(documents, salt: salt), byteBudget: byteBudget)
    }

    /// Nested subsets for several budgets (bytes), in the order given; each is a prefix of the next
    /// larger one.
    public static func subsets(_ documents: [Document], byteBudgets: [Int], salt: UInt64 = 0) -> [[Document]] {
        let ordered = order(documents, salt: salt)
        return byteBudgets.map { prefix(of: ordered, byteBudget: $0) }
    }

    /// The shortest prefix of `ordered` whose bytes reach `byteBudget` (bytes), or all of it. With a
    /// descending-quality order this is the highest-quality subset of that size.
    public static func prefix(of ordered: [Document], byteBudget: Int) -> [Document] {
        var total = 0
        var count = 0
        while count < ordered.count, total < byteBudget {
            total += ordered[count].byteCount
            count += 1
        }
        return Array(ordered.prefix(count))
    }
}
