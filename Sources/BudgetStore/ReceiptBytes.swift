import BudgetCore
import CSQLite
import Foundation

extension Connection {
    /// Hands the bytes of receipt `receiptID` to `body` in chunks of at most
    /// `buffer.count` bytes (one at least), in order, read incrementally
    /// (`sqlite3_blob_read`) into `buffer`, which a caller reading many files reuses: a
    /// buffer made (and zeroed) for each of a thousand small files was a tenth of
    /// re-hashing them. An empty file calls `body` not at all.
    ///
    /// A function of the connection, not of ``RoundStore``, so that a second connection on
    /// another thread reads files too (``RehashQueue``).
    ///
    /// - Returns: `false` if there is no such receipt.
    func streamReceiptBytes(
        _ receiptID: Int64, buffer: inout [UInt8], _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> Bool {
        if buffer.isEmpty { buffer = [0] }
        var blob: OpaquePointer?
        let rc = sqlite3_blob_open(handle, "main", "receipts", "bytes", receiptID, 0, &blob)
        guard rc == SQLITE_OK, let opened = blob else {
            sqlite3_blob_close(blob)
            let error = self.error(rc, .read)
            // No such row says so, as a look-up would; anything else is an error.
            let exists = try prepare("SELECT 1 FROM receipts WHERE id = ?1", .read)
            try exists.bind(1, receiptID)
            if try !exists.step() { return false }
            throw error
        }
        defer { sqlite3_blob_close(opened) }
        let total = Int(sqlite3_blob_bytes(opened))
        var offset = 0
        while offset < total {
            let count = min(buffer.count, total - offset)
            let read = buffer.withUnsafeMutableBytes { target in
                sqlite3_blob_read(opened, target.baseAddress, Int32(count), Int32(offset))
            }
            if read != SQLITE_OK { throw self.error(read, .read) }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            offset += count
        }
        return true
    }
}

/// The counted files to re-hash before a document is made, shared by two threads — the
/// caller's, on its connection, and the ``BackgroundCheck``'s, on its own — each taking the
/// next file not yet taken, so that both finish together whatever the files' sizes.
///
/// Why: re-hashing every counted file is the contract's tamper check before every `export`;
/// on a round of a thousand agencies it reads and hashes about 100 MB, on one core most of
/// `export --what agencies`. The page checks on the second core took a third of that time
/// and left it idle for the rest.
///
/// A file that is not there hashes as empty bytes (its recorded digest is then not met).
final class RehashQueue: @unchecked Sendable {
    // `@unchecked`: `next`, `digests` and `failure` are read and written under `lock`.
    /// The files, by receipt number, with the SHA-256 recorded for each.
    let receipts: [(id: Int64, sha256: String)]
    private let lock = NSLock()
    private var next = 0
    private var digests: [String?]
    private var failure: Error?

    init(_ receipts: [(id: Int64, sha256: String)]) {
        self.receipts = receipts
        digests = Array(repeating: nil, count: receipts.count)
    }

    /// Re-hashes files on `connection` until none is left to take, or a file cannot be
    /// read — then every taker stops, and ``problems()`` throws that error.
    func work(on connection: Connection) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while let index = take() {
            do {
                var hasher = SHA256.Hasher()
                _ = try connection.streamReceiptBytes(receipts[index].id, buffer: &buffer) { hasher.update($0) }
                put(hasher.finalizeHex(), at: index)
            } catch {
                fail(error)
                return
            }
        }
    }

    /// The files whose bytes no longer have their recorded SHA-256, in the order given;
    /// asked once every taker has returned.
    func problems() throws(StoreError) -> [LedgerProblem] {
        lock.lock()
        defer { lock.unlock() }
        if let failure {
            // Only the store throws here: the hashing itself cannot fail.
            throw failure as? StoreError
                ?? StoreError(
                    kind: .io,
                    message: Localized(
                        vi: "không đọc lại được tệp đã nhận", en: "a received file could not be read back"),
                    detail: "\(failure)")
        }
        return zip(receipts, digests).compactMap { receipt, digest in
            let actual = digest ?? SHA256.hex([])
            return actual == receipt.sha256
                ? nil : .bytesChanged(receipt: receipt.id, recorded: receipt.sha256, actual: actual)
        }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < receipts.count else { return nil }
        next += 1
        return next - 1
    }

    private func put(_ digest: String, at index: Int) {
        lock.lock()
        digests[index] = digest
        lock.unlock()
    }

    private func fail(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
}
