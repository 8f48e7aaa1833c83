// `tinyscale report <study>`: re-renders a study's report from the run store alone.
import ArgumentParser
import Foundation
import Studies

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a study's report from the run store, without training.",
        discussion: "Fits and figures are recomputed from the stored runs; a new archive folder is written.")

    @Argument(help: "A study name (e.g. scaling-law) or one of its archive folders (output/scaling-law/<stamp>).")
    var study: String

    @Option(help: "Archive folder holding the store and reports.")
    var output: String = "output"

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            Terminal.error("\(pipeline.storePath): error: no run store here; run a study first, or pass --output")
            throw ExitCode(ExitStatus.missingFile)
        }
        do {
            let store = try pipeline.openStore()
            let spec = try pipeline.storedSpec(study, store: store)
            let archived = try pipeline.reporter(store: store, build: .current(threads: nil)).report(spec)
            print(archived.folder.appendingPathComponent("report.html").path)
        } catch let error as UnknownStudyError {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.invalidSpec)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}
