/// The round's database schema, version 4.
///
/// Every table is a record: rows are inserted, never updated or deleted. The rule lives in
/// the schema itself — `BEFORE UPDATE` and `BEFORE DELETE` triggers that abort — so that
/// no code path, present or future, and no one with a SQLite shell short of dropping the
/// triggers, can change the ledger quietly. A third trigger per table refuses an insert
/// that would collide with an existing key, because `INSERT OR REPLACE` deletes the old row
/// without firing delete triggers.
///
/// The version is kept twice: `PRAGMA user_version` (read before anything else, so a newer
/// round is refused without touching its tables) and `meta.schema_version` (the version the
/// round was *created* with: a version-1 round brought up to version 2 keeps 1 there, since
/// `meta` is never updated).
///
/// Version 2 adds, to a version-1 round as to a new one (``additionsInVersion2``): the
/// annulments of receipts (`voids`), the portal's access codes and their revocations, the
/// journal of actions (`events`), and the round's period (`meta.period`, for plans with a
/// recurring deadline). Every new table is a record table under the same triggers.
/// `PRAGMA application_id` marks the file as a round, so that some other program's SQLite
/// database is recognised as "not a round" rather than "damaged".
enum Schema {
    /// The schema this code writes, and the newest it reads.
    static let version: Int32 = 4

    /// `PRAGMA application_id` of every round: "BUDG" in ASCII.
    static let applicationID: Int32 = 0x4255_4447

    /// The tables, in creation order. See the module documentation for what each column holds.
    static let tables: [String] = [
        """
        CREATE TABLE meta (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            schema_version INTEGER NOT NULL,
            created_at     TEXT    NOT NULL,
            clock_kind     TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            tool_version   TEXT    NOT NULL,
            plan_sha256    TEXT    NOT NULL,
            plan           BLOB    NOT NULL
        )
        """,
        """
        CREATE TABLE receipts (
            id           INTEGER PRIMARY KEY,
            file_name    TEXT    NOT NULL,
            sha256       TEXT    NOT NULL
                         CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            size         INTEGER NOT NULL CHECK (size >= 0),
            agency       TEXT,
            declared_at  TEXT,
            recorded_at  TEXT    NOT NULL,
            clock_kind   TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            decision     TEXT    NOT NULL
                         CHECK (decision IN ('accepted', 'returned', 'refused-late', 'accepted-late')),
            valid        INTEGER NOT NULL CHECK (valid IN (0, 1)),
            note         TEXT,
            reason       TEXT,
            total        INTEGER,
            line_count   INTEGER NOT NULL CHECK (line_count >= 0),
            encoding     TEXT,
            duplicate_of INTEGER REFERENCES receipts (id),
            bytes        BLOB    NOT NULL,
            CHECK (size = length(bytes)),
            CHECK (decision NOT IN ('accepted', 'accepted-late') OR valid = 1),
            CHECK (decision <> 'returned' OR valid = 0),
            CHECK (decision <> 'accepted-late' OR reason IS NOT NULL),
            CHECK (declared_at IS NULL OR note IS NOT NULL)
        )
        """,
        """
        CREATE TABLE findings (
            receipt_id    INTEGER NOT NULL REFERENCES receipts (id),
            ordinal       INTEGER NOT NULL CHECK (ordinal >= 1),
            code          TEXT    NOT NULL,
            severity      TEXT    NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
            file          TEXT,
            line          INTEGER,
            column_name   TEXT,
            column_number INTEGER,
            value         TEXT,
            item          TEXT,
            agency        TEXT,
            variant       TEXT    NOT NULL,
            arguments     TEXT    NOT NULL,
            PRIMARY KEY (receipt_id, ordinal)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE lines (
            receipt_id        INTEGER NOT NULL REFERENCES receipts (id),
            ordinal           INTEGER NOT NULL CHECK (ordinal >= 1),
            line              INTEGER NOT NULL,
            number            TEXT    NOT NULL,
            item_code         TEXT    NOT NULL,
            description       TEXT    NOT NULL,
            unit              TEXT    NOT NULL,
            quantity_mantissa INTEGER,
            quantity_scale    INTEGER CHECK (quantity_scale BETWEEN 0 AND 9),
            unit_price        INTEGER,
            amount            INTEGER NOT NULL,
            note              TEXT    NOT NULL,
            CHECK ((quantity_mantissa IS NULL) = (quantity_scale IS NULL)),
            PRIMARY KEY (receipt_id, ordinal)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE item_totals (
            receipt_id INTEGER NOT NULL REFERENCES receipts (id),
            item_code  TEXT    NOT NULL,
            amount     INTEGER NOT NULL,
            PRIMARY KEY (receipt_id, item_code)
        ) WITHOUT ROWID
        """,
    ]

    /// What version 2 adds, in order: run at creation after ``tables``, and by
    /// ``RoundStore`` on a version-1 round (``migrationFromVersion1``).
    static let additionsInVersion2: [String] = [
        "ALTER TABLE meta ADD COLUMN period TEXT",
        """
        CREATE TABLE voids (
            receipt_id  INTEGER PRIMARY KEY REFERENCES receipts (id),
            reason      TEXT    NOT NULL CHECK (length(trim(reason)) > 0),
            recorded_at TEXT    NOT NULL,
            clock_kind  TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            actor       TEXT    NOT NULL,
            address     TEXT
        )
        """,
        """
        CREATE TABLE access_codes (
            id          INTEGER PRIMARY KEY,
            role        TEXT    NOT NULL CHECK (role IN ('agency', 'officer')),
            subject     TEXT    NOT NULL CHECK (length(subject) > 0),
            code_sha256 TEXT    NOT NULL UNIQUE
                        CHECK (length(code_sha256) = 64 AND code_sha256 NOT GLOB '*[^0-9a-f]*'),
            issued_at   TEXT    NOT NULL,
            clock_kind  TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            actor       TEXT    NOT NULL
        )
        """,
        """
        CREATE TABLE access_revocations (
            code_id    INTEGER PRIMARY KEY REFERENCES access_codes (id),
            revoked_at TEXT    NOT NULL,
            clock_kind TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            actor      TEXT    NOT NULL,
            why        TEXT    NOT NULL CHECK (why IN ('replaced', 'revoked'))
        )
        """,
        """
        CREATE TABLE events (
            id         INTEGER PRIMARY KEY,
            at         TEXT    NOT NULL,
            clock_kind TEXT    NOT NULL CHECK (clock_kind IN ('system', 'simulated')),
            actor      TEXT    NOT NULL,
            address    TEXT,
            action     TEXT    NOT NULL,
            receipt_id INTEGER REFERENCES receipts (id),
            detail     TEXT
        )
        """,
        "CREATE INDEX access_codes_by_subject ON access_codes (role, subject, id)",
    ]

    /// How version 2 guards receipts against `INSERT OR REPLACE` without copying their
    /// bytes: version 1's `receipts_no_replace` was a `BEFORE INSERT` trigger, and SQLite
    /// copies the whole new row for one — a 64 MiB file twice in memory. Instead, an
    /// `AFTER INSERT` trigger (which copies nothing) enters each receipt number in
    /// `receipt_numbers`, whose own small `BEFORE INSERT` guard refuses a number already
    /// used; a replaced receipt's number is, so the replacement aborts. (Under `OR REPLACE`
    /// SQLite applies the outer policy to the trigger's insert too, which is why the guard
    /// on `receipt_numbers` is a trigger and not a key.) The numbers also show a receipt
    /// deleted behind the triggers, even the last one.
    static let receiptNumbering: [String] = [
        "DROP TRIGGER IF EXISTS receipts_no_replace",
        "CREATE TABLE receipt_numbers (id INTEGER PRIMARY KEY)",
        "INSERT INTO receipt_numbers (id) SELECT id FROM receipts",
        """
        CREATE TRIGGER receipts_numbered AFTER INSERT ON receipts
        BEGIN INSERT INTO receipt_numbers (id) VALUES (NEW.id); END
        """,
    ]

    /// The record tables version 2 adds, with the columns of their key.
    static let recordTablesInVersion2: [(name: String, key: [String])] = [
        ("receipt_numbers", ["id"]),
        ("voids", ["receipt_id"]),
        ("access_codes", ["id"]),
        ("access_revocations", ["code_id"]),
        ("events", ["id"]),
    ]

    /// Lookups the engine makes: an agency's receipts, and earlier files with the same hash.
    static let indexes: [String] = [
        "CREATE INDEX receipts_by_agency ON receipts (agency, id)",
        "CREATE INDEX receipts_by_sha256 ON receipts (sha256, id)",
    ]

    /// The record tables and the columns of their key, for the append-only triggers.
    static let recordTables: [(name: String, key: [String])] = [
        ("meta", ["id"]),
        ("receipts", ["id"]),
        ("findings", ["receipt_id", "ordinal"]),
        ("lines", ["receipt_id", "ordinal"]),
        ("item_totals", ["receipt_id", "item_code"]),
    ]

    /// The message every append-only trigger raises; tests and error messages look for it.
    static let appendOnlyMessage = "the round is append-only"

    /// Three triggers per record table: no update, no delete, no insert over an existing key.
    static func appendOnlyTriggers(_ tables: [(name: String, key: [String])]) -> [String] {
        tables.flatMap { table -> [String] in
            let sameKey = table.key.map { "\($0) = NEW.\($0)" }.joined(separator: " AND ")
            return [
                """
                CREATE TRIGGER \(table.name)_no_update BEFORE UPDATE ON \(table.name)
                BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): \(table.name) rows are never updated'); END
                """,
                """
                CREATE TRIGGER \(table.name)_no_delete BEFORE DELETE ON \(table.name)
                BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): \(table.name) rows are never deleted'); END
                """,
                """
                CREATE TRIGGER \(table.name)_no_replace BEFORE INSERT ON \(table.name)
                WHEN EXISTS (SELECT 1 FROM \(table.name) WHERE \(sameKey))
                BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): \(table.name) rows are never replaced'); END
                """,
            ]
        }
    }

    /// Lines and item totals belong only to receipts that count in the sums.
    static let countedOnlyTriggers: [String] = ["lines", "item_totals"].map { table in
        """
        CREATE TRIGGER \(table)_counted_only BEFORE INSERT ON \(table)
        WHEN (SELECT decision FROM receipts WHERE id = NEW.receipt_id) NOT IN ('accepted', 'accepted-late')
        BEGIN SELECT RAISE(ABORT, '\(table) are stored only for accepted and accepted-late receipts'); END
        """
    }

    /// Every statement that builds an empty round, in order: version 1, then what versions
    /// 2, 3 and 4 add, so that a new round and a migrated one have the same schema.
    static var creation: [String] {
        tables + indexes + appendOnlyTriggers(recordTables) + countedOnlyTriggers + migrationFromVersion1
            + migrationFromVersion2 + migrationFromVersion3
    }

    /// What version 3 adds. From version 3 on, `submit` stores a counted file's per-item
    /// totals but not its lines as rows: they are read from its bytes when a document needs
    /// them (the engine's `CountedLines`), and a receipt's lines are its rows only if it has
    /// any. So that no one can give a receipt rows it was not recorded with (the tool would
    /// then read them instead of its bytes), a line may be inserted only for the newest
    /// receipt — in practice, in the transaction that records it (``RoundStore/record(_:)``,
    /// and the rounds of versions 1 and 2).
    static let migrationFromVersion2: [String] = [
        """
        CREATE TRIGGER lines_only_with_their_receipt BEFORE INSERT ON lines
        WHEN NEW.receipt_id IS NOT (SELECT max(id) FROM receipts)
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): lines are stored only with their receipt'); END
        """
    ]

    /// What version 4 changes: `lines_only_with_their_receipt` also refuses a line for a
    /// receipt whose item totals are recorded. Version 3 let a line in for the newest
    /// receipt at any time, so that until the next receipt arrived a SQLite shell could
    /// give the newest counted file rows, which would have been read instead of its bytes.
    /// Every writer stores a receipt's lines (if any) before its item totals, in one
    /// transaction: `submit` stores none and its totals at once, ``RoundStore/record(_:)``
    /// its rows and then the totals; so once a counted receipt is recorded, its lines are
    /// closed.
    static let migrationFromVersion3: [String] = [
        "DROP TRIGGER lines_only_with_their_receipt",
        """
        CREATE TRIGGER lines_only_with_their_receipt BEFORE INSERT ON lines
        WHEN NEW.receipt_id IS NOT (SELECT max(id) FROM receipts)
            OR EXISTS (SELECT 1 FROM item_totals WHERE receipt_id = NEW.receipt_id)
        BEGIN SELECT RAISE(ABORT, '\(appendOnlyMessage): lines are stored only with their receipt'); END
        """,
    ]

    /// What turns a version-1 round into a version-2 one (new tables and their triggers;
    /// nothing recorded is touched).
    static var migrationFromVersion1: [String] {
        additionsInVersion2 + receiptNumbering + appendOnlyTriggers(recordTablesInVersion2)
    }
}
