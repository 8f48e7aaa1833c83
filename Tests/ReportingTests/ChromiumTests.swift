// The HTML report in a real browser: headless Chromium parses it, every figure (<svg>), table and
// formula (MathML) survives into the DOM, and a screenshot is produced. Skipped with a message if
// Chromium is absent.

import Foundation
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
}
