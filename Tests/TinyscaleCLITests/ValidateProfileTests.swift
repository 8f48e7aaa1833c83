// `tinyscale validate --profile P` through the real binary: it prints the spec resolved for P with
// P's overrides and the defaults the spec left out, as YAML that validates again; without
// --profile it prints one line per spec.
import Foundation
import Testing

private let spec = """
    kind: scaling-law
    name: tiny-validate
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 2}
    data: {corpus: "synthetic:alpha", validation_fraction: 0.1}
    protocol: {token_budgets: [3_200], method: cosine}
    fit: {bootstrap: 10}
    report: {formats: [html]}
    profiles:
      quick: {training: {batch_size: 2}}
    """

@Suite struct ValidateProfileTests {
    @Test func profilePrintsTheResolvedSpecWithDefaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tiny.yaml").path
        try spec.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(!spec.contains("beta1"))

        let summary = try tinyscale("validate", path)
        #expect(summary.status == 0, "\(summary.standardError)")
        #expect(summary.standardOutput.hasPrefix("\(path): valid ("))
        #expect(summary.standardOutput.split(separator: "\n").count == 1)

        let resolved = try tinyscale("validate", "--profile", "quick", path)
        #expect(resolved.status == 0, "\(resolved.standardError)")
        let lines = resolved.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first?.hasPrefix("# Resolved with profile 'quick'") == true)
        #expect(lines.contains("batch_size: 2"), "the profile's override: \(resolved.standardOutput)")
        #expect(lines.contains("beta1: 0.9"), "a default the spec leaves out: \(resolved.standardOutput)")
        #expect(lines.contains("max_epochs: 4"), "a default the spec leaves out: \(resolved.standardOutput)")
        #expect(!lines.contains { $0.hasPrefix("profiles:") })

        // The printed YAML parses and is a valid spec with the same settings.
        let printed = folder.appendingPathComponent("resolved.yaml").path
        try resolved.standardOutput.write(toFile: printed, atomically: true, encoding: .utf8)
        let again = try tinyscale("validate", "--profile", "full", printed)
        #expect(again.status == 0, "\(again.standardError)\n\(resolved.standardOutput)")
        #expect(again.standardOutput.split(separator: "\n").dropFirst() == resolved.standardOutput.split(separator: "\n").dropFirst())

        let unknown = try tinyscale("validate", "--profile", "quik", path)
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("no profile 'quik'"))
    }
}
