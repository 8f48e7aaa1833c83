// Cosine similarity of two sparse frequency vectors, shared by the character and word profiles.

/// Σ a·b / (‖a‖·‖b‖) over the keys both hold: 1 for the same distribution, 0 for no key in common
/// (or an empty vector).
func cosineSimilarity<Key: Hashable>(_ first: [Key: Double], _ second: [Key: Double]) -> Double {
    var dot = 0.0
    for (key, value) in first {
        if let other = second[key] { dot += value * other }
    }
    let norm = first.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let otherNorm = second.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return norm > 0 && otherNorm > 0 ? dot / (norm * otherNorm) : 0
}
