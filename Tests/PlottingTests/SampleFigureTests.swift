// Renders the sample study figures to PNG, SVG and PDF files (kept in a temporary folder for visual
// inspection) and checks each file is the requested page: PNG pixels, SVG and PDF points, and the
// figure's title as text in the PDF.

import Foundation
import Testing
@testable import Plotting

/// Width and height of every sample file, in points; PNG files are drawn at 2 pixels per point.
private let width = 460.0, height = 320.0

@Test func sampleFiguresRenderToFilesOfTheRequestedSize() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tinyscale-plotting-samples")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, figure) in SampleFigures.all {
        let pngFile = folder.appendingPathComponent("\(name).png")
        let svgFile = folder.appendingPathComponent("\(name).svg")
        let pdfFile = folder.appendingPathComponent("\(name).pdf")
        try figure.writePNG(to: pngFile, width: width, height: height)
        try figure.writeSVG(to: svgFile, width: width, height: height)
        try figure.writePDF(to: pdfFile, width: width, height: height)

        // PNG: the signature, then the IHDR chunk whose first two big-endian words are 920 × 640.
        let png = [UInt8](try Data(contentsOf: pngFile))
        #expect(png.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(name).png signature")
        #expect(png[12..<16] == [0x49, 0x48, 0x44, 0x52], "\(name).png IHDR")
        #expect(png[16..<24] == [0, 0, 0x03, 0x98, 0, 0, 0x02, 0x80], "\(name).png is 920 × 640 pixels")

        let svg = try String(contentsOf: svgFile, encoding: .utf8)
        #expect(svg.contains("width=\"460pt\"") && svg.contains("height=\"320pt\""), "\(name).svg size")

        let pdf = try Data(contentsOf: pdfFile)
        #expect(pdf.prefix(5) == Data("%PDF-".utf8), "\(name).pdf header")
        if Poppler.isInstalled {
            #expect(try Poppler.info(pdf).contains("460 x 320 pts"), "\(name).pdf page size")
            let words = (figure.title ?? "").split(separator: " ").map(String.init)
            let text = try Poppler.text(pdf)
            #expect(words.allSatisfy { text.contains($0) }, "\(name).pdf shows its title")
        }
    }
}
