import BudgetCore
import CSQLite
import Foundation

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
    private var failure: StoreError?

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
        // One buffer for all the files a thread reads (a fresh one a file, zeroed, was a
        // tenth of re-hashing a thousand small ones).
        var buffer: UnsafeMutableRawBufferPointer?
        defer { buffer?.deallocate() }
        while let (index, id) = take() {
            do {
                var hasher = SHA256.Hasher()
                if let source = try Self.bytes(of: id, on: connection) {
                    let chunk = buffer ?? .allocate(byteCount: 1 << 20, alignment: 16)
                    buffer = chunk
                    while true {
                        let count = try source.read(into: chunk)
                        if count == 0 { break }
                        hasher.update(UnsafeRawBufferPointer(rebasing: chunk[..<count]))
                    }
                }
                put(hasher.finalizeHex(), at: index)
            } catch {
                // A blob's reads fail only as the store's errors.
                fail(
                    error as? StoreError
                        ?? StoreError(
                            kind: .io,
                            message: Localized(
                                vi: "không đọc lại được tệp đã nhận", en: "a received file could not be read back"),
                            detail: "\(error)"))
                return
            }
        }
    }

    /// The bytes of receipt `id`, or `nil` if there is no such receipt.
    private static func bytes(of id: Int64, on connection: Connection) throws(StoreError) -> BlobByteSource? {
        do {
            return try BlobByteSource(connection: connection, receiptID: id, operation: .check)
        } catch {
            // No such row hashes as nothing, as a look-up would say; anything else is an error.
            let exists = try connection.prepare("SELECT 1 FROM receipts WHERE id = ?1", .check)
            try exists.bind(1, id)
            if try !exists.step() { return nil }
            throw error
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

    private func fail(_ error: StoreError) {
        condition.lock()
        if failure == nil { failure = error }
        condition.unlock()
    }
}
