// `tinyscale list`: the studies in the run store with their run counts, and the archived reports,
// as text or (`--json`) as data. Runs recorded as running count as interrupted unless a
// `tinyscale run` holds the output folder.
import ArgumentParser
import Foundation
import Reporting
import Studies

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the studies in the run store and the reports in the archive.",
        discussion: """
            With --json: {"studies": [{"study", "runs", "states": {status: count}, "reports": \
            [{"stamp", "profile", "partial", "path", "verdicts": {outcome: count}}]}], "training_now"}; \
            states are pending, running, complete, diverged and interrupted; training_now names the \
            process holding the output folder, or is null.

            Exit status: 0 listed (also when there is no store yet), 64 bad usage, 74 the store cannot be opened.
            """)

    @Option(name: [.short, .long], help: "Archive folder holding the store and reports.")
    var output: String = "output"

    @Flag(help: "Print the listing as JSON.")
    var json = false

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            if json {
                try JSONOutput.print(Listing(studies: [], trainingNow: nil))
            } else {
                print("No studies yet: \(pipeline.storePath) does not exist. Run one with `tinyscale run studies/scaling-law.yaml --profile quick`.")
            }
            return
        }
        let store = try StoreOpening.open(pipeline)
        let reports = try ReportArchive(root: pipeline.outputFolder).reports()
        let trainer = OutputLock.holder(of: pipeline.outputFolder)
        if json {
            let studies = try store.studies().map { study, counts in
                let completion = StudyCompletion(counts: counts).current(trainerIsAlive: trainer != nil)
                return Listing.Study(
                    study: study, runs: completion.total,
                    states: Dictionary(uniqueKeysWithValues: completion.counts.map { ($0.key.rawValue, $0.value) }),
                    reports: reports.filter { $0.study == study }.map { report in
                        Listing.Report(stamp: report.stamp, profile: report.profile, partial: report.title.hasSuffix(" (partial)"),
                                       path: pipeline.outputFolder.appendingPathComponent(report.relativePath).path + "/report.html",
                                       verdicts: Dictionary(grouping: report.verdicts, by: \.outcome.rawValue).mapValues(\.count))
                    })
            }
            try JSONOutput.print(Listing(studies: studies, trainingNow: trainer?.description))
            return
        }
        for (study, counts) in try store.studies() {
            let completion = StudyCompletion(counts: counts).current(trainerIsAlive: trainer != nil)
            print("\(study): \(completion.total) runs (\(completion.states))")
            for report in reports.filter({ $0.study == study }) {
                let partial = report.title.hasSuffix(" (partial)") ? "  (partial)" : ""
                print("  \(report.stamp)  \(StudyPipeline.profileLine(report))  \(StudyPipeline.verdictLine(report))  \(pipeline.outputFolder.appendingPathComponent(report.relativePath).path)/report.html\(partial)")
            }
        }
        if let trainer {
            print("Training now: \(trainer).")
        }
    }
}

/// `tinyscale list --json`.
private struct Listing: Encodable {
    struct Report: Encodable {
        var stamp: String
        /// Nil for reports written before profiles were recorded (printed as null, not left out).
        var profile: String?
        var partial: Bool
        var path: String
        var verdicts: [String: Int]

        enum CodingKeys: String, CodingKey { case stamp, profile, partial, path, verdicts }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(stamp, forKey: .stamp)
            try container.encode(profile, forKey: .profile)
            try container.encode(partial, forKey: .partial)
            try container.encode(path, forKey: .path)
            try container.encode(verdicts, forKey: .verdicts)
        }
    }

    struct Study: Encodable {
        var study: String
        var runs: Int
        var states: [String: Int]
        var reports: [Report]
    }

    var studies: [Study]
    var trainingNow: String?

    enum CodingKeys: String, CodingKey {
        case studies
        case trainingNow = "training_now"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(studies, forKey: .studies)
        try container.encode(trainingNow, forKey: .trainingNow)
    }
}
