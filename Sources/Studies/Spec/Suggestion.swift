// "Did you mean" suggestions for misspelled keys, kinds and names (edit distance).

enum Suggestion {
    /// The candidate closest to `word` by Levenshtein distance, if it is close enough to be a
    /// plausible typo (distance at most a third of the longer word, and at least 1 allowed).
    static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        let length = word.unicodeScalars.count
        for candidate in candidates {
            // The distance is at least the length difference: skip candidates that cannot be close
            // enough (so a 50 MB scalar costs no edit distance).
            let candidateLength = candidate.unicodeScalars.count
            guard abs(length - candidateLength) <= max(1, max(length, candidateLength) / 3) else { continue }
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        guard let best else { return nil }
        let limit = max(1, max(word.count, best.candidate.count) / 3)
        return best.distance <= limit ? best.candidate : nil
    }

    /// `; did you mean 'x'?` or the empty string.
    static func phrase(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
