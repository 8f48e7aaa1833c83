// SVG output: the figure drawn on a Cairo SVG surface that streams into memory.

@preconcurrency import CCairo
import Digests
import Foundation

extension Figure {
    /// The figure as a standalone SVG document of `width` × `height` points (`width="…pt"`), UTF-8 text.
    /// Cairo draws text as glyph outlines (Cairo 1.16), so the SVG needs no fonts to display; every label is
    /// also written as an invisible `<text>` over its glyphs, so the text can be searched and selected. The
    /// root `<svg>` has `role="img"` and starts with a `<title>` (``accessibleTitle``). Element ids carry a
    /// per-document prefix, so the SVG can be inlined in HTML next to other figures.
    public func svg(width: Double, height: Double) throws -> String {
        try TextRenderingLock.run {
            guard width.isFinite, height.isFinite, width > 0, height > 0 else {
                throw PlotError.invalidSize(width: width, height: height)
            }
            let measurer = PangoTextMeasurer()
            let placed = try layout(width: width, height: height, measurer: measurer)
            let sink = CairoByteSink()
            try withExtendedLifetime(sink) {
                let surface = cairo_svg_surface_create_for_stream(CairoByteSink.write, sink.opaque, width, height)!
                defer { cairo_surface_destroy(surface) }
                cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
                try render(placed, onto: surface)
            }
            let (document, prefix) = Self.uniqueIdentifiers(in: sink.bytes)
            let labels = placed.allTextBoxes.map { box in
                SVGTextLayer.label(for: box, baseline: measurer.baseline(ofMarkup: box.markup, font: box.font))
            }
            return SVGTextLayer.annotated(String(decoding: document, as: UTF8.self), title: accessibleTitle,
                                          identifier: prefix + "title", textGroup: SVGTextLayer.group(labels))
        }
    }

    /// What the figure shows, in words: its title, or else what each panel plots ("Loss against Step"),
    /// or "Chart" when the axes are unnamed too. The SVG's `<title>`.
    public var accessibleTitle: String {
        if let title, !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return title }
        let descriptions = panels.map { panel -> String in
            let x = panel.x.label, y = panel.y.label
            let plotted = x.isEmpty || y.isEmpty ? x + y : "\(y) against \(x)"
            guard let title = panel.title, !title.isEmpty else { return plotted }
            return plotted.isEmpty ? title : "\(title): \(plotted)"
        }.filter { !$0.isEmpty }
        return descriptions.isEmpty ? "Chart" : descriptions.joined(separator: "; ")
    }

    /// The SVG with every element id and every reference to one renamed to `<prefix>i<n>`, numbered in order
    /// of first appearance, where the prefix (returned too, e.g. "f3a9c…-") is a hash of the renumbered
    /// document. Cairo numbers glyphs and surfaces with process-wide counters; the renaming makes the output
    /// depend only on the figure, and keeps several figures inlined in one HTML page from picking up each
    /// other's glyphs.
    static func uniqueIdentifiers(in svg: [UInt8]) -> (svg: [UInt8], prefix: String) {
        var numbers: [String: Int] = [:]
        let canonical = rewritingIdentifiers(in: svg) { identifier in
            if let number = numbers[identifier] { return "i\(number)" }
            numbers[identifier] = numbers.count
            return "i\(numbers.count - 1)"
        }
        let prefix = "f" + String(FNV1a64.hash(canonical), radix: 16) + "-"
        return (rewritingIdentifiers(in: canonical) { prefix + $0 }, prefix)
    }

    /// `svg` with each identifier after ` id="`, `href="#` and `url(#` replaced by `rename(identifier)`.
    private static func rewritingIdentifiers(in svg: [UInt8], _ rename: (String) -> String) -> [UInt8] {
        let markers: [(opening: [UInt8], terminator: UInt8)] = [
            (Array(" id=\"".utf8), UInt8(ascii: "\"")),
            (Array("href=\"#".utf8), UInt8(ascii: "\"")),
            (Array("url(#".utf8), UInt8(ascii: ")")),
        ]
        let firstBytes = (markers[0].opening[0], markers[1].opening[0], markers[2].opening[0])
        var output: [UInt8] = []
        output.reserveCapacity(svg.count + svg.count / 8)
        svg.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var copiedUpTo = 0
            var index = 0
            while index < count {
                let byte = bytes[index]
                guard byte == firstBytes.0 || byte == firstBytes.1 || byte == firstBytes.2,
                      let marker = markers.first(where: { marker in
                    marker.opening[0] == byte && index + marker.opening.count <= count
                        && marker.opening.withUnsafeBufferPointer {
                            memcmp($0.baseAddress!, bytes.baseAddress! + index, marker.opening.count) == 0
                        }
                }) else {
                    index += 1
                    continue
                }
                let start = index + marker.opening.count
                var end = start
                while end < count && bytes[end] != marker.terminator { end += 1 }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<start]))
                output.append(contentsOf: rename(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]),
                                                        as: UTF8.self)).utf8)
                copiedUpTo = end
                index = end
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<count]))
        }
        return output
    }

    /// Draws the figure laid out for the surface's size on a fresh context over `surface`, then finishes the
    /// surface so every byte is written.
    func render(onto surface: OpaquePointer, width: Double, height: Double) throws {
        try render(try layout(width: width, height: height, measurer: PangoTextMeasurer()), onto: surface)
    }

    /// Draws `placed` on a fresh context over `surface`, then finishes the surface so every byte is written.
    func render(_ placed: FigureLayout, onto surface: OpaquePointer) throws {
        try checkCairo(cairo_surface_status(surface))
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        try draw(placed, in: context, x: 0, y: 0)
        cairo_surface_finish(surface)
        try checkCairo(cairo_surface_status(surface))
    }
}
