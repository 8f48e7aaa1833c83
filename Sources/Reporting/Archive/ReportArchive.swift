// The report archive on disk: output/<study>/<UTC stamp>/ with report.html, report.pdf, data.csv,
// spec.yaml, report.json and figures/ (each figure as SVG, PDF and PNG), written into a hidden
// temporary folder and renamed into place, and
// output/index.html rebuilt from the report.json files after every write.

import CSV
import Foundation

/// A report written into the archive.
public struct ArchivedReport: Sendable {
    /// The report folder, `root/study/stamp`.
    public let folder: URL
    /// The summary stored as report.json.
    public let summary: ReportSummary
}

/// An archive of study reports rooted at a folder (the project uses `output/`).
public struct ReportArchive: Sendable {
    /// The archive root.
    public let root: URL
    /// Renders report.html.
    public var htmlRenderer: HTMLRenderer
    /// Renders report.pdf.
    public var pdfRenderer: PDFRenderer

    /// The self-contained HTML report inside a report folder.
    public static let htmlFileName = "report.html"
    /// The PDF report inside a report folder.
    public static let pdfFileName = "report.pdf"
    /// The study's data (every run's final metrics) inside a report folder.
    public static let dataFileName = "data.csv"
    /// The resolved spec inside a report folder.
    public static let specFileName = "spec.yaml"
    /// The summary the index is built from, inside a report folder.
    public static let summaryFileName = "report.json"
    /// The folder of each figure's own SVG, PDF and PNG files inside a report folder.
    public static let figuresFolderName = FigureExport.folderName
    /// The archive index at the root.
    public static let indexFileName = "index.html"

    private static let partialPrefix = ".partial-"

    /// An archive rooted at `root` (created on first write).
    public init(root: URL, htmlRenderer: HTMLRenderer = HTMLRenderer(), pdfRenderer: PDFRenderer = PDFRenderer()) {
        self.root = root
        self.htmlRenderer = htmlRenderer
        self.pdfRenderer = pdfRenderer
    }

    /// Renders and archives `report` for `study` as `root/study/<UTC stamp of date>/`, then rebuilds
    /// the index. Either the whole folder appears or none of it: files are written to a hidden
    /// temporary folder next to it, renamed into place only once all are complete, and removed if
    /// anything throws. A second report in the same second gets the stamp suffix "-2", "-3", ….
    /// report.json records the profile (`report.provenance.profile`), every verdict with its
    /// numbers, `fits`, and every figure with its files (figures/NAME.svg, .pdf, .png). Throws `ArchiveError.duplicateColumns` when `data` names a column twice.
    @discardableResult
    public func write(_ report: Report, study: String, data: CSVTable, spec: String, fits: [FitRecord] = [],
                      writesPDF: Bool = true, date: Date = Date()) throws -> ArchivedReport {
        try Self.validate(studyName: study)
        try report.validate()
        let duplicates = Dictionary(grouping: data.header, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        guard duplicates.isEmpty else { throw ArchiveError.duplicateColumns(duplicates) }
        let studyFolder = root.appendingPathComponent(study, isDirectory: true)
        try fileSystem("create folder", studyFolder) {
            try FileManager.default.createDirectory(at: studyFolder, withIntermediateDirectories: true)
        }
        removeStalePartialFolders(in: studyFolder)
        let baseStamp = Self.stamp(date)
        let temporary = studyFolder.appendingPathComponent(
            Self.partialPrefix + baseStamp + "-pid\(getpid())-" + UUID().uuidString, isDirectory: true)
        try fileSystem("create folder", temporary) {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
        }
        let summary: ReportSummary
        let folder: URL
        do {
            let html = try htmlRenderer.render(report, linkingFigureFiles: true)
            try write(html, to: temporary.appendingPathComponent(Self.htmlFileName))
            let pageCount = writesPDF ? try pdfRenderer.render(report, to: temporary.appendingPathComponent(Self.pdfFileName)) : 0
            let figures = try FigureExport.write(NumberedDocument(report), into: temporary)
            try write(data.text, to: temporary.appendingPathComponent(Self.dataFileName))
            try write(spec, to: temporary.appendingPathComponent(Self.specFileName))
            var stamp = baseStamp
            var suffix = 2
            while FileManager.default.fileExists(atPath: studyFolder.appendingPathComponent(stamp).path) {
                stamp = baseStamp + "-\(suffix)"
                suffix += 1
            }
            summary = ReportSummary(study: study, title: report.title, profile: report.provenance.profile,
                                    stamp: stamp, date: date, verdicts: report.verdicts.map(VerdictSummary.init),
                                    fits: fits, figures: figures, pageCount: pageCount)
            try write(String(decoding: try Self.encoder.encode(summary), as: UTF8.self),
                      to: temporary.appendingPathComponent(Self.summaryFileName))
            folder = studyFolder.appendingPathComponent(stamp, isDirectory: true)
            try fileSystem("move the finished report to", folder) {
                try FileManager.default.moveItem(at: temporary, to: folder)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        try rebuildIndex()
        return ArchivedReport(folder: folder, summary: summary)
    }

    /// How long a `.partial-*` folder may stay untouched before it counts as left behind by an
    /// interrupted report (a report is written in seconds; a live one is never this old).
    public static let stalePartialAge: TimeInterval = 3600

    /// Removes the `.partial-*` folders of `studyFolder` left by interrupted reports (killed, power
    /// loss), which nothing else would remove: at once when the process named in the folder
    /// (`-pid<N>-`) no longer exists, otherwise once it is untouched for ``stalePartialAge``.
    func removeStalePartialFolders(in studyFolder: URL, now: Date = Date()) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: studyFolder.path)) ?? []
        for entry in entries where entry.hasPrefix(Self.partialPrefix) {
            let url = studyFolder.appendingPathComponent(entry, isDirectory: true)
            let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate]) as? Date
            let writerGone = Self.writer(ofPartialFolder: entry).map { kill($0, 0) != 0 && errno == ESRCH } ?? false
            if writerGone || modified.map({ now.timeIntervalSince($0) > Self.stalePartialAge }) == true {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }

    /// The process that writes the partial folder `name` (`.partial-<stamp>-pid<N>-<uuid>`), if named.
    static func writer(ofPartialFolder name: String) -> pid_t? {
        guard let field = name.split(separator: "-").first(where: { $0.hasPrefix("pid") }) else { return nil }
        return pid_t(field.dropFirst(3)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// The summaries of every complete report in the archive (hidden and partial folders skipped).
    public func reports() throws -> [ReportSummary] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: root.path) else { return [] }
        var summaries: [ReportSummary] = []
        for study in try visibleFolders(in: root) {
            for report in try visibleFolders(in: study) {
                let summaryURL = report.appendingPathComponent(Self.summaryFileName)
                guard manager.fileExists(atPath: summaryURL.path) else { continue }
                do {
                    summaries.append(try Self.decoder.decode(ReportSummary.self, from: Data(contentsOf: summaryURL)))
                } catch {
                    throw ArchiveError.unreadableSummary(path: summaryURL.path, reason: String(describing: error))
                }
            }
        }
        return summaries
    }

    /// Rewrites `root/index.html` from the report.json files now in the archive (atomically).
    public func rebuildIndex() throws {
        try fileSystem("create folder", root) {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        try write(ArchiveIndex.html(try reports()), to: root.appendingPathComponent(Self.indexFileName))
    }

    /// The folder name for `date`: "yyyyMMdd'T'HHmmss'Z'" in UTC.
    public static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    private static func validate(studyName: String) throws(ArchiveError) {
        let allowed = studyName.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
        }
        guard allowed, !studyName.isEmpty, !studyName.hasPrefix("."), studyName.count <= 100 else {
            throw .invalidStudyName(studyName)
        }
    }

    private func visibleFolders(in folder: URL) throws -> [URL] {
        let contents = try fileSystem("list", folder) {
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey],
                                                        options: [.skipsHiddenFiles])
        }
        return contents.filter { url in
            (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true
                && !url.lastPathComponent.hasPrefix(".")
        }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func write(_ text: String, to url: URL) throws {
        try fileSystem("write", url) {
            try Data(text.utf8).write(to: url, options: .atomic)
        }
    }

    private func fileSystem<Result>(_ operation: String, _ url: URL,
                                    _ body: () throws -> Result) throws(ArchiveError) -> Result {
        do {
            return try body()
        } catch {
            throw .fileSystem(operation: operation, path: url.path, reason: error.localizedDescription)
        }
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
