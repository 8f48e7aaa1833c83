// Benchmark: a full report with ten figures rendered to HTML and PDF. Runs only when
// TINYSCALE_BENCHMARK=1 (timings on the shared machine are noisy); results go to benchmarks/RESULTS.md.

import Foundation
import Testing
@testable import Reporting

struct RenderBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TINYSCALE_BENCHMARK"] == "1",
                   "set TINYSCALE_BENCHMARK=1 to run the rendering benchmark"))
    func tenFigureReportRendersToHTMLAndPDF() throws {
        let scratch = try ScratchDirectory()
        let report = SampleReport.scalingLaw(figureCount: 10, tableRows: 120)
        let clock = ContinuousClock()
        var html: [Duration] = []
        var pdf: [Duration] = []
        var pages = 0
        for _ in 0..<5 {
            html.append(try clock.measure { _ = try HTMLRenderer().render(report) })
            pdf.append(try clock.measure {
                pages = try PDFRenderer().render(report, to: scratch.url.appendingPathComponent("bench.pdf"))
            })
        }
        let total = zip(html, pdf).map { $0 + $1 }
        print("benchmark ten-figure report (\(pages) PDF pages): HTML \(html) PDF \(pdf); best total \(total.min()!), "
              + "median total \(total.sorted()[2])")
        #expect(total.min()! < .seconds(2))
    }
}
