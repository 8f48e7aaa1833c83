// The archive's index.html: one self-contained page listing every archived report (study, date,
// profile, title, verdict counts with labels, links to HTML, PDF, data, JSON and spec).

/// Renders the archive index page.
enum ArchiveIndex {
    /// The index page for `summaries`, newest first.
    static func html(_ summaries: [ReportSummary]) -> String {
        let sorted = summaries.sorted { ($0.date, $0.study) > ($1.date, $1.study) }
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"TinyScale\">\n<title>TinyScale report archive</title>\n"
        html += "<style>\n\(HTMLStyleSheet.css)\(extraCSS)</style>\n</head>\n<body>\n<main class=\"report index\">\n"
        html += "<header class=\"title-block\">\n<h1>TinyScale report archive</h1>\n"
        html += "<p class=\"byline\">\(sorted.count) report\(sorted.count == 1 ? "" : "s")</p>\n</header>\n"
        if sorted.isEmpty {
            html += "<p>No reports yet. Run a study to create one.</p>\n"
        } else {
            html += "<div class=\"table-scroll\">\n<table class=\"data archive\">\n<thead>\n<tr>"
            html += "<th scope=\"col\">Study</th><th scope=\"col\">Date (UTC)</th><th scope=\"col\">Profile</th>"
            html += "<th scope=\"col\">Title</th>"
            html += "<th scope=\"col\">Verdicts</th><th scope=\"col\">Files</th></tr>\n</thead>\n<tbody>\n"
            for summary in sorted {
                html += row(summary)
            }
            html += "</tbody>\n</table>\n</div>\n"
        }
        return html + "</main>\n</body>\n</html>\n"
    }

    private static func row(_ summary: ReportSummary) -> String {
        let folder = HTMLEscaping.escape(summary.relativePath)
        var verdicts: [String] = []
        for outcome in VerdictOutcome.allCases {
            let count = summary.count(of: outcome)
            if count > 0 {
                verdicts.append("<span class=\"tag \(outcome.rawValue)\">\(outcome.symbol) \(count) "
                    + "\(outcome.label.lowercased())</span>")
            }
        }
        let claims = summary.verdicts.map { $0.outcome.label + ": " + $0.claim }.joined(separator: "\n")
        var html = "<tr><td class=\"nowrap\">\(HTMLEscaping.escape(summary.study))</td>"
        html += "<td class=\"nowrap\">\(HTMLEscaping.escape(NumberFormatting.utcTimestamp(summary.date)))</td>"
        html += "<td class=\"nowrap\">\(HTMLEscaping.escape(summary.profile ?? "–"))</td>"
        html += "<td><a href=\"\(folder)/report.html\">\(HTMLEscaping.escape(summary.title))</a></td>"
        html += "<td title=\"\(HTMLEscaping.escape(claims))\">"
            + (verdicts.isEmpty ? "–" : verdicts.joined(separator: " ")) + "</td>"
        html += "<td class=\"nowrap\"><a href=\"\(folder)/report.html\">HTML</a> · "
        if summary.pageCount > 0 { html += "<a href=\"\(folder)/report.pdf\">PDF</a> · " }
        html += "<a href=\"\(folder)/data.csv\">data</a> · "
        html += "<a href=\"\(folder)/report.json\">JSON</a> · "
        html += "<a href=\"\(folder)/spec.yaml\">spec</a></td></tr>\n"
        return html
    }

    private static let extraCSS = """
    main.index { max-width: 64rem; }
    table.archive { width: 100%; }
    table.archive th { text-align: left; }
    .nowrap { white-space: nowrap; }
    .tag { display: inline-block; font-size: .75rem; font-weight: 600; padding: .05rem .4rem; margin: .05rem 0;
      border-radius: 3px; border: 1px solid; white-space: nowrap; }
    .tag.reproduced { color: var(--good); background: var(--good-tint); }
    .tag.not-reproduced { color: var(--bad); background: var(--bad-tint); }
    .tag.inconclusive { color: var(--unsure); background: var(--unsure-tint); }

    """
}
