// Proves the link set-up of DEPS.md §1.3: both the training core's cblas_sgemm and GSL's internal
// cblas_* calls resolve to OpenBLAS, never to GSL's reference libgslcblas.
import CBLAS
@preconcurrency import CGSL
import Foundation
import Testing

/// The shared object that defines `symbol` in the process's global lookup scope, the scope that
/// libgsl's own undefined `cblas_*` references bind through.
private func definingLibrary(of symbol: String) -> String? {
    guard let handle = dlopen(nil, RTLD_NOW), let address = dlsym(handle, symbol) else { return nil }
    var info = cgsl_dl_info()
    guard cgsl_dladdr(address, &info) != 0, let name = info.dli_fname else { return nil }
    return String(cString: name)
}

@Test(arguments: ["cblas_sgemm", "cblas_ddot", "cblas_dnrm2", "cblas_dgemv", "cblas_dtrsv"])
func cblasSymbolResolvesToOpenBLAS(symbol: String) throws {
    let library = try #require(definingLibrary(of: symbol))
    #expect(library.contains("openblas"), "\(symbol) is defined by \(library)")
    #expect(!library.contains("gslcblas"))
}

@Test func gslBlasCallGoesThroughOpenBLAS() {
    var x: [Double] = [1, 2, 3]
    var y: [Double] = [4, 5, 6]
    var result = 0.0
    let status = x.withUnsafeMutableBufferPointer { xs in
        y.withUnsafeMutableBufferPointer { ys in
            var xv = gsl_vector_view_array(xs.baseAddress, 3)
            var yv = gsl_vector_view_array(ys.baseAddress, 3)
            return gsl_blas_ddot(&xv.vector, &yv.vector, &result)
        }
    }
    #expect(status == 0)
    #expect(result == 32)
    #expect(String(cString: openblas_get_config()).contains("OpenBLAS"))
}

@Test func sgemmKnownAnswer() {
    let a: [Float] = [1, 2, 3, 4, 5, 6]        // 2×3
    let b: [Float] = [7, 8, 9, 10, 11, 12]     // 3×2
    var c = [Float](repeating: 0, count: 4)    // 2×2
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 3, 1, a, 3, b, 2, 0, &c, 2)
    #expect(c == [58, 64, 139, 154])
}
