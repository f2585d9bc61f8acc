import Dispatch
import Foundation

/// Hands items, in batches, to a consumer that runs on a thread of its own.
///
/// Why: the package writes the lines twice, as the workbook's "Chi tiết" sheet and as
/// chi-tiet.csv. One thread doing both kept a core busy while the other waited; the CSV,
/// about a tenth of the package's work, now runs beside the sheet.
///
/// The producer calls ``send(_:)`` for each item and ``finish()`` once; a failure of the
/// consumer (a full disk) stops it, and the producer's next ``send(_:)`` or its
/// ``finish()`` throws that failure. A producer that stops early calls ``cancel()`` (the
/// consumer's thread then ends without consuming the rest): until one of the two, the
/// thread waits for more, and keeps this object alive.
final class BackgroundConsumer<Item: Sendable>: @unchecked Sendable {
    // `@unchecked`: `consume` and `failure` are touched by the consumer's thread only until
    // `done` is signalled, and by the producer only after waiting for it; `batch` is the
    // producer's alone.
    private let channel: BoundedChannel<[Item]>
    private let consume: (Item) throws -> Void
    private let batchSize: Int
    private var batch: [Item] = []
    private var failure: (any Error)?
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    /// Starts the consumer's thread. `batchSize` items go over at a time, at most
    /// `batchesInFlight` batches wait: memory stays bounded however many items pass.
    init(batchSize: Int = 512, batchesInFlight: Int = 8, consume: @escaping (Item) throws -> Void) {
        channel = BoundedChannel(capacity: batchesInFlight)
        self.consume = consume
        self.batchSize = max(1, batchSize)
        batch.reserveCapacity(self.batchSize)
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func run() {
        while let items = channel.receive() {
            do {
                for item in items { try consume(item) }
            } catch {
                failure = error
                channel.close()
                break
            }
        }
        done.signal()
    }

    /// Queues `item`; throws the consumer's failure if it has stopped.
    func send(_ item: Item) throws {
        batch.append(item)
        if batch.count >= batchSize { try flush() }
    }

    private func flush() throws {
        let items = batch
        batch = []
        batch.reserveCapacity(batchSize)
        guard channel.send(items) else {
            // Closed: the consumer failed (or was cancelled); its failure is the answer.
            try finish()
            throw CancellationError()
        }
    }

    /// Sends what is left, waits until everything is consumed, and throws the consumer's
    /// failure if it had one.
    func finish() throws {
        if !waited {
            if !batch.isEmpty { _ = channel.send(batch) }
            batch = []
            channel.finish()
            done.wait()
            waited = true
        }
        if let failure { throw failure }
    }

    /// Stops the consumer without waiting for the rest (nothing more is consumed once it
    /// has seen this); harmless after ``finish()``.
    func cancel() {
        guard !waited else { return }
        channel.close()
        done.wait()
        waited = true
    }
}
