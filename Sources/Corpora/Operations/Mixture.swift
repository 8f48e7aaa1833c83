// Mixtures of sources by byte ratio (e.g. 25 % domain + 75 % replay of general data), interleaved
// smoothly so every stretch of the stream has close to the target ratio. Bytes are counted as a
// token stream holds them (text plus one separator per document), so components weighted by their
// own stream sizes run out together, within one document each.

/// One part of a mixture.
public struct MixtureComponent: Sendable {
    /// Label for reports (e.g. `domain`, `replay`).
    public var name: String
    /// Documents in the order they should be consumed; restarted from the beginning when exhausted.
    public var documents: [Document]
    /// Relative weight by stream bytes (normalised over the components).
    public var weight: Double

    public init(name: String, documents: [Document], weight: Double) {
        self.name = name
        self.documents = documents
        self.weight = weight
    }
}

public enum Mixture {
    /// Documents from `components` until their stream holds `totalBytes` bytes (text plus one
    /// separator per document). At every step the component furthest below its byte share (emitted
    /// bytes / weight smallest) supplies its next document, so the ratio holds throughout the
    /// stream, not just at the end. A component that runs out starts over (another epoch of it);
    /// with weights equal to the components' stream sizes none does before all have run out.
    public static func mix(_ components: [MixtureComponent], totalBytes: Int) throws -> [Document] {
        let active = components.filter { $0.weight > 0 }
        guard !active.isEmpty else {
            throw CorpusError.invalidParameter(name: "mixture", reason: "needs at least one component with positive weight")
        }
        if let negative = components.first(where: { $0.weight < 0 }) {
            throw CorpusError.invalidParameter(name: "mixture weight", reason: "\(negative.name) has weight \(negative.weight)")
        }
        if let empty = active.first(where: { $0.documents.allSatisfy { $0.bytes.isEmpty } }) {
            throw CorpusError.empty(what: "Mixture component '\(empty.name)'")
        }
        let totalWeight = active.reduce(0) { $0 + $1.weight }
        var emitted = [Int](repeating: 0, count: active.count)
        var cursors = [Int](repeating: 0, count: active.count)
        var result: [Document] = []
        var total = 0
        while total < totalBytes {
            var chosen = 0
            var lowest = Double.infinity
            for index in active.indices {
                let share = Double(emitted[index]) / (active[index].weight / totalWeight)
                if share < lowest {
                    lowest = share
                    chosen = index
                }
            }
            let documents = active[chosen].documents
            let document = documents[cursors[chosen] % documents.count]
            cursors[chosen] += 1
            emitted[chosen] += document.byteCount + 1
            total += document.byteCount + 1
            result.append(document)
        }
        return result
    }
}
