import Foundation

/// A queue between one producing thread and one consuming thread that holds at most
/// `capacity` items: the producer waits when it is full, the consumer when it is empty.
///
/// Why: a reader that pushes (the intake reader hands each line to a callback) feeds a
/// writer that pulls (a sheet asks for its next row). On its own thread, the reader runs
/// on the other core while the writer writes, and the bound keeps memory constant however
/// many lines pass.
final class BoundedChannel<Item: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private let capacity: Int
    private var finished = false
    private var closed = false

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Adds `item`, waiting for room; false (the item dropped) once the consumer has closed
    /// the channel: the producer should stop.
    func send(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !closed && items.count - head >= capacity { condition.wait() }
        if closed { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// Tells the consumer that nothing more will come.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, waiting for one; nil when the producer has finished and all is taken.
    func receive() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !finished && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        head += 1
        // Taken items leave the array once as many as the capacity are behind the head:
        // a producer that keeps the channel full would otherwise keep every item it ever
        // sent alive (a million lines, for the package).
        if head >= capacity || head == items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// The consumer wants nothing more: a waiting or later ``send(_:)`` returns false.
    func close() {
        condition.lock()
        closed = true
        items = []
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
