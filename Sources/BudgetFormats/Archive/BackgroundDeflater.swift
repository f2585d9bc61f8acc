import Dispatch
import Foundation

/// Checksums and deflates one ZIP entry on a serial dispatch queue, so that the caller can
/// encode its next chunk on its own thread meanwhile — the package's 1 000 000-line sheet
/// then costs about the time of its XML encoding, not of encoding plus compression.
///
/// The caller's thread keeps the sink: compressed pieces come back through
/// ``takeReady()`` and ``finish()`` and are written there, in order, so the sink need not
/// be thread-safe and the archive is byte-identical to one compressed in line (the same
/// deflate calls on the same chunks, in the same order, on one zlib stream).
///
/// Memory: at most ``maxChunksInFlight`` input chunks wait on the queue (``submit(_:)``
/// blocks for a free slot), plus the compressed pieces not yet taken.
///
/// Thread-safety, which the compiler cannot see (hence `@unchecked Sendable`): `deflater`
/// and `crc` are touched only by blocks on `queue`, which run one at a time; `ready` and
/// `failure` only under `lock`.
final class BackgroundDeflater: @unchecked Sendable {
    /// Input chunks submitted but not yet compressed, at most.
    static var maxChunksInFlight: Int { 4 }

    private let queue = DispatchQueue(label: "budget.zip.deflate")
    private let slots = DispatchSemaphore(value: BackgroundDeflater.maxChunksInFlight)
    private let deflater: Deflater
    private var crc = CRC32()
    private let lock = NSLock()
    private var ready: [[UInt8]] = []
    private var failure: (any Error)?

    init(level: Int) throws(ZipError) {
        deflater = try Deflater(level: level)
    }

    /// Queues `chunk` for checksumming and compression; waits while the queue is full.
    /// Throws an error the queue met on an earlier chunk.
    func submit(_ chunk: [UInt8]) throws {
        try rethrowFailure()
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            crc.update(chunk)
            do {
                try chunk.withUnsafeBytes { bytes in
                    try deflater.compress(bytes) { piece in
                        let copy = [UInt8](piece)
                        lock.withLock { ready.append(copy) }
                    }
                }
            } catch {
                lock.withLock { failure = failure ?? error }
            }
        }
    }

    /// The compressed pieces finished so far, in order, removed from the queue's output.
    func takeReady() throws -> [[UInt8]] {
        try rethrowFailure()
        return lock.withLock {
            defer { ready.removeAll() }
            return ready
        }
    }

    /// Waits for every chunk, ends the stream, and returns the remaining pieces and the
    /// CRC-32 of all the bytes submitted.
    func finish() throws -> (pieces: [[UInt8]], crc: UInt32) {
        let crc = queue.sync { [self] () -> UInt32 in
            do {
                try deflater.finish { piece in
                    let copy = [UInt8](piece)
                    lock.withLock { ready.append(copy) }
                }
            } catch {
                lock.withLock { failure = failure ?? error }
            }
            return self.crc.value
        }
        return (try takeReady(), crc)
    }

    private func rethrowFailure() throws {
        if let failure = lock.withLock({ failure }) { throw failure }
    }
}
