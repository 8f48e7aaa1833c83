// Drawing a figure into a caller's Cairo context, e.g. a vector figure inside a PDF report page.

@preconcurrency import CCairo

extension Figure {
    /// Lays out the figure for a `width` × `height` point rectangle at (`x`, `y`) and draws it into `context`
    /// (a `cairo_t`), clipped to that rectangle. The context's state is restored afterwards; works on any
    /// surface (image, PDF, SVG).
    public func draw(in context: OpaquePointer, x: Double, y: Double, width: Double, height: Double) throws {
        try TextRenderingLock.run {
            try draw(try layout(width: width, height: height, measurer: PangoTextMeasurer()), in: context, x: x, y: y)
        }
    }

    /// Draws the already laid-out `placed` with its top-left corner at (`x`, `y`), clipped to its size.
    func draw(_ placed: FigureLayout, in context: OpaquePointer, x: Double, y: Double) throws {
        cairo_save(context)
        cairo_translate(context, x, y)
        cairo_rectangle(context, 0, 0, placed.size.width, placed.size.height)
        cairo_clip(context)
        FigureRenderer(figure: self, layout: placed, cairo: context).draw()
        cairo_restore(context)
        try checkCairo(cairo_status(context))
    }
}
