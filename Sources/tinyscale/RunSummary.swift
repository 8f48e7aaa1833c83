// `tinyscale run --json`: the final summary of a run as data — the study and profile, the report
// it archived, how many runs were trained, reused, diverged or interrupted, and every verdict.
import Reporting
import Studies

struct RunSummary: Encodable {
    struct Runs: Encodable {
        var trained: Int
        /// Complete (or diverged) in the store before this command.
        var reused: Int
        var diverged: Int
        var interrupted: Int
    }

    struct Verdict: Encodable {
        var claim: String
        var outcome: String
    }

    var study: String
    var profile: String
    /// The archived report's folder and its report.html; nil when no report was written (stopped,
    /// or Slurm jobs still queued or running).
    var reportFolder: String?
    var report: String?
    var runs: Runs
    /// Verdicts per outcome, every outcome listed (0 when none).
    var verdictCounts: [String: Int]
    /// Every verdict in report order: its claim as plain text and its outcome.
    var verdicts: [Verdict]

    /// The summary of `study` after training ended with `result` and, when one was written, `archived`.
    init(study: StudySpec, result: RunnerResult, archived: ArchivedReport?) {
        self.study = study.name
        profile = study.profile
        reportFolder = archived?.folder.path
        report = archived?.folder.appendingPathComponent(ReportArchive.htmlFileName).path
        runs = Runs(trained: result.trained, reused: result.skipped, diverged: result.diverged,
                    interrupted: result.interrupted)
        let verdicts = archived?.summary.verdicts ?? []
        verdictCounts = Dictionary(uniqueKeysWithValues: VerdictOutcome.allCases.map { outcome in
            (outcome.rawValue, verdicts.count(where: { $0.outcome == outcome }))
        })
        self.verdicts = verdicts.map { Verdict(claim: $0.claim, outcome: $0.outcome.rawValue) }
    }

    enum CodingKeys: String, CodingKey {
        case study, profile, report, runs, verdicts
        case reportFolder = "report_folder"
        case verdictCounts = "verdict_counts"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(study, forKey: .study)
        try container.encode(profile, forKey: .profile)
        try container.encode(reportFolder, forKey: .reportFolder)
        try container.encode(report, forKey: .report)
        try container.encode(runs, forKey: .runs)
        try container.encode(verdictCounts, forKey: .verdictCounts)
        try container.encode(verdicts, forKey: .verdicts)
    }
}
