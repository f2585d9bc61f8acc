import BudgetCore
import CSQLite
import Dispatch
import Foundation

/// SQLite's checks of the whole file — `quick_check` (every page) and `foreign_key_check`
/// (every reference) — run on a connection of their own, on another thread, while the
/// caller re-hashes the files that count.
///
/// Why: before every `export` and `package` the contract asks for both the page checks
/// and the re-hash of every counted file. On a round of a thousand agencies each is a read
/// of about 100 MB (the pages, the files' bytes); one after the other they were most of
/// `export --what agencies`. On their own connection they take the second core.
///
/// The connection is read-only and opened after the caller's, so it sees the round as
/// committed when it starts: the same round as the caller's snapshot unless a `submit`
/// commits in between, and then a later state of the same append-only file — a check of
/// the pages that exist, which is what it is for.
public final class PageCheck: @unchecked Sendable {
    // `@unchecked`: `outcome` is written once by the worker before `done` is signalled
    // and read only after waiting for it.
    private var outcome: Result<[LedgerProblem], StoreError> = .success([])
    private let done = DispatchSemaphore(value: 0)
    private var collected = false

    /// Starts the checks of the database at `databasePath` on another thread.
    init(databasePath: String) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            outcome = Result { () throws(StoreError) -> [LedgerProblem] in
                try Self.run(databasePath)
            }
            done.signal()
        }
    }

    /// Waits for the checks (the first time) and returns their problems (empty when the
    /// file is sound); throws when they could not run.
    public func problems() throws(StoreError) -> [LedgerProblem] {
        if !collected {
            done.wait()
            collected = true
        }
        return try outcome.get()
    }

    private static func run(_ path: String) throws(StoreError) -> [LedgerProblem] {
        let connection = try Connection(path: path, flags: SQLITE_OPEN_READONLY, operation: .check)
        try connection.setBusyTimeout(milliseconds: RoundStore.busyTimeoutMilliseconds)
        try connection.execute("PRAGMA cell_size_check = ON", .check)
        var problems: [LedgerProblem] = []
        let quick = try connection.texts("PRAGMA quick_check", .check)
        if quick != ["ok"] { problems.append(.damagedPages(quick)) }
        let foreign = try connection.prepare("PRAGMA foreign_key_check", .check)
        var dangling: [String] = []
        while try foreign.step() {
            dangling.append("\(foreign.text(0)) row \(foreign.int64(1)) → \(foreign.text(2))")
        }
        if !dangling.isEmpty { problems.append(.danglingReferences(dangling)) }
        return problems
    }
}

extension RoundStore {
    /// Starts SQLite's page and reference checks of this round on another thread
    /// (``PageCheck``); ``verify(pages:)`` with `pages: false` does the rest.
    public func startPageCheck() -> PageCheck {
        PageCheck(databasePath: databasePath)
    }
}
