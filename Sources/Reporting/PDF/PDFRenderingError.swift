// Errors of the PDF renderer, each saying what went wrong and what to do about it.

/// A PDF report that could not be produced.
public enum PDFRenderingError: Error, CustomStringConvertible, Equatable {
    /// Cairo reported an error status (e.g. the output file cannot be written).
    case cairo(status: String, path: String)
    /// Pango could not lay out text.
    case pango(String)

    public var description: String {
        switch self {
        case .cairo(let status, let path):
            "Cairo could not write the PDF \(path): \(status); check that the folder exists and is writable "
                + "and that the disk is not full"
        case .pango(let reason):
            "Pango text layout failed: \(reason)"
        }
    }
}
