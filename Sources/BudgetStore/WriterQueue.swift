import Foundation

/// Orders the write transactions of one process on one round: first come, first served.
///
/// SQLite makes a writer that finds the lock taken sleep and retry (the busy timeout), with
/// growing sleeps and no queue: under a burst of writers in one process (the portal at the
/// deadline) a late one can take the lock while an early one sleeps, and a few wait
/// seconds while the rest take milliseconds. Writers of the same process therefore queue
/// here, in ticket order, before `BEGIN IMMEDIATE`; only the one at the head contends with
/// other processes (a `submit` on the command line), through SQLite's busy timeout as
/// before.
final class WriterQueue: @unchecked Sendable {
    static let shared = WriterQueue()

    /// A place in the queue of one database.
    struct Turn {
        let path: String
        let ticket: UInt64
    }

    private struct Line {
        var next: UInt64 = 0
        var serving: UInt64 = 0
    }

    private let condition = NSCondition()
    private var lines: [String: Line] = [:]

    /// Waits until every writer of `path` that came before has finished.
    func wait(for path: String) -> Turn {
        condition.lock()
        defer { condition.unlock() }
        var line = lines[path] ?? Line()
        let ticket = line.next
        line.next += 1
        lines[path] = line
        while lines[path]?.serving != ticket { condition.wait() }
        return Turn(path: path, ticket: ticket)
    }

    /// Lets the next writer of the turn's database go.
    func done(_ turn: Turn) {
        condition.lock()
        defer { condition.unlock() }
        guard var line = lines[turn.path] else { return }
        line.serving = turn.ticket + 1
        if line.serving == line.next {
            lines[turn.path] = nil
        } else {
            lines[turn.path] = line
        }
        condition.broadcast()
    }
}
