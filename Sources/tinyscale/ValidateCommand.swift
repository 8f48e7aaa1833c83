// `tinyscale validate <spec>...`: checks study specs without running anything; with --profile, prints
// each spec as resolved for that profile, defaults included.
import ArgumentParser
import Foundation
import Studies

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check study specs and report every problem with its file, line and key path.",
        discussion: """
            Each spec is checked as written and under every profile it defines. Nothing is run \
            or written. Without --profile a valid spec gets one line; with --profile P it is \
            printed as resolved for P: YAML with P's overrides applied, the profiles section \
            removed and every key the spec leaves out written with its default (several specs \
            are separate YAML documents, each after a `--- # <file>` line).

            Exit status: 0 all valid, 65 a spec is invalid, 66 a file is missing, 64 bad usage \
            (e.g. an unknown --profile).
            """)

    @Argument(help: "Spec files (YAML), e.g. studies/*.yaml.")
    var specs: [String]

    @Option(help: "Print each spec resolved with this profile (e.g. full, quick), defaults included.")
    var profile: String?

    func run() throws {
        var status: Int32 = 0
        for path in specs {
            do {
                let spec = try SpecLoader.load(path: path, profile: profile)
                if profile == nil {
                    print("\(path): valid (\(spec.summary))")
                } else {
                    if specs.count > 1 { print("--- # \(path)") }
                    print(spec.resolvedYAMLWithDefaults, terminator: "")
                }
            } catch {
                guard let failure = ExitStatus.forSpecLoading(error) else { throw error }
                Terminal.error("\(error)")
                if failure == ExitStatus.usage { throw ExitCode(failure) }
                status = max(status, failure)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
