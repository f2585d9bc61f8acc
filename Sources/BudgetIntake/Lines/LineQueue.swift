import BudgetCore

/// Finished lines (``EstimateLine``s, or ``KeyedLine``s for `check`) waiting for the driver
/// to hand them to the consumer.
///
/// Lines are moved in and moved out, never copied: an `Array` here cost a copy, a
/// retain per string and a destroy per line on the hot path. Holds at most a chunk's
/// worth of lines (plus held lines released at once).
final class LineQueue<Line> {
    private var base: UnsafeMutablePointer<Line>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    /// Inlined into the reader's loop (it runs once a line); growing, rare, is not.
    @inline(__always)
    func append(_ line: consuming Line) {
        if count == capacity { grow() }
        (base + count).initialize(to: line)
        count += 1
    }

    @inline(never)
    private func grow() {
        let fresh = UnsafeMutablePointer<Line>.allocate(capacity: capacity * 2)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity *= 2
    }

    /// Moves every queued line, in order, to `body`, and empties the queue.
    func drain(_ body: (consuming Line) throws -> Void) rethrows {
        var index = 0
        defer {
            // If `body` throws, the lines not yet moved are destroyed.
            (base + index).deinitialize(count: count - index)
            count = 0
        }
        while index < count {
            let line = (base + index).move()
            index += 1
            try body(line)
        }
    }
}
