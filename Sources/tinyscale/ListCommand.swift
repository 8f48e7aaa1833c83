// `tinyscale list`: the studies in the run store with their run counts, and the archived reports.
// Runs recorded as running count as interrupted unless a `tinyscale run` holds the output folder.
import ArgumentParser
import Foundation
import Reporting
import Studies

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the studies in the run store and the reports in the archive.")

    @Option(name: [.short, .long], help: "Archive folder holding the store and reports.")
    var output: String = "output"

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            print("No studies yet: \(pipeline.storePath) does not exist. Run one with `tinyscale run studies/scaling-law.yaml --profile quick`.")
            return
        }
        let store = try StoreOpening.open(pipeline)
        let reports = try ReportArchive(root: pipeline.outputFolder).reports()
        let trainer = OutputLock.holder(of: pipeline.outputFolder)
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
