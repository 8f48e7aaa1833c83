// Where a report's numbers came from: date, software, machine, seeds, corpora, compute and time.

import Foundation

/// Provenance of a report. Every field is optional; absent fields are simply not shown.
public struct Provenance: Sendable {
    /// When the study finished.
    public var date: Date?
    /// The spec profile the study ran with, e.g. "quick" or "full"; shown in the title block.
    public var profile: String?
    /// TinyScale version string, e.g. "0.1.0".
    public var version: String?
    /// Git commit of the TinyScale build (full or abbreviated hash).
    public var gitCommit: String?
    /// A description of the machine, e.g. "Debian 12, x86_64, 2 cores, 24 GiB".
    public var machine: String?
    /// Worker threads used for training.
    public var threadCount: Int?
    /// Random seeds of the runs.
    public var seeds: [Int]
    /// The corpora the models were trained on.
    public var corpora: [CorpusProvenance]
    /// Total training tokens over all runs.
    public var totalTokens: Double?
    /// Total training compute over all runs, in FLOPs.
    public var totalFLOPs: Double?
    /// Seconds of training summed over the runs (runs trained side by side overlap, so this can
    /// exceed the wall-clock time).
    public var trainingSeconds: Double?
    /// Any further rows, shown after the fields above, in order.
    public var extraRows: [(key: String, value: String)]

    /// Creates a provenance record.
    public init(date: Date? = nil, profile: String? = nil, version: String? = nil, gitCommit: String? = nil,
                machine: String? = nil, threadCount: Int? = nil, seeds: [Int] = [],
                corpora: [CorpusProvenance] = [], totalTokens: Double? = nil,
                totalFLOPs: Double? = nil, trainingSeconds: Double? = nil,
                extraRows: [(key: String, value: String)] = []) {
        self.date = date
        self.profile = profile
        self.version = version
        self.gitCommit = gitCommit
        self.machine = machine
        self.threadCount = threadCount
        self.seeds = seeds
        self.corpora = corpora
        self.totalTokens = totalTokens
        self.totalFLOPs = totalFLOPs
        self.trainingSeconds = trainingSeconds
        self.extraRows = extraRows
    }

    /// The provenance as ordered (label, value) rows of display text, the form both renderers show.
    public var rows: [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = []
        if let date { rows.append(("Date", NumberFormatting.utcTimestamp(date))) }
        if let profile { rows.append(("Profile", profile)) }
        if let version { rows.append(("TinyScale version", version)) }
        if let gitCommit { rows.append(("Git commit", gitCommit)) }
        if let machine { rows.append(("Machine", machine)) }
        if let threadCount { rows.append(("Threads", String(threadCount))) }
        if !seeds.isEmpty { rows.append(("Seeds", seeds.map(String.init).joined(separator: ", "))) }
        for corpus in corpora {
            rows.append(("Corpus " + corpus.name, corpus.description))
        }
        if let totalTokens { rows.append(("Total tokens", NumberFormatting.significant(totalTokens))) }
        if let totalFLOPs { rows.append(("Total compute", NumberFormatting.significant(totalFLOPs) + " FLOPs")) }
        if let trainingSeconds { rows.append(("Training time (sum over runs)", NumberFormatting.duration(trainingSeconds))) }
        rows += extraRows.map { (label: $0.key, value: $0.value) }
        return rows
    }

    /// A one-line summary (date, profile, version, commit) shown under the title.
    public var byline: String {
        var parts: [String] = []
        if let date { parts.append(NumberFormatting.utcTimestamp(date)) }
        if let profile { parts.append("profile " + profile) }
        if let version { parts.append("TinyScale " + version) }
        if let gitCommit { parts.append("commit " + String(gitCommit.prefix(12))) }
        return parts.joined(separator: " · ")
    }
}

/// One training corpus as cited in a report.
public struct CorpusProvenance: Sendable {
    /// Short name, e.g. "fortunes-ru".
    public var name: String
    /// Where it came from, e.g. "Debian package fortunes-ru 1:1.2-3".
    public var source: String
    /// Its licence, e.g. "GPL-2".
    public var licence: String
    /// Size of the text used, in bytes.
    public var bytes: Int

    /// Creates a corpus citation.
    public init(name: String, source: String, licence: String, bytes: Int) {
        self.name = name
        self.source = source
        self.licence = licence
        self.bytes = bytes
    }

    /// "source; licence; size" as display text.
    public var description: String {
        "\(source); licence \(licence); \(NumberFormatting.byteCount(bytes))"
    }
}
