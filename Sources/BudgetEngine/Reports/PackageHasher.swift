import BudgetCore
import BudgetFormats
import BudgetStore
import Dispatch
import Foundation

/// The SHA-256 of the package's files, computed on a second thread while the next file is
/// written.
///
/// `package` used to write each file and then read it back to hash it: about 900 MB read
/// and hashed, a third of its time, on the same thread that writes. Now nothing written in
/// order is read back, and the hashing overlaps the writing:
/// - files written front to back (the CSV tables, the HTML documents) are hashed from the
///   bytes on their way to the disk (``HashedFile``, ``hash(_:name:)``);
/// - the workbook, whose ZIP headers are patched after its entries stream, is read back
///   (``hashFile(at:name:)``) — about 50 MB now that its parts are deflated — while the
///   sources are written;
/// - each source, read back once written, is checked against the SHA-256 recorded at
///   intake (``verifyFile(at:sha256:bytes:receipt:)``).
///
/// All of it runs in submission order on one serial queue; ``results()`` waits for the
/// queue and returns each file's digest by its path in the package. The digests do not
/// depend on the thread that computes them, so the manifest is as deterministic as before.
///
/// Memory: chunks waiting to be hashed are bounded (``maxChunksInFlight``); a writer that
/// outruns the hasher waits.
///
/// Thread-safety, which the compiler cannot see (hence `@unchecked Sendable`): `digests`,
/// `readBuffer`, `mismatches` and `failure` are touched only by blocks on `queue`, which run one at a
/// time, and by ``results()`` through `queue.sync`.
final class PackageHasher: @unchecked Sendable {
    /// A file's SHA-256 (lowercase hexadecimal) and size.
    struct Digest: Sendable, Equatable {
        var sha256: String
        var bytes: Int
    }

    /// Chunks submitted but not yet hashed, at most (64 KiB–1 MiB each).
    static var maxChunksInFlight: Int { 32 }

    private let queue = DispatchQueue(label: "budget.package.sha256")
    private let slots = DispatchSemaphore(value: PackageHasher.maxChunksInFlight)
    private var digests: [String: Digest] = [:]
    /// The read buffer for files hashed from disk, reused (a thousand sources).
    private var readBuffer = [UInt8](repeating: 0, count: 1 << 20)
    private var mismatches: [LedgerProblem] = []
    private var failure: (any Error)?

    /// The running hash of one file being written; touched only on the hasher's queue.
    final class Stream: @unchecked Sendable {
        let name: String
        var hasher = SHA256.Hasher()
        var bytes = 0

        init(name: String) { self.name = name }
    }

    /// Starts the hash of a file written front to back, named `name` in the manifest.
    func begin(_ name: String) -> Stream { Stream(name: name) }

    /// Adds the next bytes of `stream`'s file; waits while too many chunks are queued.
    func update(_ stream: Stream, _ chunk: [UInt8]) {
        slots.wait()
        queue.async { [self] in
            defer { slots.signal() }
            chunk.withUnsafeBytes { stream.hasher.update($0) }
            stream.bytes += chunk.count
        }
    }

    /// Records the digest of `stream`'s file, all of whose bytes were given.
    func end(_ stream: Stream) {
        queue.async { [self] in
            digests[stream.name] = Digest(sha256: stream.hasher.finalizeHex(), bytes: stream.bytes)
        }
    }

    /// Hashes a whole file already in memory (a document) as `name`.
    func hash(_ bytes: [UInt8], name: String) {
        let stream = begin(name)
        update(stream, bytes)
        end(stream)
    }

    /// Reads back and hashes the finished file at `path`, as `name`.
    func hashFile(at path: String, name: String) {
        queue.async { [self] in
            do {
                digests[name] = try Self.digest(ofFileAt: path, buffer: &readBuffer)
            } catch {
                failure = failure ?? error
            }
        }
    }

    /// Reads back a written source and checks it against the SHA-256 and size recorded
    /// when it was received: the bytes in the package, not only those in the store, are
    /// the ones the manifest vouches for.
    func verifyFile(at path: String, sha256 expected: String, bytes count: Int, receipt: Int64) {
        queue.async { [self] in
            do {
                let digest = try Self.digest(ofFileAt: path, buffer: &readBuffer)
                if digest.sha256 != expected || digest.bytes != count {
                    mismatches.append(.bytesChanged(receipt: receipt, recorded: expected, actual: digest.sha256))
                }
            } catch {
                failure = failure ?? error
            }
        }
    }

    /// Waits for everything submitted and returns the digests by name.
    ///
    /// Throws the first I/O error met reading a file back, or — if a source's bytes did not
    /// match the SHA-256 recorded at intake — the round's failed checks, naming each such
    /// receipt (`package` re-hashes the sources here rather than in the checks before it).
    func results(roundDirectory: String) throws -> [String: Digest] {
        let (digests, mismatches, failure) = queue.sync { (self.digests, self.mismatches, self.failure) }
        if let failure { throw failure }
        if !mismatches.isEmpty { throw Round.checksFailed(roundDirectory, mismatches) }
        return digests
    }

    /// SHA-256 and size of a file, streamed through `buffer` (any non-zero size).
    static func digest(ofFileAt path: String, buffer: inout [UInt8]) throws -> Digest {
        var source = try LocalFileSystem().open(path)
        defer { source.close() }
        var hasher = SHA256.Hasher()
        var size = 0
        while true {
            let n = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            size += n
        }
        return Digest(sha256: hasher.finalizeHex(), bytes: size)
    }
}

/// A package file written front to back through a ``FileSink`` and hashed on the way, on
/// the ``PackageHasher``'s thread: the file is never read back.
///
/// A class, like the sink it owns: the CSV writer writes to it through `inout`, and the
/// caller finishes it afterwards.
final class HashedFile: ByteOutput {
    private let sink: FileSink
    private let hasher: PackageHasher
    private let stream: PackageHasher.Stream

    /// Creates the file at `path` (which must not exist), named `name` in the manifest.
    init(path: String, name: String, hasher: PackageHasher) throws {
        sink = try FileSink(path: path)
        self.hasher = hasher
        stream = hasher.begin(name)
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try sink.write(bytes)
        hasher.update(stream, [UInt8](bytes))
    }

    /// Finishes the file (``FileSink/finish()``: flushed, synced, closed) and its digest.
    func finish() throws {
        try sink.finish()
        hasher.end(stream)
    }
}
