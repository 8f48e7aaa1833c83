// The root of the `tinyscale` command tree. Subcommands live one per file in this folder.
import ArgumentParser

@main
struct TinyScaleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tinyscale",
        abstract: "Reproduce language-model pretraining findings at tiny scale on one CPU machine.",
        version: "0.1.0",
        subcommands: [RunCommand.self, PlanCommand.self, ReportCommand.self, ListCommand.self, ShowCommand.self, ValidateCommand.self, FitCommand.self, CorpusCommand.self, EvalCommand.self, SampleCommand.self, BenchCommand.self, WorkerCommand.self]
    )
}
