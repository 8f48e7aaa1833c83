// An owned gsl_vector: allocated from a Swift array, freed in deinit, read back as an array.
@preconcurrency import CGSL

/// A GSL vector whose memory this object owns (`gsl_vector_alloc` / `gsl_vector_free`).
final class GSLVector {
    let pointer: UnsafeMutablePointer<gsl_vector>

    /// A vector holding a copy of `values` (at least one element: GSL rejects empty vectors).
    init(_ values: [Double]) {
        GSLRuntime.prepare()
        pointer = gsl_vector_alloc(max(values.count, 1))
        for (index, value) in values.enumerated() {
            gsl_vector_set(pointer, index, value)
        }
    }

    deinit {
        gsl_vector_free(pointer)
    }

    /// The elements as a Swift array.
    var values: [Double] { GSLVector.read(pointer) }

    /// Copies any GSL vector (any stride) into a Swift array.
    static func read(_ vector: UnsafePointer<gsl_vector>) -> [Double] {
        (0..<vector.pointee.size).map { gsl_vector_get(vector, $0) }
    }
}
