// The options `run` and `plan` share: the spec, its profile, parallelism, a seed count and the
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

    @Option(help: "Use seeds 0..<K for every arm instead of the spec's seeds.")
    var seeds: Int?

    @Option(name: [.short, .long], help: "Archive folder holding the store, checkpoints and reports.")
    var output: String = "output"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, got \(seeds)") }
    }

    /// The pipeline on the archive folder.
    var pipeline: StudyPipeline {
        StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
    }

    /// The validated spec with --seeds applied; exits 64/65/66 on a problem.
    func loadSpec() throws -> StudySpec {
        var study: StudySpec
        do {
            study = try SpecLoader.load(path: spec, profile: profile)
        } catch {
            guard let failure = ExitStatus.forSpecLoading(error) else { throw error }
            Terminal.error("\(error)")
            throw ExitCode(failure)
        }
        if let seeds { study.seeds = Array(0..<seeds) }
        return study
    }
}
