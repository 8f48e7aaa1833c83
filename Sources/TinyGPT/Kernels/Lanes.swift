// Eight-lane vectors for the kernels' reductions. A float sum written as a scalar loop is one
// long dependency chain the compiler may not reorder; summing in eight fixed lanes (element i in
// lane i mod 8) and then across the lanes vectorises, and the order still depends only on the
// length, so results stay deterministic.

/// Lanes of the reduction vectors.
let laneWidth = 8

/// The eight floats at p[i..<i + 8], unaligned.
@inline(__always)
func lanes(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD8<Float> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD8<Float>.self)
}

/// 0, 8, 16, … below `full` (a multiple of 8), as a plain counted loop: `stride(from:to:by:)`
/// was seen left as an opaque iterator call inside the hot row loops.
@inline(__always)
func laneStarts(_ full: Int) -> LazyMapSequence<Range<Int>, Int> {
    (0..<full / laneWidth).lazy.map { $0 &* laneWidth }
}

/// Σ a[i]·b[i] over i < count, in eight lanes and then across them.
@inline(__always)
func laneDot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
    let full = count - count % laneWidth
    var laneTotal = SIMD8<Float>()
    for i in laneStarts(full) { laneTotal += lanes(a, i) * lanes(b, i) }
    var total = laneTotal.sum()
    for i in full..<count { total += a[i] * b[i] }
    return total
}
