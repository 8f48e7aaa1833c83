// `tinyscale corpus list` and `tinyscale corpus show <source>`: the corpora available on this machine
// (as a table or JSON), and statistics plus a sample of one of them. Formatting only; the Corpora
// library does the work.
import ArgumentParser
import Corpora
import Foundation

struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "List the text corpora on this machine or show one of them.",
        subcommands: [List.self, Show.self, Benchmark.self]
    )

    /// Options shared by the corpus subcommands.
    struct CacheOptions: ParsableArguments {
        @Option(name: .customLong("cache"), help: "Folder for cleaned-corpus caches.")
        var cacheDirectory: String = CorpusCache.defaultDirectory
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every corpus source: name, language, script, documents, bytes, licence file.",
            discussion: """
                The first listing measures every installed corpus (it reads and cleans each one, \
                which takes seconds); later listings read the sizes from <cache>/listing.json and \
                measure again only a corpus whose files, package version, cleaning rules or \
                generator changed.

                With --json: {"corpora": [{"source", "language", "script", "documents", "bytes", \
                "licence_file", "missing_package"}]}; documents and bytes are null for a corpus \
                that is not installed, licence_file is null for generated ones, and \
                missing_package names the Debian package to install, or is null.

                Exit status: 0 listed, 64 bad usage, 74 a corpus, its exporter or the cache \
                could not be read or written.
                """)

        @OptionGroup var cache: CacheOptions

        @Flag(help: "Print the listing as JSON.")
        var json = false

        func run() throws {
            let catalog = CorpusCatalog(cache: CorpusCache(directory: cache.cacheDirectory))
            let entries = try reportingCorpusErrors { try catalog.entries(measuringSizes: true) }
            if json {
                try JSONOutput.print(CorpusListing(corpora: entries.map(CorpusListing.Corpus.init)))
                return
            }
            var rows = [["source", "language", "script", "documents", "bytes", "licence file or package to install"]]
            for entry in entries {
                let info = entry.info
                let licence = entry.missingPackage.map { "not installed: apt-get install \($0)" }
                    ?? info.licenceFile ?? "(generated)"
                rows.append([info.name, info.language, info.script.rawValue,
                             entry.documentCount.map(formatted) ?? "-", entry.byteCount.map(formatted) ?? "-", licence])
            }
            print(table(rows, rightAligned: [3, 4]))
            print("\nSynthetic languages are listed at their plain-name size (\(formatted(SyntheticPreset.defaultDocumentCount)) documents); "
                + "synthetic:<language>@<bytes> generates another size,\ne.g. synthetic:alpha@2M or synthetic:alpha@500k "
                + "(k = 1,000, M = 1,000,000; from "
                + "\(SyntheticSize.name(SyntheticSize.allowed.lowerBound)) to \(SyntheticSize.name(SyntheticSize.allowed.upperBound))), whose documents begin every larger size's.")
            print("Also: file:<path> reads any UTF-8 file or folder (documents split at blank lines).")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show statistics and a sample of documents of one source (e.g. fortunes:de, bible:kjv).",
            discussion: """
                Exit status: 0 shown, 64 bad usage, 65 an unknown source name or bad size, 69 a \
                corpus whose Debian package is not installed, 74 a file or exporter could not be read.
                """)

        @Argument(help: "Source name, e.g. fortunes:en, bible:sparv, synthetic:alpha, synthetic:alpha@2M, file:notes.txt.")
        var source: String

        @Option(help: "Number of sample documents to print.")
        var sample: Int = 3

        @OptionGroup var cache: CacheOptions

        func validate() throws {
            guard sample >= 0 else { throw ValidationError("--sample must be 0 or more.") }
        }

        func run() throws {
            let catalog = CorpusCatalog(cache: CorpusCache(directory: cache.cacheDirectory))
            let corpus = try reportingCorpusErrors { try catalog.load(source) }
            let split = try reportingCorpusErrors { try SplitCorpus(corpus.documents) }
            let info = corpus.info
            let sizes = corpus.documents.map(\.byteCount).sorted()
            let characters = corpus.documents.reduce(0) { $0 + $1.text.count }
            var lines = [
                "source      \(info.name)",
                "language    \(info.language) (\(LanguageFacts.facts(for: info.language).map { "\($0.name), \($0.family), \($0.branch)" } ?? "no facts"))",
                "script      \(info.script.rawValue)",
                "package     \(info.debianPackage.map { "\($0) \(corpus.packageVersion ?? "")" } ?? "none")",
                "licence     \(info.licenceFile ?? "none")",
                "documents   \(formatted(corpus.documentCount))",
                "bytes       \(formatted(corpus.byteCount)) (\(formatted(characters)) characters)",
                "doc bytes   median \(sizes.isEmpty ? 0 : sizes[sizes.count / 2]), max \(sizes.last ?? 0)",
                "splits      train \(formatted(split.train.count)), validation \(formatted(split.validation.count)), test \(formatted(split.test.count)) documents",
            ]
            lines += info.notes.map { "note        \($0)" }
            if !corpus.skippedFiles.isEmpty {
                lines.append("skipped     \(corpus.skippedFiles.count) files:")
                let reasons = Dictionary(grouping: corpus.skippedFiles, by: \.reason)
                for (reason, files) in reasons.sorted(by: { $0.key < $1.key }) {
                    let names = files.map(\.path)
                    let shown = names.prefix(6).joined(separator: ", ") + (names.count > 6 ? ", … (\(names.count))" : "")
                    lines.append("              \(reason): \(shown)")
                }
            }
            print(lines.joined(separator: "\n"))
            let count = min(sample, corpus.documentCount)
            guard count > 0 else { return }
            print("\nsample: \(count) of \(formatted(corpus.documentCount)) documents, spread over the corpus")
            for index in 0..<count {
                let document = corpus.documents[index * corpus.documentCount / count]
                let text = document.text
                let shown = text.count > 400 ? String(text.prefix(400)) + " …" : text
                print("\n--- \(document.id) (\(document.byteCount) bytes)\n\(shown)")
            }
        }
    }
}

/// `tinyscale corpus list --json`: one object per corpus with the table's columns.
private struct CorpusListing: Encodable {
    struct Corpus: Encodable {
        var source: String
        var language: String
        var script: String
        /// Nil when the corpus is not installed (printed as null, not left out).
        var documents: Int?
        var bytes: Int?
        /// Nil for generated corpora.
        var licenceFile: String?
        /// The Debian package to install; nil when the corpus is available.
        var missingPackage: String?

        init(_ entry: CatalogEntry) {
            source = entry.info.name
            language = entry.info.language
            script = entry.info.script.rawValue
            documents = entry.documentCount
            bytes = entry.byteCount
            licenceFile = entry.info.licenceFile
            missingPackage = entry.missingPackage
        }

        enum CodingKeys: String, CodingKey {
            case source, language, script, documents, bytes
            case licenceFile = "licence_file"
            case missingPackage = "missing_package"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(source, forKey: .source)
            try container.encode(language, forKey: .language)
            try container.encode(script, forKey: .script)
            try container.encode(documents, forKey: .documents)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(licenceFile, forKey: .licenceFile)
            try container.encode(missingPackage, forKey: .missingPackage)
        }
    }

    var corpora: [Corpus]
}

/// Runs `body`; a `CorpusError` is written to standard error and becomes exit code 65 (bad source
/// name or parameter), 69 (source not installed) or 74 (a file or exporter could not be read).
private func reportingCorpusErrors<Value>(_ body: () throws -> Value) throws -> Value {
    do {
        return try body()
    } catch let error as CorpusError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        switch error {
        case .notInstalled: throw ExitCode(69)
        case .unknownSource, .invalidParameter: throw ExitCode(65)
        default: throw ExitCode(74)
        }
    }
}

private func formatted(_ value: Int) -> String {
    let digits = String(value)
    var result = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return result
}

/// Rows as aligned columns; columns in `rightAligned` are padded on the left.
private func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
    let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { column, cell in
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            return rightAligned.contains(column) ? padding + cell : cell + padding
        }
        .joined(separator: "  ")
        .trimmingCharacters(in: .whitespaces)
    }
    .joined(separator: "\n")
}

extension CorpusCommand {
    struct Benchmark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time loading (cold and warm cache), splitting and scoring every fortunes language.",
            discussion: """
                Exit status: 0 done, 64 bad usage, 65 a bad parameter, 74 a file or the cache \
                could not be read or written.
                """)

        @Option(help: "Order of the reference n-gram model used for scoring.")
        var order: Int = 4

        @OptionGroup var cache: CacheOptions

        func run() throws {
            let cacheDirectory = cache.cacheDirectory
            let languages = FortuneLanguage.allCases.filter { FortuneSource(language: $0).isAvailable() }
            let cold = try timed(pass: "cold", cacheDirectory: cacheDirectory, languages: languages, clearing: true)
            let warm = try timed(pass: "warm", cacheDirectory: cacheDirectory, languages: languages, clearing: false)
            print("languages   \(languages.map(\.rawValue).joined(separator: " "))")
            for result in [cold, warm] {
                print(String(format: "%@  load %.2f s, split %.2f s, score (order %d) %.2f s, total %.2f s; %@ documents, %@ bytes",
                             result.pass, result.load, result.split, order, result.score,
                             result.load + result.split + result.score,
                             formatted(result.documents), formatted(result.bytes)))
            }
        }

        private struct Timing {
            var pass: String
            var load = 0.0
            var split = 0.0
            var score = 0.0
            var documents = 0
            var bytes = 0
        }

        private func timed(pass: String, cacheDirectory: String, languages: [FortuneLanguage], clearing: Bool) throws -> Timing {
            if clearing { try? FileManager.default.removeItem(atPath: cacheDirectory) }
            let corpusCache = CorpusCache(directory: cacheDirectory)
            var timing = Timing(pass: pass)
            var clock = Date()
            func lap() -> Double {
                let now = Date()
                defer { clock = now }
                return now.timeIntervalSince(clock)
            }
            let corpora = try reportingCorpusErrors { try languages.map { try corpusCache.load(FortuneSource(language: $0)) } }
            timing.load = lap()
            let splits = try reportingCorpusErrors { try corpora.map { try SplitCorpus($0.documents) } }
            timing.split = lap()
            for (corpus, split) in zip(corpora, splits) {
                let scorer = try reportingCorpusErrors { try QualityScorer(order: order, reference: split.train) }
                _ = scorer.scores(corpus.documents)
                timing.documents += corpus.documentCount
                timing.bytes += corpus.byteCount
            }
            timing.score = lap()
            return timing
        }
    }
}
