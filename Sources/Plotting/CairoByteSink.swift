// Collects the bytes Cairo's stream writers emit (SVG, PDF, PNG) into memory, and turns statuses into errors.

@preconcurrency import CCairo

/// A growable byte buffer that Cairo writes into through a C callback.
final class CairoByteSink {
    private(set) var bytes: [UInt8] = []

    /// The callback for `cairo_*_create_for_stream` and `cairo_surface_write_to_png_stream`;
    /// its closure argument is an unretained `CairoByteSink`.
    static let write: cairo_write_func_t = { closure, data, length in
        guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
        let sink = Unmanaged<CairoByteSink>.fromOpaque(closure).takeUnretainedValue()
        sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
        return CAIRO_STATUS_SUCCESS
    }

    /// The pointer to hand to Cairo as the callback's closure; keep `self` alive while Cairo may write.
    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }
}

/// Throws `PlotError.cairo` with Cairo's own wording when `status` is not success.
func checkCairo(_ status: cairo_status_t) throws {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw PlotError.cairo(status: String(cString: cairo_status_to_string(status)))
    }
}
