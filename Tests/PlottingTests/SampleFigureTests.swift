// Renders the sample study figures to PNG, SVG and PDF in a temporary folder for visual inspection.

import Foundation
import Testing
@testable import Plotting

@Test func sampleFiguresRenderToFiles() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-plotting-samples")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, figure) in SampleFigures.all {
        try figure.writePNG(to: folder.appendingPathComponent("\(name).png"), width: 460, height: 320)
        try figure.writeSVG(to: folder.appendingPathComponent("\(name).svg"), width: 460, height: 320)
        try figure.writePDF(to: folder.appendingPathComponent("\(name).pdf"), width: 460, height: 320)
        let png = try Data(contentsOf: folder.appendingPathComponent("\(name).png"))
        #expect(png.count > 1000)
    }
}
