// The HTML report in a real browser: headless Chromium parses it, every figure (<svg>), table and
// formula (MathML) survives into the DOM, a figure's title and labels are text the browser can find
// and select, and a screenshot is produced. Skipped with a message if Chromium is absent.

import Foundation
import Plotting
import Testing
import TestSupport
@testable import Reporting

struct ChromiumTests {
    private static let chromium = ExternalTool.find("chromium") ?? ExternalTool.find("chromium-browser")

    @Test(.enabled(if: chromium != nil, "chromium is not installed (make deps installs it); browser check skipped"))
    func sampleReportSurvivesAHeadlessBrowser() throws {
        let scratch = try ScratchDirectory()
        let keep = ProcessInfo.processInfo.environment["TINYSCALE_SAMPLE_OUTPUT"].map {
            URL(fileURLWithPath: $0, isDirectory: true)
        }
        let folder = keep ?? scratch.url
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let report = SampleReport.scalingLaw(figureCount: 4, tableRows: 30)
        let htmlURL = folder.appendingPathComponent("browser.html")
        try HTMLRenderer().render(report).write(to: htmlURL, atomically: true, encoding: .utf8)
        let profile = scratch.url.appendingPathComponent("profile").path
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
                      "--no-first-run", "--disable-extensions"]

        let dom = try ExternalTool.run(Self.chromium!, common + ["--dump-dom", htmlURL.absoluteString])
        #expect(dom.status == 0)
        #expect(dom.output.components(separatedBy: "<svg").count - 1 == 4)
        #expect(dom.output.components(separatedBy: "<table class=\"data\"").count - 1 == 2)
        #expect(dom.output.contains("id=\"sec-2\""))
        #expect(dom.output.contains("Reproduced"))
        #expect(dom.output.contains("<math display=\"inline\"><mi>L</mi>"))
        #expect(dom.output.contains("<msup><mi>N</mi><mi>α</mi></msup>"))

        let screenshot = folder.appendingPathComponent("browser.png")
        let shot = try ExternalTool.run(Self.chromium!, common + [
            "--hide-scrollbars", "--window-size=1200,2000", "--screenshot=" + screenshot.path, htmlURL.absoluteString,
        ])
        #expect(shot.status == 0)
        let png = try Data(contentsOf: screenshot)
        #expect(png.count > 10_000)
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    /// Runs in the page after load and writes what it found into `<pre id="probe">` for --dump-dom: each
    /// inline figure's `<title>`, whether find-in-page finds the axis label, and what selecting the
    /// label's `<text>` puts on the clipboard.
    private static let probe = """
        <pre id="probe"><script>
        const titles = [...document.querySelectorAll('svg > title')].map(t => t.textContent);
        const label = [...document.querySelectorAll('svg text')].find(t => t.textContent === 'Tokens D');
        const found = window.find('Tokens D');
        const range = document.createRange();
        if (label) range.selectNodeContents(label);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        document.getElementById('probe').textContent = JSON.stringify({titles, found, selected: selection.toString()});
        </script></pre>
        """

    @Test(.enabled(if: chromium != nil, "chromium is not installed (make deps installs it); browser check skipped"))
    func figureTitlesAndLabelsAreTextTheBrowserFindsAndSelects() throws {
        let scratch = try ScratchDirectory()
        func chart(_ title: String) -> Plotting.Figure {
            var panel = Panel(x: Axis("Tokens D", scale: .log10), y: Axis("Loss", unit: "bits/byte"))
            panel.add(Series("run", x: [1e5, 1e6, 1e7], y: [2.4, 1.9, 1.6]))
            return Plotting.Figure(title: title, panel: panel)
        }
        let report = Report(title: "Selectable figures", sections: [
            ReportSection("Figures", cells: [
                .figure(FigureCell(chart("Loss against tokens"), caption: "First.")),
                .figure(FigureCell(chart("<script>&"), caption: "Second.")),
            ]),
        ])
        let html = try HTMLRenderer().render(report).replacingOccurrences(of: "</main>", with: Self.probe + "</main>")
        let htmlURL = scratch.url.appendingPathComponent("selectable.html")
        try html.write(to: htmlURL, atomically: true, encoding: .utf8)
        let dom = try ExternalTool.run(Self.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + scratch.url.appendingPathComponent("profile").path,
            "--no-first-run", "--disable-extensions", "--dump-dom", htmlURL.absoluteString,
        ])
        #expect(dom.status == 0)
        let probe = try #require(dom.output.firstMatch(of: #/<pre id="probe">([^<]*)</#)?.output.1)
        let json = String(probe).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any], "\(json)")
        #expect(result["titles"] as? [String] == ["Loss against tokens", "<script>&"])
        #expect(result["found"] as? Bool == true, "find-in-page did not find the axis label")
        #expect(result["selected"] as? String == "Tokens D")
    }
}
