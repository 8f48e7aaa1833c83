// Writing a figure to PNG, SVG or PDF files.

import Foundation

extension Figure {
    /// Writes `png(width:height:scale:)` to `url`, replacing any existing file.
    public func writePNG(to url: URL, width: Double, height: Double, scale: Double = 2) throws {
        try write(png(width: width, height: height, scale: scale), to: url)
    }

    /// Writes `svg(width:height:)` to `url` as UTF-8, replacing any existing file.
    public func writeSVG(to url: URL, width: Double, height: Double) throws {
        try write(Data(svg(width: width, height: height).utf8), to: url)
    }

    /// Writes `pdf(width:height:)` to `url`, replacing any existing file.
    public func writePDF(to url: URL, width: Double, height: Double) throws {
        try write(pdf(width: width, height: height), to: url)
    }

    private func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw PlotError.fileWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
