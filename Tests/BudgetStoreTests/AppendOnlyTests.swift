import BudgetCore
import CSQLite
import Foundation
import Testing

@testable import BudgetStore

/// The ledger's promise — nothing recorded is ever changed or deleted — is kept by the
/// schema, so these tests go around the store: raw SQL through SQLite's C API, as anyone
/// with a SQLite shell could type it.
@Suite("The round is append-only")
struct AppendOnlyTests {
    /// A round with one accepted receipt (lines, item totals, a finding) and one returned.
    static func populatedRound(in root: String) throws -> RoundStore {
        let store = try makeRound(in: root)
        var accepted = acceptedReceipt(lineCount: 3)
        accepted.findings = [Finding(.duplicateLine, line: 8, arguments: ["first": "7"])]
        try store.record(accepted)
        try store.record(returnedReceipt())
        return store
    }

    static let tampering: [(name: String, sql: String)] = [
        ("update meta", "UPDATE meta SET tool_version = 'forged'"),
        ("delete meta", "DELETE FROM meta"),
        ("replace meta", "INSERT OR REPLACE INTO meta SELECT * FROM meta"),
        ("update receipts", "UPDATE receipts SET decision = 'returned', valid = 0 WHERE id = 1"),
        ("update receipt bytes", "UPDATE receipts SET bytes = x'00' , size = 1 WHERE id = 2"),
        ("delete receipts", "DELETE FROM receipts WHERE id = 2"),
        ("delete all receipts", "DELETE FROM receipts"),
        (
            "replace a receipt",
            """
            INSERT OR REPLACE INTO receipts (id, file_name, sha256, size, recorded_at, clock_kind,
                decision, valid, line_count, bytes)
            VALUES (2, 'forged.csv', '\(String(repeating: "0", count: 64))', 0,
                '2020-03-01T00:00:00.000Z', 'system', 'returned', 0, 0, x'')
            """
        ),
        ("update findings", "UPDATE findings SET severity = 'info'"),
        ("delete findings", "DELETE FROM findings"),
        ("replace a finding", "INSERT OR REPLACE INTO findings SELECT * FROM findings"),
        ("update lines", "UPDATE lines SET amount = amount * 2"),
        ("delete lines", "DELETE FROM lines WHERE ordinal = (SELECT max(ordinal) FROM lines)"),
        ("replace a line", "INSERT OR REPLACE INTO lines SELECT * FROM lines"),
        ("upsert a line", "INSERT INTO lines SELECT * FROM lines WHERE true ON CONFLICT DO UPDATE SET amount = 0"),
        ("update item totals", "UPDATE item_totals SET amount = 1"),
        ("delete item totals", "DELETE FROM item_totals"),
        ("replace an item total", "INSERT OR REPLACE INTO item_totals SELECT * FROM item_totals"),
        (
            "lines for a returned receipt",
            """
            INSERT INTO lines (receipt_id, ordinal, line, number, item_code, description, unit, amount, note)
            VALUES (2, 1, 7, '1', 'IV.5.a', '', '', 1000, '')
            """
        ),
        ("item totals for a returned receipt", "INSERT INTO item_totals VALUES (2, 'IV.5.a', 1000)"),
    ]

    @Test(
        "changing or deleting a record with raw SQL fails and the data is unchanged",
        arguments: tampering.indices)
    func tamperingFails(index: Int) throws {
        let (name, sql) = AppendOnlyTests.tampering[index]
        try withTemporaryDirectory { root in
            let store = try AppendOnlyTests.populatedRound(in: root)
            let raw = RawDatabase(path: store.databasePath)
            let before = raw.contentDigest()
            let result = raw.execute(sql)
            #expect(result.code != SQLITE_OK, "\(name) succeeded")
            #expect(result.code & 0xff == SQLITE_CONSTRAINT, "\(name): \(result.message)")
            #expect(raw.contentDigest() == before, "\(name) changed the data")
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    @Test("every record table has its update, delete and replace triggers; receipts are numbered instead")
    func triggersExist() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let raw = RawDatabase(path: store.databasePath)
            let triggers = Set(raw.query("SELECT name FROM sqlite_master WHERE type = 'trigger'").compactMap { $0[0] })
            for table in (Schema.recordTables + Schema.recordTablesInVersion2).map(\.name) {
                for kind in ["no_update", "no_delete", "no_replace"] where table != "receipts" || kind != "no_replace" {
                    #expect(triggers.contains("\(table)_\(kind)"), "\(table)_\(kind)")
                }
            }
            #expect(triggers.contains("receipts_numbered"))
            #expect(!triggers.contains("receipts_no_replace"))
        }
    }

    @Test("the store's own connection cannot change records either")
    func storeConnectionRefused() throws {
        try withTemporaryDirectory { root in
            let store = try AppendOnlyTests.populatedRound(in: root)
            #expect {
                try store.connection.execute("DELETE FROM receipts WHERE id = 1", .read)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .constraint && error.detail.contains(Schema.appendOnlyMessage)
            }
            #expect(try store.receipts().count == 2)
        }
    }
}

@Suite("Schema documentation")
struct SchemaDocumentationTests {
    @Test("the module's landing page shows every table and index exactly as created")
    func documentedSchema() throws {
        let page = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BudgetStore/BudgetStore.docc/BudgetStore.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        func squeeze(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let documented = squeeze(text)
        for statement in Schema.tables + Schema.indexes + Schema.additionsInVersion2 {
            #expect(documented.contains(squeeze(statement)), "\(statement.prefix(40))…")
        }
        for statement in Schema.receiptNumbering where statement.hasPrefix("CREATE") {
            #expect(documented.contains(squeeze(statement)), "\(statement.prefix(40))…")
        }
        for statement in Schema.migrationFromVersion3 where statement.hasPrefix("CREATE") {
            #expect(documented.contains(squeeze(statement)), "\(statement.prefix(40))…")
        }
        // Version 1's 17, less receipts_no_replace, plus three per table version 2 adds,
        // receipts_numbered, and lines_only_with_their_receipt (version 3, replaced in version 4).
        let triggers =
            Schema.appendOnlyTriggers(Schema.recordTables).count + Schema.countedOnlyTriggers.count - 1
            + Schema.appendOnlyTriggers(Schema.recordTablesInVersion2).count + 1 + Schema.migrationFromVersion2.count
        #expect(triggers == 33)
        #expect(documented.contains("Plus 33 triggers"))
    }
}
