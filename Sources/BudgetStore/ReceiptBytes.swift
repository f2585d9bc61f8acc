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
/// The files may be given later than the queue is made (``supply(_:)``): the background
/// thread starts with the page checks while the caller consolidates, which says what
/// counts. A file that is not there hashes as empty bytes (its recorded digest is then not
/// met).
final class RehashQueue: @unchecked Sendable {
    // `@unchecked`: every stored property is read and written under `condition`.
    private let condition = NSCondition()
    /// The files, by receipt number, with the SHA-256 recorded for each; `nil` until given.
    private var receipts: [(id: Int64, sha256: String)]?
    private var next = 0
    private var digests: [String?] = []
    private var failure: Error?

    /// A queue of `receipts`, or one whose files come later (`nil`).
    init(_ receipts: [(id: Int64, sha256: String)]?) {
        if let receipts { supply(receipts) }
    }

    /// Gives the files (the first call only; a later one changes nothing).
    func supply(_ files: [(id: Int64, sha256: String)]) {
        condition.lock()
        if receipts == nil {
            receipts = files
            digests = Array(repeating: nil, count: files.count)
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Waits until the files are given; whether there are any.
    func waitForFiles() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while receipts == nil { condition.wait() }
        return next < receipts?.count ?? 0
    }

    /// Re-hashes files on `connection` until none is left to take, or a file cannot be
    /// read — then every taker stops, and ``problems()`` throws that error. Waits for the
    /// files if they have not been given.
    func work(on connection: Connection) {
        var buffer: [UInt8] = []
        while let (index, id) = take() {
            if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 1 << 20) }
            do {
                var hasher = SHA256.Hasher()
                _ = try connection.streamReceiptBytes(id, buffer: &buffer) { hasher.update($0) }
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
        condition.lock()
        defer { condition.unlock() }
        if let failure {
            // Only the store throws here: the hashing itself cannot fail.
            throw failure as? StoreError
                ?? StoreError(
                    kind: .io,
                    message: Localized(
                        vi: "không đọc lại được tệp đã nhận", en: "a received file could not be read back"),
                    detail: "\(failure)")
        }
        return zip(receipts ?? [], digests).compactMap { receipt, digest in
            let actual = digest ?? SHA256.hex([])
            return actual == receipt.sha256
                ? nil : .bytesChanged(receipt: receipt.id, recorded: receipt.sha256, actual: actual)
        }
    }

    private func take() -> (index: Int, id: Int64)? {
        condition.lock()
        defer { condition.unlock() }
        while receipts == nil { condition.wait() }
        guard failure == nil, let receipts, next < receipts.count else { return nil }
        next += 1
        return (next - 1, receipts[next - 1].id)
    }

    private func put(_ digest: String, at index: Int) {
        condition.lock()
        digests[index] = digest
        condition.unlock()
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.unlock()
    }
}
