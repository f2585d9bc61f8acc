import Foundation
import Testing

/// The round is append-only in its schema: on a real round made by the binary, a SQLite
/// shell cannot update or delete a recorded row.
@Suite("The ledger refuses UPDATE and DELETE", .enabled(if: Program.sqlite3 != nil, "needs the sqlite3 shell"))
struct LedgerTamperingTests {
    /// A round with rows in every table: an accepted file (lines, item totals), a returned
    /// one (findings), the meta row.
    static func populatedRound() throws -> TestRound {
        let round = try TestRound("tamper")
        #expect(try round.submit(KonTum.example("bao-kon-tum.csv")).result.status == 0)
        #expect(try round.submit(KonTum.example("so-thong-tin-loi.csv")).result.status == 1)
        return round
    }

    /// Every row of every table, as the shell prints them: the ledger's whole content.
    static func dump(_ database: String) throws -> String {
        var out = ""
        let tables = [
            "meta", "receipts", "findings", "lines", "item_totals", "voids", "access_codes", "access_revocations",
            "events",
        ]
        for table in tables {
            out += "\(table):\n" + (try SQLiteShell.query(database, "SELECT * FROM \(table)")) + "\n"
        }
        return out
    }

    @Test(
        "UPDATE and DELETE on every record table fail with the append-only message; nothing changes",
        arguments: [
            ("receipts", "UPDATE receipts SET total = 0"),
            ("receipts", "DELETE FROM receipts"),
            ("receipts", "UPDATE receipts SET decision = 'accepted' WHERE decision = 'returned'"),
            ("receipts", "INSERT OR REPLACE INTO receipts SELECT * FROM receipts WHERE id = 1"),
            ("findings", "UPDATE findings SET severity = 'info'"),
            ("findings", "DELETE FROM findings"),
            ("item_totals", "UPDATE item_totals SET amount = 1"),
            ("item_totals", "DELETE FROM item_totals"),
            ("meta", "UPDATE meta SET plan = x'7b7d'"),
            ("meta", "DELETE FROM meta"),
        ])
    func refused(table: String, statement: String) throws {
        let round = try Self.populatedRound()
        let before = try Self.dump(round.database)
        #expect(
            try SQLiteShell.integer(round.database, "SELECT count(*) FROM \(table)") > 0,
            "\(table) has rows to tamper with")
        let attempt = try SQLiteShell.attempt(round.database, statement)
        #expect(attempt.status != 0, "\(statement) succeeded")
        let verb = statement.hasPrefix("DELETE") ? "deleted" : statement.hasPrefix("INSERT") ? "replaced" : "updated"
        // A receipt's number is guarded in receipt_numbers (see Schema.receiptNumbering).
        let guarded = table == "receipts" && verb == "replaced" ? "receipt_numbers" : table
        #expect(
            attempt.stderr.contains("the round is append-only: \(guarded) rows are never \(verb)"),
            "\(statement): \(attempt.stderr)")
        #expect(try Self.dump(round.database) == before, "\(statement) changed the ledger")
        #expect(try round.submissionsInStatus() == 2)
        #expect(try round.status()["total"] as? Int == 321_000_000)
    }

    @Test(
        "a counted receipt's lines are read from its bytes: no row can be given to it afterwards, and the package is built from the bytes"
    )
    func linesFromBytes() throws {
        let round = try Self.populatedRound()
        #expect(try SQLiteShell.integer(round.database, "SELECT count(*) FROM lines") == 0)
        let before = try Self.dump(round.database)
        // Receipt 1 counts; receipt 2 (returned) is the newest. A line for receipt 1 would be
        // read instead of its bytes: the schema refuses it.
        let lines = try Self.expectLineRefused(round, receipt: 1, before: before)
        #expect(lines.split(whereSeparator: \.isNewline).count > 2, "the lines are there, read from the bytes")
    }

    /// Tries to give `receipt` a forged line from a SQLite shell: the schema must refuse it
    /// and leave the ledger as `before`, and `export --what lines` must not show it.
    /// Returns what the export printed.
    static func expectLineRefused(_ round: TestRound, receipt: Int, before: String) throws -> String {
        let attempt = try SQLiteShell.attempt(
            round.database,
            """
            INSERT INTO lines (receipt_id, ordinal, line, number, item_code, description, unit, amount, note)
            VALUES (\(receipt), 1, 2, '1', 'IV.5.a', 'forged', 'x', 321000000, '')
            """)
        #expect(attempt.status != 0)
        #expect(attempt.stderr.contains("the round is append-only: lines are stored only with their receipt"))
        #expect(try Self.dump(round.database) == before)
        let lines = try Binary.run(
            ["export", "--round", round.directory, "--what", "lines", "--format", "csv"],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(lines.status == 0, "\(lines.stderr)")
        #expect(!lines.stdout.contains("forged"))
        return lines.stdout
    }

    @Test("the newest receipt, once counted, takes no line row either: its lines stay those of its bytes")
    func newestCountedReceipt() throws {
        let round = try TestRound("newest")
        #expect(try round.submit(KonTum.example("so-thong-tin-loi.csv")).result.status == 1)
        #expect(try round.submit(KonTum.example("bao-kon-tum.csv")).result.status == 0)
        let newest = try SQLiteShell.integer(round.database, "SELECT max(id) FROM receipts")
        _ = try Self.expectLineRefused(round, receipt: newest, before: try Self.dump(round.database))
    }

    @Test("the triggers are there on a round made by budget init: three per record table and two for counted rows")
    func triggers() throws {
        let round = try TestRound("triggers")
        let names = try SQLiteShell.query(
            round.database, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        )
        .split(separator: "\n").map(String.init)
        var expected: [String] = [
            "item_totals_counted_only", "lines_counted_only", "lines_only_with_their_receipt", "receipts_numbered",
        ]
        let tables = [
            "meta", "receipts", "findings", "lines", "item_totals", "receipt_numbers", "voids", "access_codes",
            "access_revocations", "events",
        ]
        for table in tables {
            expected += ["\(table)_no_update", "\(table)_no_delete"]
            if table != "receipts" { expected.append("\(table)_no_replace") }
        }
        #expect(names == expected.sorted())
    }
}
