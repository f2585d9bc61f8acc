import BudgetCore
import CSQLite

/// One open SQLite connection: the only type in the tool that calls SQLite.
///
/// A thin, internal layer over the C API. It turns every result code into a
/// ``StoreError`` that names the database's path and the operation under way, and it owns
/// the handle (closed in `deinit`). Not `Sendable`: a connection belongs to one thread;
/// concurrent writers each open their own, and SQLite's locks order them.
final class Connection {
    /// Process-wide settings, made once before the first connection (SQLite accepts them
    /// only before it initialises): no memory statistics, whose global mutex every
    /// allocation took.
    private static let configured: Bool = budget_sqlite3_disable_memory_statistics() == SQLITE_OK

    /// The open handle.
    let handle: OpaquePointer
    /// The database file, for messages.
    let path: String
    /// How long SQLite waits for another connection's lock before answering "busy".
    private(set) var busyTimeoutMilliseconds: Int32 = 0

    /// Opens `path` with `flags`; never creates directories.
    init(path: String, flags: Int32, operation: StoreOperation) throws(StoreError) {
        _ = Connection.configured
        var handle: OpaquePointer?
        // A connection is used by one thread at a time (a store is not Sendable): SQLite's
        // own per-call mutex would only cost time (several per cent of a bulk submit).
        let rc = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let opened = handle else {
            // On failure SQLite may still hand back a handle holding the message.
            let error = Connection.mapError(rc, handle: handle, path: path, operation: operation)
            sqlite3_close_v2(handle)
            throw error
        }
        self.handle = opened
        self.path = path
        sqlite3_extended_result_codes(opened, 1)
    }

    /// Whether ``close(_:)`` has closed the handle.
    private var isClosed = false

    deinit {
        // Statements keep their connection alive, so none is left when this runs.
        if !isClosed { sqlite3_close_v2(handle) }
    }

    /// Closes the connection now and reports a failure (a checkpoint that could not be
    /// written), which `deinit` would have to ignore. The connection must not be used after.
    func close(_ operation: StoreOperation) throws(StoreError) {
        let rc = sqlite3_close(handle)
        if rc != SQLITE_OK { throw error(rc, operation) }
        isClosed = true
    }

    /// Sets how long to wait for another connection's lock (SQLite sleeps and retries).
    func setBusyTimeout(milliseconds: Int32) throws(StoreError) {
        try check(sqlite3_busy_timeout(handle, milliseconds), .open)
        busyTimeoutMilliseconds = milliseconds
    }

    /// The error for result code `rc`, with this connection's message and `errno`.
    func error(_ rc: Int32, _ operation: StoreOperation) -> StoreError {
        Connection.mapError(
            rc, handle: handle, path: path, operation: operation,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// Throws unless `rc` is `SQLITE_OK`.
    func check(_ rc: Int32, _ operation: StoreOperation) throws(StoreError) {
        if rc != SQLITE_OK { throw error(rc, operation) }
    }

    /// Runs SQL that returns no rows (several statements allowed).
    func execute(_ sql: String, _ operation: StoreOperation) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        sqlite3_free(message)
        try check(rc, operation)
    }

    /// Prepares one statement.
    func prepare(_ sql: String, _ operation: StoreOperation) throws(StoreError) -> Statement {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, 0, &statement, nil)
        guard rc == SQLITE_OK, let prepared = statement else {
            sqlite3_finalize(statement)
            throw error(rc == SQLITE_OK ? SQLITE_MISUSE : rc, operation)
        }
        return Statement(prepared, connection: self, operation: operation)
    }

    /// The single integer a query such as `PRAGMA user_version` returns.
    func integer(_ sql: String, _ operation: StoreOperation) throws(StoreError) -> Int64 {
        let statement = try prepare(sql, operation)
        guard try statement.step() else { return 0 }
        return statement.int64(0)
    }

    /// Every first-column text a query returns, such as `PRAGMA integrity_check`.
    func texts(_ sql: String, _ operation: StoreOperation) throws(StoreError) -> [String] {
        let statement = try prepare(sql, operation)
        var out: [String] = []
        while try statement.step() { out.append(statement.text(0)) }
        return out
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Whether a transaction is open on this connection.
    var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in a transaction begun with `begin` and commits it; rolls back on any
    /// error, so a failure leaves the database as it was.
    ///
    /// `BEGIN IMMEDIATE` takes the write lock at once (waiting up to the busy timeout for
    /// other writers), so a writer never fails half-way with a lock upgrade it cannot get.
    func transaction<T>(
        _ begin: String, _ operation: StoreOperation, _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        try execute(begin, operation)
        do {
            let value = try body()
            try execute("COMMIT", operation)
            return value
        } catch {
            // After some errors (a full disk, an I/O error) SQLite has already rolled back;
            // a second rollback then reports "no transaction", which is not news.
            if inTransaction { _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    /// Maps a SQLite result code to the store's error kinds (see ``StoreError/Kind``).
    static func mapError(
        _ rc: Int32, handle: OpaquePointer?, path: String, operation: StoreOperation,
        busyTimeoutMilliseconds: Int32 = 0
    ) -> StoreError {
        let primary = rc & 0xff
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        let systemErrno = handle.map { sqlite3_system_errno($0) } ?? 0
        var detail = "SQLite \(rc): \(message)"
        if systemErrno != 0 { detail += "; errno \(systemErrno) (\(SystemError.describe(systemErrno)))" }
        let fromErrno = SystemError.classify(systemErrno)
        switch primary {
        case SQLITE_NOTADB, SQLITE_CORRUPT:
            return StoreError(kind: .corrupt, message: StoreError.corruptMessage(path, operation), detail: detail)
        case SQLITE_FULL:
            return .diskFull(path, operation, detail: detail)
        case SQLITE_PERM, SQLITE_READONLY, SQLITE_AUTH:
            return .permissionDenied(path, operation, detail: detail)
        case SQLITE_CANTOPEN, SQLITE_IOERR:
            // SQLite retries a failed open in other modes, so its errno may describe the
            // retry (ENOENT) rather than the refusal (EACCES): ask the file system directly.
            if primary == SQLITE_CANTOPEN, let denied = FileSystem.accessProblem(databasePath: path) {
                return .permissionDenied(path, operation, detail: detail + "; " + denied)
            }
            switch fromErrno {
            case .permissionDenied: return .permissionDenied(path, operation, detail: detail)
            case .diskFull: return .diskFull(path, operation, detail: detail)
            default: return .ioError(path, operation, detail: detail)
            }
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .busy(path, operation, detail: detail, timeoutMilliseconds: busyTimeoutMilliseconds)
        case SQLITE_CONSTRAINT:
            return .constraintViolation(path, operation, detail: detail)
        default:
            return .ioError(path, operation, detail: detail)
        }
    }
}

/// One prepared statement. Finalized in `deinit`; it keeps its connection alive.
final class Statement {
    let handle: OpaquePointer
    let connection: Connection
    let operation: StoreOperation

    init(_ handle: OpaquePointer, connection: Connection, operation: StoreOperation) {
        self.handle = handle
        self.connection = connection
        self.operation = operation
    }

    deinit { sqlite3_finalize(handle) }

    /// Advances: `true` with a row to read, `false` when done.
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(rc, operation)
        }
    }

    /// Runs a statement that returns no rows, then resets it for the next use.
    func run() throws(StoreError) {
        defer { reset() }
        while try step() {}
    }

    /// Makes the statement ready to run again; bindings stay.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Forgets every binding (they become NULL).
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: Binding (indexes are 1-based, as in SQLite)

    func bind(_ index: Int32, _ value: Int64?) throws(StoreError) {
        let rc = value.map { sqlite3_bind_int64(handle, index, $0) } ?? sqlite3_bind_null(handle, index)
        try connection.check(rc, operation)
    }

    func bind(_ index: Int32, _ value: Int?) throws(StoreError) {
        try bind(index, value.map { Int64($0) })
    }

    /// Binds text by its exact UTF-8 bytes (a NUL inside survives), copied by SQLite.
    func bind(_ index: Int32, _ value: String?) throws(StoreError) {
        guard var text = value else {
            try connection.check(sqlite3_bind_null(handle, index), operation)
            return
        }
        let rc = text.withUTF8 { utf8 -> Int32 in
            guard let base = utf8.baseAddress, utf8.count > 0 else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                sqlite3_bind_text64(handle, index, chars, UInt64(utf8.count), sqliteTransient, UInt8(SQLITE_UTF8))
            }
        }
        try connection.check(rc, operation)
    }

    /// Binds a blob by copying it.
    func bind(_ index: Int32, blob: [UInt8]) throws(StoreError) {
        let rc = blob.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_zeroblob(handle, index, 0)
            }
            return sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), sqliteTransient)
        }
        try connection.check(rc, operation)
    }

    /// Binds a blob without copying: the memory must stay valid until the statement is
    /// reset or the binding cleared. Used for a file's bytes, which may be 64 MiB.
    func bind(_ index: Int32, borrowing bytes: UnsafeRawBufferPointer) throws(StoreError) {
        let rc: Int32
        if let base = bytes.baseAddress, bytes.count > 0 {
            rc = sqlite3_bind_blob64(handle, index, base, UInt64(bytes.count), nil)
        } else {
            rc = sqlite3_bind_zeroblob(handle, index, 0)
        }
        try connection.check(rc, operation)
    }

    // MARK: Reading columns (indexes are 0-based, as in SQLite)

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func int(_ column: Int32) -> Int {
        Int(truncatingIfNeeded: int64(column))
    }

    func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : int(column)
    }

    /// The column's text, "" for NULL.
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? {
        isNull(column) ? nil : text(column)
    }

    /// The column's bytes ([] for NULL and for an empty blob).
    func blob(_ column: Int32) -> [UInt8] {
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, column))
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// SQLite's `SQLITE_TRANSIENT`: "copy the value now". A C macro Swift cannot import.
var sqliteTransient: sqlite3_destructor_type {
    unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
}
