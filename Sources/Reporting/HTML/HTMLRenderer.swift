// Renders a report as one self-contained HTML file: inline CSS and SVG figures, no scripts, no
// network, a table of contents with anchors, and every user-supplied string escaped.

import Foundation

/// Renders reports as standalone HTML.
public struct HTMLRenderer: Sendable {
    /// Creates a renderer.
    public init() {}

    /// The complete HTML document for `report`. With `linkingFigureFiles`, each figure is followed by
    /// links to its own files, figures/NAME.svg, .pdf and .png, as `ReportArchive` writes them beside
    /// the report.
    ///
    /// Throws `ReportValidationError` for malformed tables or figure sizes, `HTMLRenderingError`
    /// for unusable SVG, and rethrows errors from the figures themselves.
    public func render(_ report: Report, linkingFigureFiles: Bool = false) throws -> String {
        try report.validate()
        let document = NumberedDocument(report)
        var html = ""
        html.reserveCapacity(64 * 1024)
        html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"generator\" content=\"TinyScale\">\n"
        html += "<title>\(escape(report.title))</title>\n<style>\n\(HTMLStyleSheet.css)</style>\n"
        html += "</head>\n<body>\n<main class=\"report\">\n"
        html += "<header class=\"title-block\">\n<h1>\(escape(report.title))</h1>\n"
        let byline = report.provenance.byline
        if !byline.isEmpty { html += "<p class=\"byline\">\(escape(byline))</p>\n" }
        html += "</header>\n"
        if !document.summary.isEmpty {
            html += "<section class=\"abstract\" aria-label=\"Summary\">\n"
            html += "<p class=\"abstract-label\">Summary</p>\n"
            html += blocks(document.summary)
            html += "</section>\n"
        }
        html += tableOfContents(document.outline)
        for element in document.elements {
            html += try self.element(element, linkingFigureFiles: linkingFigureFiles)
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    /// The media type of each figure file format, for the links' `type`.
    private static let mediaTypes = ["svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"]

    /// Tables with at most this many rows are kept on one printed page.
    private static let shortTableRows = 15

    private func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private func tableOfContents(_ outline: [OutlineEntry]) -> String {
        guard !outline.isEmpty else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-label\">Contents</p>\n<ol>\n"
        var depth = 1
        var isFirst = true
        for entry in outline {
            if entry.level > depth {
                while depth < entry.level { html += "\n<ol>\n"; depth += 1 }
            } else {
                if !isFirst { html += "</li>\n" }
                while depth > entry.level { html += "</ol>\n</li>\n"; depth -= 1 }
            }
            isFirst = false
            let number = entry.number.isEmpty ? "" : "<span class=\"number\">\(escape(entry.number))</span> "
            html += "<li><a href=\"#\(escape(entry.anchor))\">\(number)\(escape(entry.title))</a>"
        }
        html += "</li>\n"
        while depth > 1 { html += "</ol>\n</li>\n"; depth -= 1 }
        html += "</ol>\n</nav>\n"
        return html
    }

    private func element(_ element: DocumentElement, linkingFigureFiles: Bool) throws -> String {
        switch element {
        case .heading(let entry):
            let tag = "h\(min(entry.level + 1, 6))"
            let number = entry.number.isEmpty ? "" : "<span class=\"number\">\(escape(entry.number))</span> "
            return "<\(tag) id=\"\(escape(entry.anchor))\">\(number)\(escape(entry.title))</\(tag)>\n"
        case .prose(let blocks):
            return self.blocks(blocks)
        case .table(let table, let number, let anchor):
            return self.table(table, number: number, anchor: anchor)
        case .figure(let cell, let number, let anchor):
            return try figure(cell, number: number, anchor: anchor, linkingFiles: linkingFigureFiles)
        case .verdict(let verdict):
            return self.verdict(verdict)
        case .code(let code):
            return self.code(code)
        case .provenance(let rows):
            var html = "<table class=\"provenance\">\n<tbody>\n"
            for row in rows {
                html += "<tr><th scope=\"row\">\(escape(row.label))</th><td>\(escape(row.value))</td></tr>\n"
            }
            return html + "</tbody>\n</table>\n"
        }
    }

    private func blocks(_ blocks: [MarkdownBlock]) -> String {
        var html = ""
        for block in blocks {
            switch block {
            case .paragraph(let spans):
                html += "<p>\(inline(spans))</p>\n"
            case .bulletList(let items):
                html += "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>\n"
            case .numberedList(let start, let items):
                let startAttribute = start == 1 ? "" : " start=\"\(start)\""
                html += "<ol\(startAttribute)>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ol>\n"
            }
        }
        return html
    }

    private func inline(_ spans: [InlineSpan]) -> String {
        spans.map { span in
            switch span {
            case .text(let text): escape(text)
            case .bold(let inner): "<strong>\(inline(inner))</strong>"
            case .italic(let inner): "<em>\(inline(inner))</em>"
            case .code(let text): "<code>\(escape(text))</code>"
            case .math(let source): Formula(source)?.mathML ?? "<span class=\"math\">\(escape(source))</span>"
            case .link(let inner, let destination): "<a href=\"\(escape(destination))\">\(inline(inner))</a>"
            }
        }.joined()
    }

    private func caption(label: String, text: String) -> String {
        let body = inline(MarkdownParser.parseInline(text))
        return "<figcaption><span class=\"caption-label\">\(label)</span> \(body)</figcaption>\n"
    }

    private func table(_ table: ReportTable, number: Int, anchor: String) -> String {
        let shortTable = table.rows.count <= Self.shortTableRows ? " short" : ""
        var html = "<figure class=\"table\(shortTable)\" id=\"\(anchor)\">\n"
        html += caption(label: "Table \(number).", text: table.caption)
        html += "<div class=\"table-scroll\">\n<table class=\"data\">\n<thead>\n<tr>"
        for (column, heading) in table.header.enumerated() {
            html += "<th scope=\"col\" class=\"\(table.alignment(ofColumn: column).rawValue)\">\(escape(heading))</th>"
        }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in table.rows {
            html += "<tr>"
            for (column, value) in row.enumerated() {
                html += "<td class=\"\(table.alignment(ofColumn: column).rawValue)\">\(escape(value))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</div>\n</figure>\n"
    }

    private func figure(_ cell: FigureCell, number: Int, anchor: String, linkingFiles: Bool) throws -> String {
        let document = try cell.figure.svg(width: cell.width, height: cell.height)
        guard let svg = SVGScoping.inlineable(document, prefix: "f\(number)-") else {
            throw HTMLRenderingError.figureIsNotSVG(figureNumber: number, caption: cell.caption)
        }
        var html = "<figure class=\"figure\" id=\"\(anchor)\">\n"
        let description = "Figure \(number): " + MarkdownParser.plainText(cell.caption)
        html += "<div class=\"figure-body\" role=\"img\" aria-label=\"\(escape(description))\" "
        html += "style=\"max-width: \(Int(cell.width.rounded()))pt\">\n"
        html += svg
        html += "\n</div>\n"
        html += caption(label: "Figure \(number).", text: cell.caption)
        if linkingFiles {
            let files = FigureExport.files(ofFigureNamed: FigureFileName.name(number: number, cell: cell))
            let links = zip(FigureExport.formats, files).map { format, file in
                "<a href=\"\(escape(file))\" type=\"\(Self.mediaTypes[format] ?? "")\">\(format.uppercased())</a>"
            }
            html += "<p class=\"figure-files\">Download: \(links.joined(separator: " · "))</p>\n"
        }
        return html + "</figure>\n"
    }

    private func verdict(_ verdict: Verdict) -> String {
        let outcome = verdict.outcome
        var html = "<aside class=\"verdict \(outcome.rawValue)\" role=\"note\" aria-label=\"Verdict: \(outcome.label)\">\n"
        html += "<p class=\"verdict-label\"><span class=\"verdict-symbol\" aria-hidden=\"true\">"
        html += "\(outcome.symbol)</span> \(outcome.label)</p>\n"
        html += "<p class=\"claim\">\(inline(MarkdownParser.parseInline(verdict.claim)))</p>\n"
        if !verdict.explanation.isEmpty {
            html += "<p class=\"explanation\">\(inline(MarkdownParser.parseInline(verdict.explanation)))</p>\n"
        }
        if !verdict.evidence.isEmpty {
            html += "<table class=\"evidence\">\n<thead><tr><th scope=\"col\">Quantity</th>"
            html += "<th scope=\"col\">Measured</th><th scope=\"col\">Criterion</th></tr></thead>\n<tbody>\n"
            for row in verdict.evidence {
                html += "<tr><td>\(escape(row.quantity))</td><td class=\"measured\">\(escape(row.measured))</td>"
                html += "<td>\(escape(row.criterion))</td></tr>\n"
            }
            html += "</tbody>\n</table>\n"
        }
        return html + "</aside>\n"
    }

    private func code(_ code: CodeBlock) -> String {
        var html = "<figure class=\"code\">\n"
        if !code.title.isEmpty || !code.language.isEmpty {
            html += "<figcaption><span class=\"caption-label\">\(escape(code.title))</span>"
            if !code.language.isEmpty { html += " <span class=\"language\">\(escape(code.language))</span>" }
            html += "</figcaption>\n"
        }
        let text = code.text.replacingOccurrences(of: "\t", with: "    ")
        html += "<pre><code>\(escape(text))</code></pre>\n"
        return html + "</figure>\n"
    }
}
