// Each figure of an archived report saved on its own: figures/NAME.svg, .pdf and .png in the report
// folder, with stable distinct names, listed in report.json and linked from the HTML, and written
// inside the temporary folder so a failure leaves nothing behind.

import CSV
@preconcurrency import CCairo
import Foundation
import FoundationXML
import Plotting
import Testing
@testable import Reporting

struct FigureFilesTests {
    private let data = CSVTable(header: ["run", "loss"], rows: [["r1", "1.5"]])

    /// A one-panel line chart titled `title`.
    private static func chart(title: String?, xLabel: String = "Tokens D", yLabel: String = "Loss") -> Figure {
        var panel = Panel(x: Axis(xLabel, scale: .log10), y: Axis(yLabel, unit: "bits/byte"))
        panel.add(Series("run", x: [1e5, 1e6, 1e7], y: [2.4, 1.9, 1.6]))
        return Figure(title: title, panel: panel)
    }

    private static let twoFigures = Report(title: "Two figures", sections: [
        ReportSection("Results", cells: [
            .figure(FigureCell(chart(title: "Loss against tokens"), caption: "First.", width: 400, height: 250)),
            .figure(FigureCell(chart(title: nil), caption: "Final loss *per* model, on log axes.", width: 300,
                               height: 200)),
        ]),
    ])

    /// The big-endian 32-bit integer at `offset`.
    private func bigEndian(_ data: Data, at offset: Int) -> Int {
        data[data.startIndex + offset..<data.startIndex + offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }

    @Test func everyFigureIsSavedAsSVGPDFAndPNGWithDistinctNames() throws {
        let scratch = try ScratchDirectory()
        let archived = try ReportArchive(root: scratch.url).write(Self.twoFigures, study: "s", data: data, spec: "")
        let figures = archived.folder.appendingPathComponent("figures")
        let files = try FileManager.default.contentsOfDirectory(atPath: figures.path).sorted()
        #expect(files == ["fig-01-loss-against-tokens.pdf", "fig-01-loss-against-tokens.png",
                          "fig-01-loss-against-tokens.svg", "fig-02-final-loss-per-model-on-log-axes.pdf",
                          "fig-02-final-loss-per-model-on-log-axes.png", "fig-02-final-loss-per-model-on-log-axes.svg"])

        for (name, width, height) in [("fig-01-loss-against-tokens", 400, 250),
                                      ("fig-02-final-loss-per-model-on-log-axes", 300, 200)] {
            let png = try Data(contentsOf: figures.appendingPathComponent(name + ".png"))
            #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(bigEndian(png, at: 16) == 2 * width && bigEndian(png, at: 20) == 2 * height)
            let pdf = try Data(contentsOf: figures.appendingPathComponent(name + ".pdf"))
            #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
            let svg = try Data(contentsOf: figures.appendingPathComponent(name + ".svg"))
            let parser = XMLParser(data: svg)
            #expect(parser.parse(), "\(name).svg is not well-formed: \(String(describing: parser.parserError))")
            #expect(String(decoding: svg, as: UTF8.self).contains("width=\"\(width)pt\""))
        }
        let study = scratch.url.appendingPathComponent("s")
        #expect(try FileManager.default.contentsOfDirectory(atPath: study.path) == [archived.folder.lastPathComponent],
                "no partial folder remains")

        let summary = archived.summary.figures
        #expect(summary.map(\.name) == ["fig-01-loss-against-tokens", "fig-02-final-loss-per-model-on-log-axes"])
        #expect(summary.map(\.title) == ["Loss against tokens", nil])
        #expect(summary[1].files == ["figures/fig-02-final-loss-per-model-on-log-axes.svg",
                                     "figures/fig-02-final-loss-per-model-on-log-axes.pdf",
                                     "figures/fig-02-final-loss-per-model-on-log-axes.png"])
        #expect(try ReportArchive(root: scratch.url).reports().first?.figures == summary, "read back from report.json")

        let html = try String(contentsOf: archived.folder.appendingPathComponent("report.html"), encoding: .utf8)
        for file in summary.flatMap(\.files) {
            #expect(html.contains("href=\"\(file)\""), "report.html does not link \(file)")
        }
        #expect(html.contains(">SVG</a> · <a"))
    }

    @Test func theHTMLLinksFigureFilesOnlyWhenAsked() throws {
        #expect(!(try HTMLRenderer().render(Self.twoFigures)).contains("<p class=\"figure-files\">"))
        #expect(try HTMLRenderer().render(Self.twoFigures, linkingFigureFiles: true).contains("<p class=\"figure-files\">"))
    }

    @Test func aFigureThatFailsLeavesNoPartialFolder() throws {
        let scratch = try ScratchDirectory()
        // The second figure fails while its PNG is drawn: after the HTML, the report PDF and the
        // other figure files are written into the temporary folder.
        let broken = Report(title: "Broken", sections: [
            ReportSection("Results", cells: [
                .figure(FigureCell(Self.chart(title: "fine"), caption: "ok")),
                .figure(FigureCell(FailsAsPNG(), caption: "fails when rasterised")),
            ]),
        ])
        #expect(throws: SketchFigureError(reason: "disk vanished")) {
            try ReportArchive(root: scratch.url).write(broken, study: "s", data: data, spec: "")
        }
        let study = scratch.url.appendingPathComponent("s")
        #expect(try FileManager.default.contentsOfDirectory(atPath: study.path) == [])
    }

    @Test func namesAreStableSlugs() {
        #expect(FigureFileName.slug("Loss vs model size — α = 0.30") == "loss-vs-model-size-0-30")
        #expect(FigureFileName.slug("Équivalent  données: «été»") == "equivalent-donnees-ete")
        #expect(FigureFileName.slug("验证损失") == "")
        #expect(FigureFileName.slug("../../etc/passwd") == "etc-passwd")
        let long = FigureFileName.slug(String(repeating: "word ", count: 30))
        #expect(long.count <= FigureFileName.maximumSlugLength && long.hasSuffix("word"))
        #expect(FigureFileName.name(number: 3, cell: FigureCell(Self.chart(title: "中文"), caption: "c")) == "fig-03")
        #expect(FigureFileName.name(number: 12, cell: FigureCell(Self.chart(title: " "), caption: "**Bold** `code`"))
            == "fig-12-bold-code")
    }
}

/// A figure that draws as vectors but throws when drawn on an image surface (its PNG file), standing
/// in for a crash while the figure files are written.
private struct FailsAsPNG: ReportFigure {
    func svg(width: Double, height: Double) throws -> String {
        try SketchFigure(label: "x").svg(width: width, height: height)
    }

    func draw(in context: OpaquePointer, x: Double, y: Double, width: Double, height: Double) throws {
        if cairo_surface_get_type(cairo_get_target(context)) == CAIRO_SURFACE_TYPE_IMAGE {
            throw SketchFigureError(reason: "disk vanished")
        }
        try SketchFigure(label: "x").draw(in: context, x: x, y: y, width: width, height: height)
    }
}
