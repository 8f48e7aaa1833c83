// The threads behind `parallelFor`: a fork–join pool whose workers spin briefly between loops
// and always start on the same share of a loop. Dispatch's `concurrentPerform` wakes sleeping
// threads for every loop and hands out pieces in any order, so on the small models (a training
// step is ~80 loops of 10–100 µs) wake-ups and rows that moved to the other core's cache cost
// more than the loops' work gains from the second core.
import Dispatch
import Foundation
import Synchronization

/// A fixed set of `threadCount − 1` worker threads plus the calling thread, running one loop at a
/// time. A loop's pieces are split into one contiguous share per thread (the caller takes the
/// first); a thread that finishes its share takes pieces from the others' shares, so a core
/// slowed by another process does not hold the loop up. Which thread runs a piece never changes
/// a result: bodies write only what their pieces own.
final class WorkerPool: @unchecked Sendable {
    // @unchecked Sendable: the mutable loop description (`body`, `count`, `pieceCount`) is written
    // only by the caller while the loop is closed and read by workers only after they joined the
    // open loop through `state` (acquire/release); cursors and flags are atomics.

    let threadCount: Int

    /// epoch << 16 | joined workers. An odd epoch is an open loop that workers may join; the
    /// caller closes it (epoch + 1) once every piece is done and no worker is still inside.
    private let state = Atomic<Int>(0)
    /// Next unclaimed piece of each thread's share, 16 Ints apart (own cache lines).
    private let cursors: UnsafeMutablePointer<Atomic<Int>>
    private let cursorStride = 16
    /// Whether each worker is blocked on its semaphore (or about to be).
    private let sleeping: UnsafeMutablePointer<Atomic<Bool>>
    private let wakeUps: [DispatchSemaphore]
    /// Serialises callers: a second concurrent loop (or one nested in a body) runs elsewhere.
    private let inUse = Atomic<Bool>(false)

    private var body: ((Range<Int>) -> Void)?
    private var count = 0
    private var pieceCount = 0

    /// Spins (state loads) before a waiting worker sleeps: a few hundred microseconds.
    private static let spinsBeforeSleeping = 100_000

    private init(threadCount: Int) {
        self.threadCount = threadCount
        cursors = .allocate(capacity: threadCount * cursorStride)
        for index in 0..<(threadCount * cursorStride) { (cursors + index).initialize(to: Atomic(0)) }
        sleeping = .allocate(capacity: threadCount)
        for index in 0..<threadCount { (sleeping + index).initialize(to: Atomic(false)) }
        wakeUps = (0..<threadCount).map { _ in DispatchSemaphore(value: 0) }
        for worker in 1..<threadCount {
            let thread = Thread { [self] in workerLoop(worker) }
            thread.name = "tinygpt-worker-\(worker)"
            thread.start()
        }
    }

    private static let pools = Mutex<[Int: WorkerPool]>([:])

    /// The process-wide pool for `threadCount` (≥ 2) threads, created on first use; its workers
    /// live as long as the process and sleep when no loop comes.
    static func shared(threadCount: Int) -> WorkerPool {
        pools.withLock { pools in
            if let pool = pools[threadCount] { return pool }
            let pool = WorkerPool(threadCount: threadCount)
            pools[threadCount] = pool
            return pool
        }
    }

    /// Runs `body` over `pieceCount` contiguous pieces of `0..<count` on the pool's threads and
    /// returns when all are done; false (nothing run) when the pool is already running a loop.
    func run(count: Int, pieceCount: Int, _ body: (Range<Int>) -> Void) -> Bool {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { inUse.store(false, ordering: .releasing) }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.count = count
            self.pieceCount = pieceCount
            for thread in 0..<threadCount {
                cursors[thread * cursorStride].store(shareStart(thread), ordering: .relaxed)
            }
            let closedEpoch = state.load(ordering: .relaxed) >> 16
            state.store((closedEpoch + 1) << 16, ordering: .sequentiallyConsistent)
            for worker in 1..<threadCount where sleeping[worker].exchange(false, ordering: .sequentiallyConsistent) {
                wakeUps[worker].signal()
            }
            work(as: 0)
            var spins = 0
            while true {
                let current = state.load(ordering: .acquiring)
                if current & 0xFFFF == 0,
                   state.compareExchange(expected: current, desired: (closedEpoch + 2) << 16,
                                         ordering: .acquiringAndReleasing).exchanged {
                    break
                }
                spins += 1
                if spins % 1024 == 0 { sched_yield() }  // a joined worker may have lost its core
            }
            self.body = nil
        }
        return true
    }

    private func shareStart(_ thread: Int) -> Int { pieceCount * thread / threadCount }

    /// Runs pieces of the open loop: first this thread's share, then what is left of the others'.
    private func work(as thread: Int) {
        guard let body else { return }
        for offset in 0..<threadCount {
            let owner = (thread + offset) % threadCount
            let end = shareStart(owner + 1)
            while true {
                let piece = cursors[owner * cursorStride].wrappingAdd(1, ordering: .relaxed).oldValue
                guard piece < end else { break }
                body(count * piece / pieceCount..<count * (piece + 1) / pieceCount)
            }
        }
    }

    private func workerLoop(_ worker: Int) {
        var servedEpoch = 0
        var spins = 0
        while true {
            let current = state.load(ordering: .acquiring)
            let epoch = current >> 16
            if epoch & 1 == 1, epoch != servedEpoch {
                if state.compareExchange(expected: current, desired: current + 1, ordering: .acquiring).exchanged {
                    servedEpoch = epoch
                    work(as: worker)
                    state.subtract(1, ordering: .releasing)
                    spins = 0
                }
                continue
            }
            spins += 1
            guard spins >= Self.spinsBeforeSleeping else { continue }
            spins = 0
            sleeping[worker].store(true, ordering: .sequentiallyConsistent)
            let latest = state.load(ordering: .sequentiallyConsistent) >> 16
            if latest & 1 == 0 || latest == servedEpoch {
                wakeUps[worker].wait()
            }
            sleeping[worker].store(false, ordering: .relaxed)
        }
    }
}
