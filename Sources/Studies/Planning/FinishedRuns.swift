// The results a plan may depend on: the final held-out loss of every complete run and the hashes
// of diverged ones, read from the store. A kind whose later runs depend on earlier ones (the
// scaling-law learning-rate sweep) plans in stages from these; every other kind ignores them.

/// Finished runs of a store, by hash.
public struct FinishedRuns: Sendable, Equatable {
    /// Final held-out loss in nats per byte of every complete run.
    public var finalLossNats: [String: Double]
    /// Runs that diverged (finished without a usable loss).
    public var diverged: Set<String>

    public init(finalLossNats: [String: Double] = [:], diverged: Set<String> = []) {
        self.finalLossNats = finalLossNats
        self.diverged = diverged
    }

    /// No run finished (a plan made without a store).
    public static let none = FinishedRuns()

    /// Whether `hash` finished, complete or diverged.
    public func isFinished(_ hash: String) -> Bool {
        finalLossNats[hash] != nil || diverged.contains(hash)
    }
}
