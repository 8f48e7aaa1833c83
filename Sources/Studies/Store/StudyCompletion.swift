// How far a study's runs are: how many have finished out of how many are planned, for `report`
// (which refuses to archive an incomplete study as final) and `list`.

/// The runs of one study counted by status.
public struct StudyCompletion: Sendable, Equatable {
    public var counts: [RunStatus: Int]

    public init(counts: [RunStatus: Int]) {
        self.counts = counts
    }

    public init(runs: [StoredRun]) {
        counts = Dictionary(grouping: runs, by: \.status).mapValues(\.count)
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// Runs that reached their end: complete, or diverged (a result too, listed in the report).
    public var finished: Int { (counts[.complete] ?? 0) + (counts[.diverged] ?? 0) }

    public var isComplete: Bool { finished == total }

    /// The counts as they stand: runs recorded as running are interrupted unless a process is
    /// training (holds the output folder's lock), since a killed process cannot say so itself.
    public func current(trainerIsAlive: Bool) -> StudyCompletion {
        guard !trainerIsAlive, let running = counts[.running] else { return self }
        var counts = counts
        counts[.running] = nil
        counts[.interrupted, default: 0] += running
        return StudyCompletion(counts: counts)
    }

    /// E.g. `complete 12, running 2` in the order of `RunStatus.allCases`.
    public var states: String {
        RunStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
            .joined(separator: ", ")
    }

    /// E.g. `9 of 14 runs complete (3 running, 2 pending)`; diverged runs count as complete and
    /// are named when there are any.
    public var summary: String {
        let rest = RunStatus.allCases.filter { $0 != .complete }.compactMap { status in
            counts[status].map { "\($0) \(status.rawValue)" }
        }
        return "\(finished) of \(total) runs complete" + (rest.isEmpty ? "" : " (\(rest.joined(separator: ", ")))")
    }
}
