// One-time process set-up for GSL: its default error handler calls abort(), so LawFit turns it off
// before any GSL call and reads every status code instead.
@preconcurrency import CGSL

/// Process-wide GSL configuration shared by every LawFit solver.
enum GSLRuntime {
    /// Swift initialises a global `static let` exactly once, under a lock, on first access: the
    /// handler is switched off once however many threads start solvers at the same time.
    private static let errorHandlerDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Turns GSL's abort-on-error handler off (idempotent, thread-safe). Every wrapper calls this
    /// before its first GSL call.
    static func prepare() {
        _ = errorHandlerDisabled
    }

    /// GSL's human-readable text for a status code (`gsl_strerror`).
    static func reason(for status: Int32) -> String {
        String(cString: gsl_strerror(status))
    }
}
