import CSQLite
/// The round store. See the module landing page.
public enum BudgetStore {
    /// The version of the linked SQLite library.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
