// `parallelFor` on the worker pool: every index exactly once at any thread count, loops nested
// in a body and loops started from several threads at once (which fall back to Dispatch), and
// many short loops in a row (workers joining, stealing and going to sleep between them).
import Dispatch
import Synchronization
import Testing
@testable import TinyGPT

/// Runs `parallelFor(count, threads:)` and returns how often each index was visited.
private func visits(_ count: Int, threads: Int) -> [Int] {
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: count)
    counts.initialize(repeating: 0, count: count)
    defer { counts.deallocate() }
    parallelFor(count, threads: threads) { range in
        for index in range { counts[index] += 1 }
    }
    return Array(UnsafeBufferPointer(start: counts, count: count))
}

@Test(arguments: [2, 3, 4, 7])
func everyIndexRunsExactlyOnce(threads: Int) {
    for count in [1, 2, 5, 8, 9, 31, 1000, 12_345] {
        #expect(visits(count, threads: threads) == [Int](repeating: 1, count: count), "count \(count)")
    }
}

@Test func manyShortLoopsInARowCoverEveryIndex() {
    var failures = 0
    for round in 0..<2000 {
        let count = 1 + round % 37
        if visits(count, threads: 2) != [Int](repeating: 1, count: count) { failures += 1 }
    }
    #expect(failures == 0)
}

@Test func loopsNestedInABodyAndStartedFromSeveralThreadsComplete() {
    let total = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: 4) { _ in
        parallelFor(8, threads: 2) { outer in
            for _ in outer {
                parallelFor(16, threads: 2) { inner in total.add(inner.count, ordering: .relaxed) }
            }
        }
    }
    #expect(total.load(ordering: .relaxed) == 4 * 8 * 16)
}
