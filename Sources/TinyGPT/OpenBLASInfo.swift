// Which OpenBLAS kernel set runs the matrix products, for benchmarks and report provenance.
// OpenBLAS picks it when it loads, from the CPU or from the OPENBLAS_CORETYPE environment
// variable; on the project machine the environment sets Haswell (AVX2) although OpenBLAS would
// pick its AVX-512 Cooperlake kernels (benchmarks/RESULTS.md), so the figure belongs next to
// every speed measurement.
import CBLAS
import Foundation

/// Facts about the OpenBLAS library in use.
public enum OpenBLASInfo {
    /// OpenBLAS's name of the kernel set in use, e.g. "Haswell" or "Cooperlake".
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The kernel set with how it was chosen, e.g. "Haswell (set by OPENBLAS_CORETYPE)" or
    /// "Cooperlake (chosen for this CPU)".
    public static var coreDescription: String {
        let chosenBy = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil
            ? "set by OPENBLAS_CORETYPE" : "chosen for this CPU"
        return "\(coreName) (\(chosenBy))"
    }
}
