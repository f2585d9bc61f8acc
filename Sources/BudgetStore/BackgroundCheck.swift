import BudgetCore
import CSQLite
import Dispatch
import Foundation

/// The tamper checks that read the whole round — SQLite's `quick_check` (every page) and
/// `foreign_key_check` (every reference), then a share of the re-hash of the counted files
/// (``RehashQueue``) — on a read-only connection of their own, on another thread, while
/// the caller re-hashes the rest.
///
/// Why: before every `export` and `package` the contract asks for both the page checks
/// and the re-hash of every counted file. On a round of a thousand agencies each is a read
/// of about 100 MB; one after the other they were most of `export --what agencies`. Run
/// side by side, the page checks took a third of the time of the re-hash and left the
/// second core idle for the rest: now it re-hashes too, from the same queue.
///
/// The connection is opened after the caller's, so it sees the round as committed when it
/// starts: the same round as the caller's snapshot unless a `submit` commits in between,
/// and then a later state of the same append-only file — a check of the pages that exist,
/// which is what it is for, and the same bytes for every receipt the caller counts
/// (recorded bytes are never updated).
public final class BackgroundCheck: @unchecked Sendable {
    // `@unchecked`: `outcome` is written once by the worker before `done` is signalled
    // and read only after waiting for it.
    private var outcome: Result<[LedgerProblem], StoreError> = .success([])
    private let done = DispatchSemaphore(value: 0)
    private var collected = false

    /// Starts the checks of the database at `databasePath` on another thread: the page
    /// checks when `pages`, then files from `rehash` until none is left.
    init(databasePath: String, pages: Bool = true, rehash: RehashQueue? = nil) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            outcome = Result { () throws(StoreError) -> [LedgerProblem] in
                try Self.run(databasePath, pages: pages, rehash: rehash)
            }
            done.signal()
        }
    }

    /// Waits for the checks (the first time) and returns the page checks' problems (empty
    /// when the file is sound); throws when they could not run. What the re-hash found
    /// is the queue's to tell.
    public func problems() throws(StoreError) -> [LedgerProblem] {
        if !collected {
            done.wait()
            collected = true
        }
        return try outcome.get()
    }

    private static func run(_ path: String, pages: Bool, rehash: RehashQueue?) throws(StoreError) -> [LedgerProblem] {
        let connection = try Connection(path: path, flags: SQLITE_OPEN_READONLY, operation: .check)
        try connection.setBusyTimeout(milliseconds: RoundStore.busyTimeoutMilliseconds)
        var problems: [LedgerProblem] = []
        if pages {
            try connection.execute("PRAGMA cell_size_check = ON", .check)
            let quick = try connection.texts("PRAGMA quick_check", .check)
            if quick != ["ok"] { problems.append(.damagedPages(quick)) }
            let foreign = try connection.prepare("PRAGMA foreign_key_check", .check)
            var dangling: [String] = []
            while try foreign.step() {
                dangling.append("\(foreign.text(0)) row \(foreign.int64(1)) → \(foreign.text(2))")
            }
            if !dangling.isEmpty { problems.append(.danglingReferences(dangling)) }
        }
        if let rehash {
            // One read transaction for all the files, as the caller has.
            try connection.execute("BEGIN", .check)
            rehash.work(on: connection)
            try connection.execute("COMMIT", .check)
        }
        return problems
    }
}
