import Foundation
import Testing

@testable import BudgetEngine

/// ``BackgroundConsumer``, which writes the package's chi-tiet.csv beside its workbook.
@Suite("A consumer on a thread of its own")
struct BackgroundConsumerTests {
    struct DiskFull: Error, Equatable {}

    /// What the consumer saw; touched by its thread, read after `finish`.
    final class Seen: @unchecked Sendable {
        var items: [Int] = []
    }

    @Test("every item is consumed, in order, whatever the batch size", arguments: [1, 3, 512])
    func inOrder(batchSize: Int) throws {
        let seen = Seen()
        let consumer = BackgroundConsumer<Int>(batchSize: batchSize, batchesInFlight: 2) { seen.items.append($0) }
        for number in 0..<10_000 { try consumer.send(number) }
        try consumer.finish()
        #expect(seen.items == Array(0..<10_000))
        // Finishing again changes nothing.
        try consumer.finish()
        consumer.cancel()
        #expect(seen.items.count == 10_000)
    }

    @Test("a failure of the consumer reaches the producer, at a later send or at finish")
    func failure() {
        let seen = Seen()
        let consumer = BackgroundConsumer<Int>(batchSize: 4, batchesInFlight: 1) { number in
            if number == 10 { throw DiskFull() }
            seen.items.append(number)
        }
        var thrown: (any Error)?
        do {
            for number in 0..<100_000 { try consumer.send(number) }
            try consumer.finish()
        } catch {
            thrown = error
        }
        #expect(thrown as? DiskFull == DiskFull())
        #expect(seen.items == Array(0..<10), "nothing is consumed after the failure")
        #expect(throws: DiskFull.self) { try consumer.finish() }
    }

    @Test("a producer that stops early cancels: the thread ends, and nothing sent afterwards is consumed")
    func cancel() throws {
        let seen = Seen()
        let consumer = BackgroundConsumer<Int>(batchSize: 1, batchesInFlight: 8) { seen.items.append($0) }
        for number in 0..<3 { try consumer.send(number) }
        consumer.cancel()
        // cancel returned: the consumer's thread has ended, having taken a prefix at most.
        let taken = seen.items
        #expect(taken == Array(0..<taken.count))
        #expect(throws: CancellationError.self) { try consumer.send(99) }
        #expect(seen.items == taken)
        consumer.cancel()
    }
}
