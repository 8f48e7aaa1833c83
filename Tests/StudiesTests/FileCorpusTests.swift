// `file:` corpora as run inputs: identity by content (an edit changes exactly the hashes of the runs
// that read the file, a move changes none), relative paths resolved against the spec's folder,
// training refusing a file edited after planning, and validation refusing every file and study name
// that `run` could not use — before anything is trained.
import Corpora
import Digests
import Foundation
import Testing
@testable import Studies

/// A scaling-law spec on `corpus` with one model and two budgets (two runs).
private func spec(corpus: String, name: String = "files", validationFraction: Double = 0.1) -> String {
    """
    kind: scaling-law
    name: \(name)
    models:
      - {name: a, layers: 1, width: 16, heads: 2}
    training: {batch_size: 4, context: 16, evaluations: 2, evaluation_batches: 1}
    data: {corpus: "\(corpus)", validation_fraction: \(validationFraction)}
    protocol: {token_budgets: [3_200, 6_400], method: cosine}
    fit: {bootstrap: 10}
    """
}

/// `count` paragraphs of made-up words separated by blank lines, different for each `seed`.
private func paragraphs(_ count: Int, seed: Int = 0) -> String {
    let words = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far", "into", "woods", "\(seed)"]
    return (0..<count).map { index in
        (0..<(20 + index % 17)).map { words[($0 * 7 + index * 3 + seed) % words.count] }.joined(separator: " ")
    }.joined(separator: "\n\n") + "\n"
}

private func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-files-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    return folder
}

/// Writes `yaml` as `<folder>/study.yaml` and loads it.
private func load(_ yaml: String, in folder: URL) throws -> StudySpec {
    let path = folder.appendingPathComponent("study.yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return try SpecLoader.load(path: path)
}

/// The issues of loading `yaml` from `<folder>/study.yaml`.
private func issues(_ yaml: String, in folder: URL) throws -> [SpecIssue] {
    do {
        _ = try load(yaml, in: folder)
        return []
    } catch let error as SpecValidationError {
        return error.issues
    }
}

@Test func relativeFilePathIsReadFromTheSpecFolderAndItsDigestEntersThePlan() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = paragraphs(300)
    try text.write(to: folder.appendingPathComponent("data/corpus.txt"), atomically: true, encoding: .utf8)
    let study = try load(spec(corpus: "file:data/corpus.txt"), in: folder)
    let source = "file:" + folder.appendingPathComponent("data/corpus.txt").standardizedFileURL.path
    guard case .scalingLaw(let settings) = study.settings else {
        Issue.record("expected scaling-law settings")
        return
    }
    #expect(settings.corpora == [source])
    #expect(study.inputDigests == [source: SHA256.hex(of: Array(text.utf8))])
    let plan = try StudyPipeline(outputFolder: folder).plan(study)
    #expect(plan.count == 2)
    #expect(plan.allSatisfy { $0.config.data.contentDigests == [source: SHA256.hex(of: Array(text.utf8))] })
}

@Test func editingAFileChangesTheHashesOfExactlyTheRunsThatReadIt() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let edited = folder.appendingPathComponent("data/edited.txt"), kept = folder.appendingPathComponent("data/kept.txt")
    try paragraphs(300, seed: 1).write(to: edited, atomically: true, encoding: .utf8)
    try paragraphs(300, seed: 2).write(to: kept, atomically: true, encoding: .utf8)
    let pipeline = StudyPipeline(outputFolder: folder)
    func hashes(_ corpus: String) throws -> [String] {
        try pipeline.plan(load(spec(corpus: corpus), in: folder)).map(\.hash)
    }
    let before = (edited: try hashes("file:data/edited.txt"), kept: try hashes("file:data/kept.txt"),
                  synthetic: try hashes("synthetic:alpha"))

    try (paragraphs(300, seed: 1) + "\none more paragraph of text\n").write(to: edited, atomically: true, encoding: .utf8)
    let after = (edited: try hashes("file:data/edited.txt"), kept: try hashes("file:data/kept.txt"),
                 synthetic: try hashes("synthetic:alpha"))
    #expect(Set(after.edited).isDisjoint(with: before.edited))
    #expect(after.kept == before.kept)
    #expect(after.synthetic == before.synthetic)

    // Moved (same bytes, another path, absolute this time): the same runs.
    let moved = folder.appendingPathComponent("elsewhere.txt")
    try FileManager.default.moveItem(at: kept, to: moved)
    #expect(try hashes("file:" + moved.path) == before.kept)
}

@Test func plansWithoutFilesKeepTheirHashes() throws {
    // A data plan with no file source encodes no digest field, so runs planned before digests
    // existed keep their identity (this is the hash they had).
    let plan = DataPlan(components: [.init(source: "synthetic:alpha")], validationFraction: 0.1)
    let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
    #expect(!json.contains("contentDigests"))
    var digested = plan
    digested.contentDigests = [:]
    #expect(digested.contentAddressed.contentDigests == nil)
}

@Test func trainingRefusesAFileEditedAfterPlanning() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("data/corpus.txt")
    try paragraphs(300).write(to: file, atomically: true, encoding: .utf8)
    let run = try #require(try StudyPipeline(outputFolder: folder).plan(load(spec(corpus: "file:data/corpus.txt"), in: folder)).first)
    try paragraphs(300, seed: 5).write(to: file, atomically: true, encoding: .utf8)
    let data = DataProvider(cacheDirectory: folder.appendingPathComponent("cache").path)
    let error = try #require(throws: DataPlanError.self) {
        try data.data(for: run.config.data, seed: 0, trainingBytes: run.config.tokens)
    }
    guard case .inputChanged(let source, _, _) = error else {
        Issue.record("expected inputChanged, got \(error)")
        return
    }
    #expect(source == "file:" + file.standardizedFileURL.path)
}

@Test func fileCorporaRunCannotUseAreRejectedWithTheKeyPathAndTheFix() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "only a few words\n\nand a few more\n".write(to: folder.appendingPathComponent("data/small.txt"), atomically: true, encoding: .utf8)
    try "\n\n   \n".write(to: folder.appendingPathComponent("data/blank.txt"), atomically: true, encoding: .utf8)
    #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent("data/latin1.txt").path,
                                           contents: Data([0x63, 0x61, 0x66, 0xE9, 0x0A])))
    // 24 documents: enough text for 4 passes of the budgets, but a 1 % held-out split gets none of them.
    try paragraphs(24).write(to: folder.appendingPathComponent("data/few.txt"), atomically: true, encoding: .utf8)
    let dataFolder = folder.appendingPathComponent("data").standardizedFileURL.path
    let cases: [(corpus: String, validation: Double, message: String, missing: Bool)] = [
        ("file:data/missing.txt", 0.1,
         "no file at \(dataFolder)/missing.txt (a relative path is read from the spec's folder, \(folder.standardizedFileURL.path)); check the path", true),
        ("file:data", 0.1,
         "\(dataFolder) is a folder, not a regular file; name one UTF-8 text file (join a folder's files into one, e.g. `cat folder/*.txt > corpus.txt`)", false),
        ("file:/", 0.1,
         "/ is a folder, not a regular file; name one UTF-8 text file (join a folder's files into one, e.g. `cat folder/*.txt > corpus.txt`)", false),
        ("file:/dev/zero", 0.1, "/dev/zero is a character device, not a regular file; name a UTF-8 text file", false),
        ("file:data/blank.txt", 0.1,
         "file:\(dataFolder)/blank.txt holds no text (0 bytes after cleaning, 0 documents); name a UTF-8 text file with documents separated by blank lines", false),
        ("file:data/latin1.txt", 0.1,
         "\(dataFolder)/latin1.txt is not UTF-8 text (first bad byte at offset 3); convert it, e.g. `iconv -f LATIN1 -t UTF-8`", false),
        ("file:data/few.txt", 0.01,
         "file:\(dataFolder)/few.txt: its held-out split holds 0 bytes in 0 documents with data.validation_fraction 0.01, fewer than one evaluation batch (batch_size 4 × (context 16 + 1) = 68 bytes); use a larger file with more documents (they are separated by blank lines), raise data.validation_fraction or lower training.batch_size", false),
    ]
    for example in cases {
        let found = try issues(spec(corpus: example.corpus, validationFraction: example.validation), in: folder)
        #expect(found.map(\.description) == ["\(folder.appendingPathComponent("study.yaml").path):6:16: error: data.corpus: \(example.message)"],
                "\(example.corpus)")
        #expect(SpecValidationError(issues: found).namesMissingFile == example.missing)
    }
    let small = try issues(spec(corpus: "file:data/small.txt"), in: folder).map(\.message)
    #expect(small.count == 3, "one per token budget and the evaluation batch: \(small)")
    #expect(small.contains { $0.contains("but a run reads 3201 bytes from it in at most 4 passes") })
    #expect(small.contains { $0.contains("fewer than one evaluation batch") })
}

@Test func fileCorpusProblemInAProfileIsReportedAtTheProfile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try paragraphs(300).write(to: folder.appendingPathComponent("data/corpus.txt"), atomically: true, encoding: .utf8)
    let yaml = spec(corpus: "file:data/corpus.txt") + "\nprofiles:\n  quick:\n    data: {corpus: \"file:data/nope.txt\"}\n"
    let found = try issues(yaml, in: folder)
    #expect(found.map(\.keyPath) == ["profiles.quick.data.corpus"])
    #expect(found.first?.line == 11)
    #expect(found.first?.isMissingFile == true)
}

@Test(arguments: [
    ("name: \"\"", "found ''; it is empty; a study name is 1 to 100 ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder)"),
    ("name: café", "found 'café'; a study name is 1 to 100 ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder)"),
    ("name: \"-x\"", "found '-x'; a study name is 1 to 100 ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder)"),
    ("name: \"a\\e[31mb\"", "found 'a\\u{1B}[31mb'; a study name is 1 to 100 ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder)"),
    ("name: checkpoints", "found 'checkpoints'; output/checkpoints/ holds the archive's own files; choose another name"),
])
func unusableStudyNamesAreRejected(line: String, message: String) throws {
    let yaml = spec(corpus: "synthetic:alpha").replacingOccurrences(of: "name: files", with: line)
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.parse(yaml: yaml, file: "spec.yaml") }
    #expect(error.issues.map(\.description) == ["spec.yaml:2:7: error: name: \(message)"])
}

@Test func aFileNameThatIsNoStudyNameNeedsAName() throws {
    let yaml = spec(corpus: "synthetic:alpha").replacingOccurrences(of: "name: files\n", with: "")
    let error = try #require(throws: SpecValidationError.self) { try SpecLoader.parse(yaml: yaml, file: "studies/mon étude.yaml") }
    #expect(error.issues.map(\.message) == ["the study is named after its file, 'mon étude', but a study name is 1 to 100 ASCII letters, digits, '-' and '_', starting with a letter or digit (it names a folder); add e.g. `name: my-study`"])
    #expect(try SpecLoader.parse(yaml: yaml, file: "studies/my-study.yaml").name == "my-study")
}
