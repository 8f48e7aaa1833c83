// Spec decoding and validation: shipped specs are valid under every profile, and every class of
// spec error is reported with its exact message, position and key path, all in one pass.
import Foundation
import Testing
@testable import Studies

/// A small valid scaling-law spec that tests alter one line at a time.
private let validSpec = """
    kind: scaling-law
    models:
      - {name: s, layers: 2, width: 64, heads: 4}
    training:
      batch_size: 4
      context: 16
    data:
      corpus: fortunes:en
    protocol:
      token_budgets: [10_000, 20_000]
    profiles:
      quick:
        training:
          batch_size: 2
    """

/// The messages `yaml` produces, one `file:line:column: error: path: message` line each.
private func problems(_ yaml: String, profile: String? = nil) -> [String] {
    do {
        _ = try SpecLoader.parse(yaml: yaml, file: "spec.yaml", profile: profile)
        return []
    } catch let error as SpecValidationError {
        return error.issues.map(\.description)
    } catch {
        return ["unexpected error: \(error)"]
    }
}

private func repository() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

@Test(arguments: ["scaling-law", "curriculum", "stability-gap", "multilingual-curse"])
func shippedSpecIsValidUnderEveryProfile(name: String) throws {
    let path = repository().appendingPathComponent("studies/\(name).yaml").path
    let spec = try SpecLoader.load(path: path)
    #expect(spec.kind.rawValue == name)
    #expect(spec.profileNames.contains("quick"))
    #expect(spec.profileNames.contains("full"))
    for profile in spec.profileNames {
        let resolved = try SpecLoader.load(path: path, profile: profile)
        #expect(resolved.profile == profile)
    }
}

@Test func validSpecDecodesWithDefaults() throws {
    let spec = try SpecLoader.parse(yaml: validSpec, file: "spec.yaml")
    #expect(spec.name == "spec")
    #expect(spec.seeds == [0])
    #expect(spec.models == [ModelShape(name: "s", layers: 2, width: 64, heads: 4)])
    #expect(spec.training.batchSize == 4)
    #expect(spec.training.optimizer.learningRate == 3e-3)
    #expect(spec.training.schedule.kind == .cosine)
    #expect(spec.fit.huberDelta == 1e-3)
    #expect(spec.report.formats == [.html, .pdf])
    guard case .scalingLaw(let scaling) = spec.settings else {
        Issue.record("expected scaling-law settings")
        return
    }
    #expect(scaling.tokenBudgets == [10_000, 20_000])
    #expect(scaling.allocationExponentRange == 0.35...0.65)
}

@Test func profileOverridesOnlyTheKeysItNames() throws {
    let quick = try SpecLoader.parse(yaml: validSpec, file: "spec.yaml", profile: "quick")
    #expect(quick.training.batchSize == 2)
    #expect(quick.training.contextLength == 16)
    #expect(quick.profile == "quick")
    let full = try SpecLoader.parse(yaml: validSpec, file: "spec.yaml")
    #expect(full.training.batchSize == 4)
    #expect(full.profile == "full")
}

@Test func unknownKeyIsReportedWithSuggestion() {
    let yaml = validSpec.replacingOccurrences(of: "  context: 16", with: "  contxt: 16")
    #expect(problems(yaml) == [
        "spec.yaml:6:3: error: training.contxt: unknown key 'contxt'; did you mean 'context'? (allowed here: batch_size, context, optimizer, schedule, evaluations, evaluation_batches, threads, log_every)",
    ])
}

@Test func wrongTypeNamesWhatWasFoundAndWhatIsAllowed() {
    let yaml = validSpec.replacingOccurrences(of: "layers: 2", with: "layers: two")
    #expect(problems(yaml) == [
        "spec.yaml:3:23: error: models[0].layers: found 'two', expected a whole number from 1 to 64",
    ])
}

@Test func negativeLearningRateIsOutOfRange() {
    let yaml = validSpec.replacingOccurrences(of: "  context: 16", with: "  context: 16\n  optimizer: {learning_rate: -3e-4}")
    #expect(problems(yaml) == [
        "spec.yaml:7:30: error: training.optimizer.learning_rate: found -0.0003, expected a number > 0",
    ])
}

@Test func headsMustDivideTheWidth() {
    let yaml = validSpec.replacingOccurrences(of: "heads: 4", with: "heads: 6")
    #expect(problems(yaml) == [
        "spec.yaml:3:44: error: models[0].heads: found 6 heads for width 64; heads must divide the width (e.g. 4, 8, 16)",
    ])
}

@Test func budgetSmallerThanOneStepIsRejected() {
    let yaml = validSpec.replacingOccurrences(of: "[10_000, 20_000]", with: "[10_000, 50]")
    #expect(problems(yaml) == [
        "spec.yaml:10:27: error: protocol.token_budgets[1]: found 50 bytes, less than one training step (batch_size 4 × context 16 = 64 bytes); raise it or lower training.batch_size or training.context",
    ])
}

@Test func contextLongerThanADocumentBudgetIsRejected() {
    let yaml = """
        kind: multilingual-curse
        models: [{name: s, layers: 1, width: 32, heads: 2}]
        training: {batch_size: 2, context: 128}
        data: {target: "synthetic:alpha"}
        protocol:
          levels: [{name: low, bytes: 100, epochs: 20}, {name: high, bytes: 5000, epochs: 2}]
          added_bytes: [0, 5000]
          baselines: [{bytes: 100, epochs: 20}, {bytes: 1000, epochs: 5}, {bytes: 2000, epochs: 3}, {bytes: 5000, epochs: 2}]
        """
    #expect(problems(yaml) == [
        "spec.yaml:6:31: error: protocol.levels[0].bytes: found 100 bytes, not longer than the context (128 bytes); raise it or lower training.context",
        "spec.yaml:8:23: error: protocol.baselines[0].bytes: found 100 bytes, not longer than the context (128 bytes); raise it or lower training.context",
    ])
}

@Test func multilingualBaselinesMustReadMoreBytesAsTheyGrow() {
    let yaml = """
        kind: multilingual-curse
        models: [{name: s, layers: 1, width: 32, heads: 2}]
        training: {batch_size: 2, context: 32}
        data: {target: "synthetic:alpha"}
        protocol:
          levels: [{name: low, bytes: 1000, epochs: 20}, {name: high, bytes: 8000, epochs: 2}]
          added_bytes: [0, 5000]
          baselines:
            - {bytes: 1000, epochs: 20}
            - {bytes: 4000, epochs: 5}
            - {bytes: 8000, epochs: 2}
            - {bytes: 16000, epochs: 1}
        """
    #expect(problems(yaml) == [
        "spec.yaml:10:7: error: protocol.baselines[1]: found 4000 bytes × 5 epochs reading 20000 bytes, no more than the 1000 × 20 before it (20000); a larger baseline must also read more bytes, or the curve measures training steps rather than data; raise its epochs or lower the smaller one's",
    ])
}

@Test func profileOverridingAnUnknownKeyIsReportedAtTheProfile() {
    let yaml = validSpec + "\n      stepz: 10"
    #expect(problems(yaml) == [
        "spec.yaml:15:7: error: profiles.quick.training.stepz: unknown key 'stepz' (allowed here: batch_size, context, optimizer, schedule, evaluations, evaluation_batches, threads, log_every)",
    ])
}

@Test func badValueInsideAProfileNamesTheProfile() {
    let yaml = validSpec.replacingOccurrences(of: "batch_size: 2", with: "batch_size: 0")
    #expect(problems(yaml) == [
        "spec.yaml:14:19: error: profiles.quick.training.batch_size: found 0, expected a whole number from 1 to 4096",
    ])
}

@Test func unknownCorpusNameGetsASuggestion() {
    let yaml = validSpec.replacingOccurrences(of: "fortunes:en", with: "fortune:en")
    #expect(problems(yaml) == [
        "spec.yaml:8:11: error: data.corpus: unknown corpus 'fortune:en'; did you mean 'fortunes:en'? (known: fortunes:en, fortunes:de, fortunes:es, fortunes:it, fortunes:pl, fortunes:cs, fortunes:ru, fortunes:bg, fortunes:eo, fortunes:ga, fortunes:pt, fortunes:zh, bible:kjv, bible:web, bible:sparv, synthetic:alpha, synthetic:beta, synthetic:gamma, synthetic:delta, synthetic:alpha-cyrillic, synthetic:alpha-sov, synthetic:<name>@<bytes>, file:<path>)",
    ])
}

@Test func sizedSyntheticCorpusIsAcceptedAndABadSizeIsExplained() {
    for good in ["synthetic:alpha@2M", "synthetic:alpha-sov@500k", "synthetic:beta@1.5M", "synthetic:gamma@1_500_000"] {
        #expect(problems(validSpec.replacingOccurrences(of: "fortunes:en", with: good)) == [], "\(good)")
    }
    let grammar = "write a whole number of bytes, optionally with k (×1,000) or M (×1,000,000): 500k, 2M, 1.5M or 1500000, from 1k to 100M"
    #expect(problems(validSpec.replacingOccurrences(of: "fortunes:en", with: "synthetic:alpha@2G")) == [
        "spec.yaml:8:11: error: data.corpus: corpus 'synthetic:alpha@2G': '2G' is not a size; \(grammar)",
    ])
    #expect(problems(validSpec.replacingOccurrences(of: "fortunes:en", with: "synthetic:alpha@200M")) == [
        "spec.yaml:8:11: error: data.corpus: corpus 'synthetic:alpha@200M': '200M' is above the largest size, 100M; \(grammar)",
    ])
    #expect(problems(validSpec.replacingOccurrences(of: "fortunes:en", with: "fortunes:en@2M")) == [
        "spec.yaml:8:11: error: data.corpus: corpus 'fortunes:en@2M': only synthetic languages take a size (synthetic:<language>@<bytes>); 'fortunes:en' has the size of its text",
    ])
    #expect(problems(validSpec.replacingOccurrences(of: "fortunes:en", with: "synthetic:alfa@2M")).first?
        .contains("did you mean 'synthetic:alpha@2M'?") == true)
}

@Test func unknownStudyKindIsTheOnlyProblemReported() {
    let yaml = validSpec.replacingOccurrences(of: "kind: scaling-law", with: "kind: scaling-laws")
    #expect(problems(yaml) == [
        "spec.yaml:1:7: error: kind: found 'scaling-laws'; did you mean 'scaling-law'? (allowed: scaling-law, curriculum, stability-gap, multilingual-curse)",
    ])
}

@Test func missingRequiredKeyShowsAnExample() {
    let yaml = validSpec.replacingOccurrences(of: "  token_budgets: [10_000, 20_000]\n", with: "  method: cosine\n")
    #expect(problems(yaml) == [
        "spec.yaml:10:3: error: protocol.token_budgets: missing required key 'token_budgets'; add e.g. `token_budgets: [1, 2]`",
    ])
}

@Test func everyProblemIsReportedTogetherInFileOrder() {
    let yaml = validSpec
        .replacingOccurrences(of: "heads: 4", with: "heads: 5")
        .replacingOccurrences(of: "batch_size: 4", with: "batch_size: -1")
        .replacingOccurrences(of: "fortunes:en", with: "fortunes:xx")
    let found = problems(yaml)
    #expect(found.count == 3)
    #expect(found.map { $0.split(separator: ":")[1] } == ["3", "5", "8"])
}

@Test func yamlSyntaxErrorHasAPosition() {
    let found = problems("kind: scaling-law\nmodels: [\n  - broken: {\n")
    #expect(found.count == 1)
    #expect(found.first?.hasPrefix("spec.yaml:") == true)
    #expect(found.first?.contains("not valid YAML") == true)
}

@Test func unknownProfileIsAUsageError() {
    #expect(throws: UnknownProfileError.self) {
        try SpecLoader.parse(yaml: validSpec, file: "spec.yaml", profile: "quik")
    }
    let error = UnknownProfileError(file: "spec.yaml", profile: "quik", available: ["full", "quick"])
    #expect(error.description == "spec.yaml: error: no profile 'quik'; did you mean 'quick'? (available: full, quick)")
}

@Test func missingFileIsItsOwnError() {
    #expect(throws: SpecFileError.self) {
        try SpecLoader.load(path: "/nonexistent/spec.yaml")
    }
}

@Test func suggestionsOnlyForPlausibleTypos() {
    #expect(Suggestion.closest(to: "contxt", among: ["context", "batch_size"]) == "context")
    #expect(Suggestion.closest(to: "zzzzzz", among: ["context", "batch_size"]) == nil)
    #expect(Suggestion.editDistance("kitten", "sitting") == 3)
}

@Test func aModelWithinTheBoundsThatDoesNotFitInMemoryIsRefusedWithTheEstimate() throws {
    let huge = validSpec.replacingOccurrences(of: "{name: s, layers: 2, width: 64, heads: 4}",
                                              with: "{name: s, layers: 64, width: 4096, heads: 64}")
    let found = problems(huge)
    // Once as written and once under the quick profile (batch_size 2).
    #expect(found.count == 2, "\(found)")
    #expect(found.first?.contains("models[0]: model 's' (64 layers × width 4096, batch_size 4 × context 16) needs about 258.9 GB (12889432064 parameters") == true,
            "\(found)")
    #expect(found.allSatisfy { $0.contains("more than the") && $0.hasPrefix("spec.yaml:3:5: error: models[0]: ") })
    #expect(problems(validSpec).isEmpty)
}

@Test func aSpecThatIsNotUTF8IsReportedAtItsLineAndColumn() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-latin1-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: file) }
    try Data("kind: scaling-law\ntitle: caf".utf8 + [0xE9] + Data(" au lait\n".utf8)).write(to: file)
    #expect {
        try SpecLoader.load(path: file.path)
    } throws: { error in
        (error as? SpecValidationError)?.issues.map(\.description)
            == ["\(file.path):2:11: error: byte 0xE9 is not UTF-8; save the spec as UTF-8 text"]
    }
    #expect(SpecLoader.firstInvalidUTF8(Array("é\nàb".utf8)) == nil)
    #expect(SpecLoader.firstInvalidUTF8(Array("é\nà".utf8) + [0xFF]).map { [$0.line, $0.column] } == [2, 2])
}

@Test func terminalEscapesInSpecKeysAreShownEscaped() {
    let found = problems(validSpec + "\n\u{1B}[31mred\u{1B}[0m: 1\n")
    #expect(!found.isEmpty)
    #expect(found.allSatisfy { !$0.contains("\u{1B}") }, "\(found)")
    #expect(found.contains { $0.contains("\\u{1b}[31mred\\u{1b}[0m") }, "\(found)")
}

@Test func aHugeScalarIsQuotedCutWithItsLength() throws {
    let yaml = validSpec.replacingOccurrences(of: "kind: scaling-law", with: "kind: scaling-law\nname: " + String(repeating: "x", count: 1_000_000))
    let found = problems(yaml)
    #expect(found.count == 1)
    let message = try #require(found.first)
    #expect(message.count < 400, "the message quotes the start of the value only")
    #expect(message.contains("xxxxxxxxxx…' (1000000 characters)"), "\(message.prefix(400))")
}

@Test func thousandsOfUnknownKeysAreCountedNotAllListed() throws {
    let keys = (0..<5_000).map { "unknown_\($0): 1" }.joined(separator: "\n")
    let yaml = validSpec + "\n" + keys
    do {
        _ = try SpecLoader.parse(yaml: yaml, file: "spec.yaml")
        Issue.record("5,000 unknown keys validated")
    } catch let error as SpecValidationError {
        #expect(error.issues.count == 5_000)
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == SpecValidationError.listedIssues + 2)
        #expect(lines[lines.count - 2] == "… and 4950 more problems, not listed.")
        #expect(lines.last == "5000 problems found; nothing was run or written.")
        let allowed = try #require(lines.first?.split(separator: "(allowed here: ").last)
        let names = allowed.dropLast().split(separator: ", ")
        #expect(Set(names).count == names.count, "each allowed key once: \(allowed)")
    }
}

@Test func reportFormatsMustIncludeHTML() {
    let pdfOnly = problems(validSpec.replacingOccurrences(of: "kind: scaling-law", with: "kind: scaling-law\nreport: {formats: [pdf]}"))
    #expect(pdfOnly.count == 1 && pdfOnly[0].contains("report.formats") && pdfOnly[0].contains("write [html] or [html, pdf]"),
            "\(pdfOnly)")
    #expect(problems(validSpec.replacingOccurrences(of: "kind: scaling-law", with: "kind: scaling-law\nreport: {formats: [html]}")).isEmpty)
}
