import BudgetCore
import CSQLite
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A round's store: the SQLite database `round.sqlite` in the round's directory, open.
///
/// The ledger of a round. Every received file is recorded with its original bytes, its
/// SHA-256, agency, times, decision and findings, and — when it counts — its estimate
/// lines and per-item totals. Nothing is ever updated or deleted: the schema's triggers
/// refuse it (see ``Schema``).
///
/// **Durability and concurrency.** The database runs in write-ahead-log mode
/// (`journal_mode=WAL`) with `synchronous=FULL`: a commit is on disk before `record`
/// returns, a crash at any point leaves the round as it was before or after a record, and
/// readers (`status`, a long `package`) never block a `submit` nor are blocked by one. WAL
/// was chosen over the rollback journal for that last property: with a rollback journal a
/// `package` streaming a million lines would hold off every `submit` for as long as it
/// reads. The price is two companion files while the round is open (`round.sqlite-wal`,
/// `round.sqlite-shm`, folded back and removed when the last connection closes) and that
/// the round must live on a local disk, not a network share (SQLite's WAL needs shared
/// memory). Copy or back up the round's whole directory, never `round.sqlite` alone.
/// Every write transaction begins with `BEGIN IMMEDIATE` under a 60-second busy timeout, so
/// several `submit` processes at once queue for the write lock rather than fail.
///
/// A class because it has identity: it owns an open connection, closed when the last
/// reference goes. Not `Sendable`: use one store per thread; every thread or process that
/// writes opens its own.
public final class RoundStore {
    /// The database's file name inside the round's directory.
    public static let databaseFileName = "round.sqlite"

    /// How long a writer waits for another to finish before giving up with `.busy`.
    static let busyTimeoutMilliseconds: Int32 = 60_000

    /// The round's directory, as given.
    public let directory: String
    /// The database file's path.
    public let databasePath: String
    /// What the round recorded about itself at creation (it never changes).
    public let meta: RoundMeta

    /// The open connection; internal so that tests can reach it with `@testable import`.
    let connection: Connection

    private init(directory: String, databasePath: String, connection: Connection, meta: RoundMeta) {
        self.directory = directory
        self.databasePath = databasePath
        self.connection = connection
        self.meta = meta
    }

    /// The path of the database in `directory`.
    public static func databasePath(in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(databaseFileName).path
    }

    // MARK: Creating and opening

    /// Creates a round in `directory` (made if absent, with its parents) and opens it.
    ///
    /// The database is built under a temporary name in the same directory
    /// (`.round.sqlite.creating-PID-RANDOM`, removed afterwards; a crash may leave one, which
    /// nothing reads) and moved into place only when complete, with a hard link that fails
    /// if `round.sqlite` appeared meanwhile: a crash or a failure leaves either no round or
    /// a whole one, never a half-made file that would block the next `budget init`.
    ///
    /// - Parameters:
    ///   - directory: the round's directory; it must not already hold a round.
    ///   - planBytes: the plan file's bytes, kept as given.
    ///   - createdAt: when the round was opened (the real or simulated clock).
    ///   - clockKind: whether `createdAt` is simulated.
    ///   - toolVersion: the tool's version, for the record.
    ///   - period: the period the round covers ("2020-02"), for a plan whose deadline recurs.
    /// - Throws: `.alreadyExists` if `directory` holds a round (or is a file);
    ///   `.permissionDenied`, `.diskFull`, `.io` from the file system.
    public static func create(
        directory: String, planBytes: [UInt8], createdAt: Date, clockKind: ClockKind,
        toolVersion: String, period: String? = nil
    ) throws(StoreError) -> RoundStore {
        let operation = StoreOperation.create
        let finalPath = databasePath(in: directory)
        guard let createdText = InstantText.format(createdAt) else {
            throw StoreError.invalidInput(operation, "createdAt \(createdAt) is outside years 1–9999")
        }
        try FileSystem.makeDirectories(directory, operation)
        if access(directory, W_OK | X_OK) != 0 {
            throw StoreError.fileSystem(directory, operation, errno: SystemError.current, call: "access")
        }
        for companion in ["", "-wal", "-shm", "-journal"] where FileSystem.exists(finalPath + companion) {
            throw StoreError.alreadyExists(directory: directory, file: databaseFileName + companion)
        }

        let temporary = URL(fileURLWithPath: directory)
            .appendingPathComponent(".\(databaseFileName).creating-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            .path
        defer {
            for companion in ["", "-wal", "-shm", "-journal"] { FileSystem.remove(temporary + companion) }
        }
        do {
            let connection = try Connection(
                path: temporary, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, operation: operation)
            try configure(connection, operation)
            try connection.transaction("BEGIN IMMEDIATE", operation) { () throws(StoreError) in
                for statement in Schema.creation { try connection.execute(statement, operation) }
                let insert = try connection.prepare(
                    """
                    INSERT INTO meta (id, schema_version, created_at, clock_kind, tool_version, plan_sha256, plan,
                        period)
                    VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)
                    """, operation)
                try insert.bind(1, Int64(Schema.version))
                try insert.bind(2, createdText)
                try insert.bind(3, clockKind.rawValue)
                try insert.bind(4, toolVersion)
                try insert.bind(5, SHA256.hex(planBytes))
                try insert.bind(6, blob: planBytes)
                try insert.bind(7, period)
                try insert.run()
                try connection.execute("PRAGMA application_id = \(Schema.applicationID)", operation)
                try connection.execute("PRAGMA user_version = \(Schema.version)", operation)
            }
            // Fold the log into the file now and check that it all went in: only the file is
            // given the round's name below, so it alone must be the whole round. Closing would
            // fold it too, but SQLite ignores a failure there (a full disk, an I/O error) and
            // keeps the log, and the file given the name would be incomplete.
            try checkpointCompletely(connection, operation)
            try connection.close(operation)
        }
        let placed = FileSystem.identity(temporary)
        try FileSystem.placeWithoutReplacing(temporary, at: finalPath, directory: directory, operation)
        do {
            return try open(directory: directory)
        } catch {
            // The round is whole but cannot be opened now (an I/O error): take its name away
            // again, if it is still ours, so that the failure leaves no round, as it says, and a
            // second `budget init` can succeed.
            if let placed, FileSystem.identity(finalPath) == placed {
                for companion in ["-wal", "-shm", ""] { FileSystem.remove(finalPath + companion) }
            }
            throw error
        }
    }

    /// Copies every frame of the write-ahead log into the database file and empties the
    /// log; throws unless all of it was copied and synced.
    static func checkpointCompletely(_ connection: Connection, _ operation: StoreOperation) throws(StoreError) {
        let checkpoint = try connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)", operation)
        guard try checkpoint.step() else {
            throw StoreError.ioError(connection.path, operation, detail: "wal_checkpoint returned no row")
        }
        let (busy, logFrames, copiedFrames) = (checkpoint.int64(0), checkpoint.int64(1), checkpoint.int64(2))
        guard busy == 0, logFrames == copiedFrames else {
            throw StoreError.ioError(
                connection.path, operation,
                detail: "wal_checkpoint: busy \(busy), \(copiedFrames) of \(logFrames) frames copied")
        }
    }

    /// Opens the round in `directory`.
    ///
    /// Checks, in order, before reading anything else: that the file is a SQLite database
    /// (`.corrupt` if not), that it is a round (`application_id`; `.notARound` if it is
    /// some other program's database), and that its schema is not newer than this code
    /// (`.tooNew`). A round that claims to be one but lacks its `meta` row is `.corrupt`.
    ///
    /// Permissions: a round whose file is read-only (in a writable directory) opens, reads,
    /// and fails to record with `.permissionDenied`; a round in a directory this process may
    /// not write cannot be opened at all, because WAL needs its `-shm` file beside the
    /// database (`.permissionDenied` too).
    ///
    /// - Throws: `.notARound` when the directory or its `round.sqlite` is missing, or the
    ///   database is foreign; `.corrupt`; `.tooNew`; `.permissionDenied`; `.busy`; `.io`.
    public static func open(directory: String) throws(StoreError) -> RoundStore {
        try open(directory: directory, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    }

    /// ``open(directory:)`` with another busy timeout, for tests that provoke `.busy`
    /// without waiting a minute.
    static func open(directory: String, busyTimeoutMilliseconds timeout: Int32) throws(StoreError) -> RoundStore {
        let operation = StoreOperation.open
        let path = databasePath(in: directory)
        // A path that cannot be looked up for want of permission is not a missing round.
        switch FileSystem.kind(directory) {
        case .missing:
            if let denied = FileSystem.lookupDenied(directory) {
                throw StoreError.fileSystem(directory, operation, errno: denied, call: "stat")
            }
            throw StoreError.noRound(directory: directory, file: databaseFileName)
        case .other: throw StoreError.notADirectory(directory, operation)
        case .directory: break
        }
        guard FileSystem.exists(path) else {
            if let denied = FileSystem.lookupDenied(path) {
                throw StoreError.fileSystem(path, operation, errno: denied, call: "lstat")
            }
            throw StoreError.noRound(directory: directory, file: databaseFileName)
        }
        let connection = try Connection(path: path, flags: SQLITE_OPEN_READWRITE, operation: operation)
        try connection.setBusyTimeout(milliseconds: timeout)
        try checkIdentity(connection, path: path)
        try configure(connection, operation)
        guard try connection.integer("SELECT count(*) FROM meta WHERE id = 1", operation) == 1 else {
            throw StoreError.damaged(path, .open, what: "the meta row is missing")
        }
        try migrate(connection, operation)
        let meta = try readMeta(connection, path: path)
        return RoundStore(directory: directory, databasePath: path, connection: connection, meta: meta)
    }

    /// Per-connection settings; see the type's documentation for why each.
    static func configure(_ connection: Connection, _ operation: StoreOperation) throws(StoreError) {
        if connection.busyTimeoutMilliseconds == 0 {
            try connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
        }
        // The mode is persistent in the file; asking again is a no-op once set. Where the
        // file system cannot do WAL, SQLite keeps its rollback journal: still atomic and
        // durable, only readers and writers then wait for one another.
        _ = try connection.texts("PRAGMA journal_mode = WAL", operation)
        try connection.execute(
            """
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            PRAGMA trusted_schema = OFF;
            PRAGMA journal_size_limit = 16777216;
            PRAGMA cell_size_check = ON;
            """, operation)
        try connection.check(budget_sqlite3_enable_defensive(connection.handle), operation)
    }

    /// Brings an older round to the current version, one version at a time (version 2's
    /// tables, then version 3's trigger, then version 4's), in one transaction, re-checking the version under
    /// the write lock so that two processes opening the same old round migrate it once.
    /// Nothing recorded is changed.
    static func migrate(_ connection: Connection, _ operation: StoreOperation) throws(StoreError) {
        guard try connection.integer("PRAGMA user_version", operation) < Schema.version else { return }
        try connection.transaction("BEGIN IMMEDIATE", operation) { () throws(StoreError) in
            if try connection.integer("PRAGMA user_version", operation) == 1 {
                for statement in Schema.migrationFromVersion1 { try connection.execute(statement, operation) }
                try connection.execute("PRAGMA user_version = 2", operation)
            }
            if try connection.integer("PRAGMA user_version", operation) == 2 {
                for statement in Schema.migrationFromVersion2 { try connection.execute(statement, operation) }
                try connection.execute("PRAGMA user_version = 3", operation)
            }
            if try connection.integer("PRAGMA user_version", operation) == 3 {
                for statement in Schema.migrationFromVersion3 { try connection.execute(statement, operation) }
                try connection.execute("PRAGMA user_version = 4", operation)
            }
        }
    }

    /// Refuses a file that is not a round of a schema this code reads.
    static func checkIdentity(_ connection: Connection, path: String) throws(StoreError) {
        let applicationID = Int32(truncatingIfNeeded: try connection.integer("PRAGMA application_id", .open))
        let version = Int32(truncatingIfNeeded: try connection.integer("PRAGMA user_version", .open))
        guard applicationID == Schema.applicationID else {
            throw StoreError.foreignDatabase(path, applicationID: applicationID)
        }
        if version > Schema.version { throw StoreError.tooNew(path, found: version) }
        if version < 1 { throw StoreError.damaged(path, .open, what: "user_version \(version)") }
    }

    static func readMeta(_ connection: Connection, path: String) throws(StoreError) -> RoundMeta {
        let statement = try connection.prepare(
            "SELECT schema_version, created_at, clock_kind, tool_version, plan_sha256, plan, period FROM meta WHERE id = 1",
            .open)
        guard try statement.step() else {
            throw StoreError.damaged(path, .open, what: "the meta row is missing")
        }
        let createdText = statement.text(1)
        guard let createdAt = InstantText.parse(createdText) else {
            throw StoreError.damaged(path, .open, what: "meta.created_at “\(createdText)” is not a stored time")
        }
        guard let clockKind = ClockKind(rawValue: statement.text(2)) else {
            throw StoreError.damaged(path, .open, what: "meta.clock_kind “\(statement.text(2))”")
        }
        return RoundMeta(
            planBytes: statement.blob(5), planSHA256: statement.text(4), createdAt: createdAt,
            clockKind: clockKind, toolVersion: statement.text(3), schemaVersion: statement.int(0),
            period: statement.optionalText(6))
    }

    // MARK: Checks

    /// Checks that the ledger is what the tool wrote, as far as the database alone can
    /// tell: the stored plan still has the SHA-256 recorded with it, receipt numbers run
    /// 1…N without a gap (a receipt deleted behind the triggers leaves one), every reference
    /// points at a row (`foreign_key_check`), and SQLite's `quick_check` passes.
    ///
    /// The engine adds what needs the plan: which files count, to be re-hashed
    /// (`rehashing`). Returns the problems, empty when none; throws only when the checks
    /// themselves cannot run.
    ///
    /// With `pages` false, `quick_check` and `foreign_key_check` are left out (both read the
    /// whole database, every estimate line included; the rest reads only the plan and the
    /// receipt numbers): a long-running portal runs them once at start, not at every upload,
    /// whose cost would otherwise grow with the round.
    ///
    /// `rehashing` lists the files to re-hash, each with its recorded SHA-256; one whose
    /// bytes no longer have it is a problem (``LedgerProblem/bytesChanged(receipt:recorded:actual:)``),
    /// listed last, in the order given.
    ///
    /// The page checks, then a share of the re-hash, run on a connection of their own on
    /// another thread (``BackgroundCheck``) while this one re-hashes the other files: on a
    /// round of a thousand agencies each is a read of about 100 MB.
    ///
    /// Complexity: reads every page once (`quick_check`) when `pages`, and the files
    /// re-hashed; O(receipts) otherwise.
    public func verify(
        pages: Bool = true, rehashing files: [(id: Int64, sha256: String)] = []
    ) throws(StoreError) -> [LedgerProblem] {
        guard pages || !files.isEmpty else { return try databaseProblems() }
        let checks = BackgroundCheck(databasePath: databasePath, pages: pages, rehash: RehashQueue(files))
        return try verify(rehashing: files, checks: checks)
    }

    /// ``verify(pages:rehashing:)`` with the checks already started (``startChecks(pages:)``):
    /// gives them the files, re-hashes its share, and collects every problem.
    public func verify(
        rehashing files: [(id: Int64, sha256: String)], checks: BackgroundCheck
    ) throws(StoreError) -> [LedgerProblem] {
        checks.rehash.supply(files)
        var problems = try databaseProblems()
        checks.rehash.work(on: connection)
        problems += try checks.problems()
        problems += try checks.rehash.problems()
        return problems
    }

    /// The plan's digest and the receipt numbers.
    private func databaseProblems() throws(StoreError) -> [LedgerProblem] {
        var problems: [LedgerProblem] = []
        let actual = SHA256.hex(meta.planBytes)
        if actual != meta.planSHA256 {
            problems.append(.planChanged(recorded: meta.planSHA256, actual: actual))
        }
        // Every number ever given (receipt_numbers keeps them) must have its receipt, and
        // the numbers run 1…N.
        let ids = try connection.prepare(
            """
            SELECT id, max(here) FROM (SELECT id, 1 AS here FROM receipts UNION ALL
                SELECT id, 0 AS here FROM receipt_numbers) GROUP BY id ORDER BY id
            """, .check)
        var expected: Int64 = 1
        while try ids.step() {
            let id = ids.int64(0)
            if id != expected {
                problems.append(.receiptsMissing(from: expected, to: id - 1))
                break
            }
            if ids.int64(1) == 0 {
                problems.append(.receiptsMissing(from: id, to: id))
                break
            }
            expected += 1
        }
        return problems
    }

    /// Runs SQLite's `PRAGMA integrity_check` and `PRAGMA foreign_key_check`.
    ///
    /// Returns `["ok"]` for a sound database; otherwise one line per problem. The engine's
    /// fault-injection tests call it after every interrupted `submit`.
    ///
    /// Complexity: reads the whole database.
    public func integrityCheck() throws(StoreError) -> [String] {
        var problems = try connection.texts("PRAGMA integrity_check", .check)
        let foreign = try connection.prepare("PRAGMA foreign_key_check", .check)
        var foreignProblems: [String] = []
        while try foreign.step() {
            foreignProblems.append(
                "foreign key: \(foreign.text(0)) row \(foreign.int64(1)) refers to a missing \(foreign.text(2)) row")
        }
        if !foreignProblems.isEmpty {
            problems = (problems == ["ok"] ? [] : problems) + foreignProblems
        }
        return problems
    }
}
