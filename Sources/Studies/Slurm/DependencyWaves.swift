// Orders runs for submission as Slurm job arrays: a run goes one wave after its parent (a WSD
// branch after its trunk, a continual arm after its base model), so each wave can be one array
// that waits for the arrays holding its parents.

public enum DependencyWaves {
    /// `runs` grouped into waves, each run in the wave after its parent's when the parent is among
    /// `runs` (in the first wave otherwise); within a wave runs keep their given order.
    public static func waves(of runs: [PlannedRun]) -> [[PlannedRun]] {
        let byHash = Dictionary(runs.map { ($0.hash, $0) }, uniquingKeysWith: { first, _ in first })
        var depth: [String: Int] = [:]
        func depthOf(_ run: PlannedRun) -> Int {
            if let known = depth[run.hash] { return known }
            // A run's hash covers its parent's, so parents never form a cycle.
            let value = run.config.parent.flatMap { byHash[$0.hash] }.map { depthOf($0) + 1 } ?? 0
            depth[run.hash] = value
            return value
        }
        var waves: [[PlannedRun]] = []
        var seen: Set<String> = []
        for run in runs where seen.insert(run.hash).inserted {
            let wave = depthOf(run)
            while waves.count <= wave { waves.append([]) }
            waves[wave].append(run)
        }
        return waves
    }
}
