// The options `run` and `plan` share: the spec, its profile, parallelism, the seeds and the
// archive folder, with their checks and the spec loading they lead to.
import ArgumentParser
import Foundation
import Studies

struct StudyOptions: ParsableArguments {
    @Argument(help: "The study spec, e.g. studies/scaling-law.yaml.")
    var spec: String

    @Option(name: [.short, .long], help: "Profile of the spec (default: full).")
    var profile: String?

    @Option(name: [.short, .long], help: "Runs trained side by side (default: chosen from the model sizes and cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Seeds for every arm instead of the spec's, e.g. 0,1,2 or 3,7.", valueName: "list"))
    var seeds: String?

    @Option(help: ArgumentHelp("Use seeds 0, 1, …, K−1 for every arm instead of the spec's seeds.", valueName: "K"))
    var seedCount: Int?

    @Option(name: [.short, .long], help: "Archive folder holding the store, checkpoints and reports.")
    var output: String = "output"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let seedCount, seedCount < 1 { throw ValidationError("--seed-count must be at least 1, got \(seedCount)") }
        if seeds != nil, seedCount != nil { throw ValidationError("give --seeds (a list) or --seed-count (a count), not both") }
        _ = try seedList()
    }

    /// The seeds --seeds or --seed-count ask for, nil when neither is given.
    func seedList() throws -> [Int]? {
        if let seedCount { return Array(0..<seedCount) }
        guard let seeds else { return nil }
        let items = seeds.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = items.compactMap { Int($0) }
        guard values.count == items.count, values.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("--seeds takes seeds ≥ 0 separated by commas (e.g. 0,1,2), got '\(seeds)'; for the first K seeds use --seed-count K")
        }
        guard Set(values).count == values.count else {
            throw ValidationError("--seeds names a seed twice in '\(seeds)'; give each once")
        }
        return values
    }

    /// The pipeline on the archive folder.
    var pipeline: StudyPipeline {
        StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
    }

    /// The validated spec with --seeds or --seed-count applied; exits 64/65/66 on a problem.
    func loadSpec() throws -> StudySpec {
        var study: StudySpec
        do {
            study = try SpecLoader.load(path: spec, profile: profile)
        } catch {
            guard let failure = ExitStatus.forSpecLoading(error) else { throw error }
            Terminal.error("\(error)")
            throw ExitCode(failure)
        }
        if let seeds = try seedList() { study.seeds = seeds }
        return study
    }
}
