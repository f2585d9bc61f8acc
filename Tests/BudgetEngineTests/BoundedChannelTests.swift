import Foundation
import Testing

@testable import BudgetEngine

/// ``BoundedChannel`` between the thread that reads recorded bytes and the writer that pulls
/// lines (``CountedLines``).
@Suite("A bounded channel between two threads")
struct BoundedChannelTests {
    /// Counts the tokens alive: what the channel still holds shows as tokens not yet freed.
    final class Census: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var alive: Int { lock.withLock { count } }
        func born() { lock.withLock { count += 1 } }
        func died() { lock.withLock { count -= 1 } }
    }

    final class Token: @unchecked Sendable {
        let number: Int
        let census: Census
        init(_ number: Int, _ census: Census) {
            self.number = number
            self.census = census
            census.born()
        }
        deinit { census.died() }
    }

    @Test("a channel never emptied keeps no more than its capacity of items taken, whatever passes through it")
    func takenItemsAreReleased() {
        let census = Census()
        let capacity = 4
        let channel = BoundedChannel<Token>(capacity: capacity)
        var next = 0
        for _ in 0..<capacity {
            #expect(channel.send(Token(next, census)))
            next += 1
        }
        var most = 0
        var received: [Int] = []
        // The producer stays ahead: the channel is full again after every item taken.
        for _ in 0..<1000 {
            do {
                let token = channel.receive()
                received.append(token?.number ?? -1)
            }
            #expect(channel.send(Token(next, census)))
            next += 1
            most = max(most, census.alive)
        }
        #expect(received == Array(0..<1000), "items come out in the order sent")
        #expect(most <= 2 * capacity, "at most the capacity waiting and less than it taken: \(most) alive")
        channel.finish()
        while channel.receive() != nil {}
        #expect(channel.receive() == nil)
    }

    @Test("a producer waits for room; closing the channel releases it, and sending then fails")
    func closeReleasesTheProducer() {
        let channel = BoundedChannel<Int>(capacity: 2)
        #expect(channel.send(1))
        #expect(channel.send(2))
        let done = DispatchSemaphore(value: 0)
        let outcome = Census()
        Thread {
            // Blocks: the channel is full until it is closed.
            if !channel.send(3) { outcome.born() }
            done.signal()
        }.start()
        channel.close()
        done.wait()
        #expect(outcome.alive == 1, "the blocked send returned false")
        #expect(channel.receive() == nil)
    }
}
