// Runs the real `tinyscale` binary: help text, version, exit statuses, and the rule that results
// go to stdout and messages to stderr.
import Foundation
import Testing

/// Output of one `tinyscale` invocation.
struct Invocation {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// The repository root (this file is Tests/TinyscaleCLITests/CommandLineTests.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Starts the `tinyscale` built next to the test bundle, from the repository root, with this
/// process's environment changed by `environment` (a nil value removes the variable).
func startTinyscale(_ arguments: [String], standardOutput: Pipe? = nil, standardError: Pipe? = nil,
                    environment: [String: String?] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = tinyscaleExecutable
    process.arguments = arguments
    if !environment.isEmpty {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
    }
    process.currentDirectoryURL = repositoryRoot
    process.standardOutput = standardOutput ?? FileHandle.nullDevice
    process.standardError = standardError ?? FileHandle.nullDevice
    try process.run()
    return process
}

/// Runs the `tinyscale` built next to the test bundle, from the repository root.
func tinyscale(_ arguments: String...) throws -> Invocation {
    try tinyscale(arguments)
}

func tinyscale(_ arguments: [String], environment: [String: String?] = [:]) throws -> Invocation {
    try runProcess(tinyscaleExecutable, arguments, environment: environment, directory: repositoryRoot)
}

/// The `tinyscale` built next to the test bundle.
var tinyscaleExecutable: URL {
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tinyscale")
}

/// Runs `executable` with `arguments` — in `directory` if given, with this process's environment
/// changed by `environment` (a nil value removes the variable) — and captures both streams.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
                directory: URL? = nil) throws -> Invocation {
    let process = Process(), output = Pipe(), error = Pipe()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        process.environment = variables
    }
    if let directory { process.currentDirectoryURL = directory }
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Invocation(status: process.terminationStatus,
                      standardOutput: String(decoding: outData, as: UTF8.self),
                      standardError: String(decoding: errData, as: UTF8.self))
}

@Test func helpListsTheCommands() throws {
    let result = try tinyscale("--help")
    #expect(result.status == 0)
    #expect(result.standardOutput.hasPrefix("""
        OVERVIEW: Reproduce language-model pretraining findings at tiny scale on one
        CPU machine.

        USAGE: tinyscale <subcommand>
        """))
    #expect(result.standardOutput.contains("  validate                Check study specs and report every problem with its\n"))
}

@Test func validateHelpExplainsExitStatuses() throws {
    let result = try tinyscale("validate", "--help")
    #expect(result.status == 0)
    #expect(result.standardOutput == """
        OVERVIEW: Check study specs and report every problem with its file, line and
        key path.

        Each spec is checked as written and under every profile it defines. Nothing is
        run or written. Without --profile a valid spec gets one line; with --profile P
        it is printed as resolved for P: YAML with P's overrides applied, the profiles
        section removed and every key the spec leaves out written with its default
        (several specs are separate YAML documents, each after a `--- # <file>` line).

        Exit status: 0 all valid, 65 a spec is invalid, 66 a file is missing, 64 bad
        usage (e.g. an unknown --profile).

        USAGE: tinyscale validate <specs> ... [--profile <profile>]

        ARGUMENTS:
          <specs>                 Spec files (YAML), e.g. studies/*.yaml.

        OPTIONS:
          --profile <profile>     Print each spec resolved with this profile (e.g.
                                  full, quick), defaults included.
          --version               Show the version.
          -h, --help              Show help information.


        """)
}

@Test func versionIsPrinted() throws {
    let result = try tinyscale("--version")
    #expect(result.status == 0)
    #expect(result.standardOutput.split(separator: ".").count == 3)
}

@Test(arguments: [nil, "quick"] as [String?])
func shippedSpecsValidate(profile: String?) throws {
    let specs = ["studies/curriculum.yaml", "studies/multilingual-curse.yaml",
                 "studies/scaling-law.yaml", "studies/stability-gap.yaml"]
    let arguments = ["validate"] + (profile.map { ["--profile", $0] } ?? []) + specs
    let process = try tinyscale(arguments)
    #expect(process.status == 0)
    #expect(process.standardError.isEmpty)
    guard let profile else {
        let lines = process.standardOutput.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains(": valid (") && $0.contains("profile full") })
        return
    }
    // With a profile, each spec is printed resolved, as its own YAML document, which validates again.
    let documents = process.standardOutput.components(separatedBy: "--- # ").dropFirst()
    #expect(documents.map { String($0.prefix { $0 != "\n" }) } == specs)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-resolved-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    for (index, document) in documents.enumerated() {
        let yaml = String(document.drop { $0 != "\n" }.dropFirst())
        #expect(yaml.hasPrefix("# Resolved with profile '\(profile)'"))
        let path = folder.appendingPathComponent("spec-\(index).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let again = try tinyscale("validate", path)
        #expect(again.status == 0, "\(specs[index]): \(again.standardError)")
    }
}

@Test func invalidSpecExitsWith65AndWritesOnlyToStandardError() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let spec = folder.appendingPathComponent("bad.yaml")
    try "kind: curriculum\nmodels: [{name: s, layers: 1, width: 30, heads: 4}]\nprotocol: {tokens: 100000}\n"
        .write(to: spec, atomically: true, encoding: .utf8)
    let result = try tinyscale("validate", spec.path)
    #expect(result.status == 65)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError == """
        \(spec.path):2:49: error: models[0].heads: found 4 heads for width 30; heads must divide the width (e.g. 6, 10, 15)
        1 problem found; nothing was run or written.

        """)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(leftovers == ["bad.yaml"])
}

@Test func missingSpecExitsWith66() throws {
    let result = try tinyscale("validate", "studies/no-such-study.yaml")
    #expect(result.status == 66)
    #expect(result.standardError == "studies/no-such-study.yaml: error: no such file; check the path (shipped specs are in studies/).\n")
}

@Test func usageErrorsExitWith64() throws {
    #expect(try tinyscale("validate").status == 64)
    #expect(try tinyscale("frobnicate").status == 64)
    let unknownProfile = try tinyscale("validate", "--profile", "quik", "studies/scaling-law.yaml")
    #expect(unknownProfile.status == 64)
    #expect(unknownProfile.standardError.contains("no profile 'quik'; did you mean 'quick'? (available: full, quick)"))
}
