// The one parallel loop used by the kernels: contiguous, disjoint index ranges on the worker
// pool's threads, so that results never depend on scheduling.
import Dispatch

/// Calls `body` once for each of a set of contiguous, disjoint ranges that cover `0..<count`.
///
/// With `threads` ≤ 1 one range covering everything runs on the caller's thread. Otherwise about
/// four ranges per thread run on the `WorkerPool` for that thread count (or on Dispatch's threads
/// when that pool is busy with another loop). Deterministic as long as `body` writes only outputs
/// owned by the indices of its range and reduces in index order.
func parallelFor(_ count: Int, threads: Int, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let pieces = threads <= 1 ? 1 : min(count, threads * 4)
    if pieces == 1 {
        body(0..<count)
        return
    }
    if WorkerPool.shared(threadCount: threads).run(count: count, pieceCount: pieces, body) { return }
    withoutActuallyEscaping(body) { escapableBody in
        let work = UncheckedSendableRangeBody(body: escapableBody)
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            work.body(count * piece / pieces..<count * (piece + 1) / pieces)
        }
    }
}

/// Carries a kernel's loop body into `concurrentPerform`, whose closure must be `@Sendable`.
/// `@unchecked Sendable` is sound here because `parallelFor`'s contract gives each call disjoint
/// outputs (the captured pointers are never written by two calls at once) and `concurrentPerform`
/// returns only after every call has finished, so the body never outlives its captures.
private struct UncheckedSendableRangeBody: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
