import CSQLite

/// Facts about the store as a whole. See the module landing page for the design.
public enum BudgetStore {
    /// The version of the linked SQLite library, for `budget --version` and bug reports.
    public static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    /// The schema version this build writes and the newest it reads.
    public static var schemaVersion: Int { Int(Schema.version) }
}
