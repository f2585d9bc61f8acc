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
/// The page checks see the round as committed when they run: the caller's state, or, if a
/// `submit` commits meanwhile, a later state of the same append-only file — a check of the
/// pages that exist, which is what they are for. The re-hash begins its read once the files
/// are given, inside the caller's snapshot, so every receipt the caller counts is there,
/// with the bytes the caller would read (recorded bytes are never updated).
public final class BackgroundCheck: Sendable {
    /// The files the thread re-hashes after the page checks, given now or later.
    let rehash: RehashQueue
    private let result: Outcome

    /// What the thread found, written once before `done` is signalled. Apart from the
    /// check itself, so that a check dropped before its files were given is released
    /// (``deinit``) rather than kept by its own waiting thread.
    private final class Outcome: @unchecked Sendable {
        // `@unchecked`: `value` is written once by the worker before `done` is signalled,
        // and read only after waiting for it; `collected` only by the owner's thread.
        var value: Result<[LedgerProblem], StoreError> = .success([])
        let done = DispatchSemaphore(value: 0)
        var collected = false
    }

    /// Starts the checks of the database at `databasePath` on another thread: the page
    /// checks when `pages`, then files from `rehash` until none is left (waiting for them
    /// if the queue has none yet).
    init(databasePath: String, pages: Bool = true, rehash: RehashQueue = RehashQueue([])) {
        self.rehash = rehash
        let result = Outcome()
        self.result = result
        DispatchQueue.global(qos: .userInitiated).async {
            result.value = Result { () throws(StoreError) -> [LedgerProblem] in
                try Self.run(databasePath, pages: pages, rehash: rehash)
            }
            result.done.signal()
        }
    }

    /// A check whose files never came (the caller failed first) re-hashes none.
    deinit { rehash.supply([]) }

    /// Waits for the checks (the first time) and returns the page checks' problems (empty
    /// when the file is sound); throws when they could not run. What the re-hash found
    /// is the queue's to tell.
    public func problems() throws(StoreError) -> [LedgerProblem] {
        if !result.collected {
            result.done.wait()
            result.collected = true
        }
        return try result.value.get()
    }

    private static func run(_ path: String, pages: Bool, rehash: RehashQueue) throws(StoreError) -> [LedgerProblem] {
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
        // The read transaction begins once the files are given, so inside the caller's
        // snapshot: every receipt it counts is there (a `submit` may only add more).
        if rehash.waitForFiles() {
            try connection.execute("BEGIN", .check)
            rehash.work(on: connection)
            try connection.execute("COMMIT", .check)
        }
        return problems
    }
}

extension RoundStore {
    /// Starts the checks that read the whole round on another thread (``BackgroundCheck``):
    /// SQLite's page checks when `pages`, then a share of the re-hash of the files given
    /// later to ``verify(rehashing:checks:)``. A caller starts them before it consolidates
    /// (which says what counts), so that the two overlap.
    public func startChecks(pages: Bool = true) -> BackgroundCheck {
        BackgroundCheck(databasePath: databasePath, pages: pages, rehash: RehashQueue(nil))
    }
}
