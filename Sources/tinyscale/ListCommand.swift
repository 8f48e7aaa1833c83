// `tinyscale list`: the studies in the run store with their run counts, and the archived reports.
import ArgumentParser
import Foundation
import Reporting
import Studies

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the studies in the run store and the reports in the archive.")

    @Option(help: "Archive folder holding the store and reports.")
    var output: String = "output"

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            print("No studies yet: \(pipeline.storePath) does not exist. Run one with `tinyscale run studies/scaling-law.yaml --profile quick`.")
            return
        }
        let store = try pipeline.openStore()
        let reports = try ReportArchive(root: pipeline.outputFolder).reports()
        for (study, counts) in try store.studies() {
            let total = counts.values.reduce(0, +)
            let states = RunStatus.allCases.compactMap { status in counts[status].map { "\($0) \(status.rawValue)" } }
            print("\(study): \(total) runs (\(states.joined(separator: ", ")))")
            for report in reports.filter({ $0.study == study }) {
                print("  \(report.stamp)  \(StudyPipeline.profileLine(report))  \(StudyPipeline.verdictLine(report))  \(pipeline.outputFolder.appendingPathComponent(report.relativePath).path)/report.html")
            }
        }
    }
}
