// `tinyscale report <study>`: re-renders a study's report from the run store alone — only when
// every run of the study has finished, unless --partial asks for a report marked partial.
import ArgumentParser
import Foundation
import Studies

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render a study's report from the run store, without training.",
        discussion: """
            Fits and figures are recomputed from the stored runs; a new archive folder is written.

            A study whose runs have not all finished (one is training now, or a run was stopped) \
            is not archived: the command says how many runs are complete and exits 75. With \
            --partial it archives a report of the finished runs, marked partial in its title, \
            summary and provenance.

            Exit status: 0 archived, 64 bad usage, 66 no store or no such study in it (the known \
            studies are listed), \
            70 a failure while working, 75 the study is incomplete (without --partial).
            """)

    @Argument(help: "A study name (e.g. scaling-law) or one of its archive folders (output/scaling-law/<stamp>).")
    var study: String

    @Option(name: [.short, .long], help: "Archive folder holding the store and reports.")
    var output: String = "output"

    @Flag(help: "Archive a report even if some runs are not finished, marked partial.")
    var partial = false

    func run() throws {
        let pipeline = StudyPipeline(outputFolder: URL(fileURLWithPath: output, isDirectory: true))
        guard FileManager.default.fileExists(atPath: pipeline.storePath) else {
            Terminal.error("\(pipeline.storePath): error: no run store here; run a study first, or pass --output")
            throw ExitCode(ExitStatus.missingFile)
        }
        do {
            let store = try StoreOpening.open(pipeline)
            let spec = try pipeline.storedSpec(study, store: store)
            let completion = try pipeline.completion(of: spec.name, store: store)
            if !completion.isComplete, !partial {
                let next = OutputLock.holder(of: pipeline.outputFolder).map { "\($0) is training; run this again when it finishes" }
                    ?? "run `tinyscale run \(spec.file)\(spec.profile == StudySpec.defaultProfile ? "" : " --profile \(spec.profile)")\(output == "output" ? "" : " --output \(output)")` to finish it"
                Terminal.error("\(spec.name): incomplete: \(completion.summary). No report archived: \(next), or pass --partial for a report marked partial.")
                throw ExitCode(ExitStatus.temporaryFailure)
            }
            let archived = try pipeline.reporter(store: store, build: .current(threads: nil)).report(spec)
            print(archived.folder.appendingPathComponent("report.html").path)
        } catch let error as UnknownStudyError {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.missingFile)
        } catch let error as ExitCode {
            throw error
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
    }
}
