// Runs independent numbered tasks on several threads and collects their results by task number,
// so the outcome never depends on the thread count or the scheduling order.
import Dispatch
import Foundation

/// How many threads LawFit's multi-start searches and bootstraps use.
public enum ThreadCount {
    /// The machine's active processor count.
    public static var available: Int { max(ProcessInfo.processInfo.activeProcessorCount, 1) }
}

/// Result slots written by concurrent tasks. `@unchecked Sendable` is sound because each task
/// writes only the slots of its own task indices (disjoint), and the slots are read only after
/// `DispatchQueue.concurrentPerform` has returned, which orders all writes before the reads.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func store(_ value: Value, at index: Int) { slots[index] = value }
    var values: [Value?] { slots }
}

/// Runs `count` tasks on `threadCount` workers. Worker w runs tasks w, w + T, w + 2T, … with one
/// `workerState` of its own (e.g. an allocated GSL minimiser reused across its tasks).
/// Returns the results in task order.
func parallelMap<State, Value>(count: Int, threadCount: Int, workerState: @escaping @Sendable () throws -> State,
                               task: @escaping @Sendable (inout State, Int) -> Value) throws -> [Value] {
    let workers = max(1, min(threadCount, count))
    let slots = ResultSlots<Value>(count: count)
    let failures = ResultSlots<Error>(count: workers)
    let run: @Sendable (Int) -> Void = { worker in
        do {
            var state = try workerState()
            for index in stride(from: worker, to: count, by: workers) {
                slots.store(task(&state, index), at: index)
            }
        } catch {
            failures.store(error, at: worker)
        }
    }
    if workers == 1 {
        run(0)
    } else {
        DispatchQueue.concurrentPerform(iterations: workers, execute: run)
    }
    if let error = failures.values.compactMap({ $0 }).first { throw error }
    return slots.values.map { $0! }
}
