import BudgetStore

/// A connection to a round held open for a long-running process (the portal), and used for
/// nothing else.
///
/// Every use case opens the round afresh, which is right for a command. In a server that
/// answers many requests, the last connection to a WAL database to close folds the log
/// into the file and deletes it, and the next write creates it again: a checkpoint and
/// file creation on nearly every request. Holding one connection open for the process's
/// life means the log stays (SQLite still checkpoints it as it grows), and a request costs
/// an open, not a checkpoint.
public final class RoundKeeper: @unchecked Sendable {
    private let store: RoundStore

    /// Opens the round in `directory` and keeps it open until this value goes.
    public init(roundDirectory directory: String) throws(EngineError) {
        do {
            store = try RoundStore.open(directory: directory)
        } catch {
            throw StoreErrors.engineError(error)
        }
    }
}
