import Dispatch
import Foundation

/// Runs independent jobs on a few threads and gives their results in the jobs' order.
///
/// Why: `check` of many files and the package's writers are independent jobs whose
/// results are printed or listed in a fixed order; the machine has a few cores. Each
/// worker takes the next job not yet taken (so a long file does not hold up a queue of
/// short ones) and writes its result into that job's own slot, so what comes back never
/// depends on which worker ran what, or when: with one worker it is exactly a loop.
///
/// Complexity: the jobs' own cost, spread over `workers` threads; one lock a job.
public enum OrderedWork {
    /// The workers used when the caller does not say: the active processors, at most
    /// ``maxWorkers``, at least one.
    public static var defaultWorkers: Int {
        min(maxWorkers, max(1, ProcessInfo.processInfo.activeProcessorCount))
    }

    /// The most workers a command uses by default: past a few, the disk and memory
    /// bandwidth, not the cores, bound every job here.
    public static let maxWorkers = 8

    /// `job(0)`, …, `job(count - 1)`, run on up to `workers` threads (the calling one
    /// included), returned in that order. Every job runs, whatever the others return.
    public static func map<T: Sendable>(
        count: Int, workers: Int, _ job: @Sendable (Int) -> T
    ) -> [T] {
        guard count > 0 else { return [] }
        let threads = max(1, min(workers, count))
        if threads == 1 { return (0..<count).map(job) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = slots.take() { slots.put(job(index), at: index) }
        }
        return slots.results()
    }

    /// The results being filled in, and the next job to take. Each slot is written once,
    /// by the worker that took its index, before ``results()`` reads them all.
    private final class Slots<T>: @unchecked Sendable {
        // `@unchecked`: `next` is read and written under `lock`; each slot is written by
        // one worker only, and read after `concurrentPerform` has returned.
        private let lock = NSLock()
        private var next = 0
        private let count: Int
        private let storage: UnsafeMutablePointer<T?>

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard next < count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ value: T, at index: Int) { storage[index] = value }

        func results() -> [T] { (0..<count).compactMap { storage[$0] } }
    }
}
