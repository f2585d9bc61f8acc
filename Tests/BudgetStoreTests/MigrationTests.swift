import BudgetCore
import CSQLite
import Foundation
import Testing

@testable import BudgetStore

/// A round made by version 0.1.0 of the tool (schema version 1) opens in this one: it is
/// brought to the current version once, keeps everything it recorded, and takes annulments.
@Suite("A version-1 round")
struct MigrationTests {
    /// A round as version 1 built it: its tables, indexes and triggers, its meta row, and
    /// one accepted receipt with its lines and item totals, written with raw SQL.
    static func versionOneRound(in root: String) throws -> String {
        let directory = root + "/round"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let raw = RawDatabase(path: directory + "/round.sqlite")
        let statements =
            Schema.tables + Schema.indexes + Schema.appendOnlyTriggers(Schema.recordTables) + Schema.countedOnlyTriggers
        #expect(raw.execute(statements.joined(separator: ";\n")).code == SQLITE_OK)
        let planHex = samplePlan.map { String(format: "%02x", $0) }.joined()
        let bytes = Array("STT,Mã nội dung,Thành tiền\n1,IV.5.a,1000\n".utf8)
        let bytesHex = bytes.map { String(format: "%02x", $0) }.joined()
        let insert = """
            INSERT INTO meta VALUES (1, 1, '2020-03-04T00:00:00.000Z', 'simulated', '0.1.0',
                '\(SHA256.hex(samplePlan))', x'\(planHex)');
            INSERT INTO receipts (id, file_name, sha256, size, agency, recorded_at, clock_kind, decision, valid,
                total, line_count, encoding, bytes)
            VALUES (1, 'baokt.csv', '\(SHA256.hex(bytes))', \(bytes.count), 'BAOKT', '2020-03-05T02:30:00.000Z',
                'system', 'accepted', 1, 1000, 1, 'utf-8', x'\(bytesHex)');
            INSERT INTO lines VALUES (1, 1, 2, '1', 'IV.5.a', '', '', NULL, NULL, NULL, 1000, '');
            INSERT INTO item_totals VALUES (1, 'IV.5.a', 1000);
            PRAGMA application_id = \(Schema.applicationID);
            PRAGMA user_version = 1;
            """
        let result = raw.execute(insert)
        #expect(result.code == SQLITE_OK, "\(result.message)")
        return directory
    }

    @Test("opening brings it to version 4 (through 2 and 3) and keeps every record; the checks pass")
    func migrated() throws {
        try withTemporaryDirectory { root in
            let directory = try Self.versionOneRound(in: root)
            let before = RawDatabase(path: directory + "/round.sqlite").query("SELECT * FROM receipts")
            let store = try RoundStore.open(directory: directory)
            #expect(store.meta.schemaVersion == 1, "meta keeps the version the round was created with")
            #expect(store.meta.period == nil)
            let raw = RawDatabase(path: store.databasePath)
            #expect(raw.query("PRAGMA user_version") == [["\(Schema.version)"]])
            #expect(raw.query("SELECT * FROM receipts") == before)
            #expect(raw.query("SELECT id FROM receipt_numbers") == [["1"]])
            #expect(try store.verify() == [])
            #expect(try store.receipts().map(\.id) == [1])
            let triggers = raw.query("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            #expect(triggers == [["33"]])
            // The same triggers, word for word, as a round made by this version.
            let fresh = try makeRound(in: root, name: "fresh")
            let schema = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            #expect(raw.query(schema) == RawDatabase(path: fresh.databasePath).query(schema))
        }
    }

    @Test("a version-3 round is brought to version 4: its newest counted receipt takes no line afterwards")
    func fromVersionThree() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/round"
            do {
                let store = try makeRound(in: root)
                try store.record(acceptedReceipt(fileName: "a.csv"))
            }
            // Back to version 3 as that version made it: its trigger without the totals' condition.
            let raw = RawDatabase(path: directory + "/round.sqlite")
            let versionThree = """
                DROP TRIGGER lines_only_with_their_receipt;
                CREATE TRIGGER lines_only_with_their_receipt BEFORE INSERT ON lines
                WHEN NEW.receipt_id IS NOT (SELECT max(id) FROM receipts)
                BEGIN SELECT RAISE(ABORT, '\(Schema.appendOnlyMessage): lines are stored only with their receipt'); END;
                PRAGMA user_version = 3;
                """
            #expect(raw.execute(versionThree).code == SQLITE_OK)
            let forged = "INSERT INTO lines VALUES (1, 99, 99, '9', 'IV.5.a', 'forged', '', NULL, NULL, NULL, 1, '')"
            let store = try RoundStore.open(directory: directory)
            #expect(raw.query("PRAGMA user_version") == [["4"]])
            let attempt = raw.execute(forged)
            #expect(attempt.code != SQLITE_OK)
            #expect(attempt.message.contains("lines are stored only with their receipt"), "\(attempt.message)")
            #expect(raw.query("SELECT count(*) FROM lines WHERE description = 'forged'") == [["0"]])
            // Recording still stores a receipt's rows with it, before its totals.
            let second = try store.record(acceptedReceipt(fileName: "b.csv"))
            #expect(raw.query("SELECT count(*) FROM lines WHERE receipt_id = \(second.id)") != [["0"]])
        }
    }

    @Test("a migrated round records and voids like a new one; opening it again migrates nothing")
    func usedAfterMigration() throws {
        try withTemporaryDirectory { root in
            let directory = try Self.versionOneRound(in: root)
            do {
                let store = try RoundStore.open(directory: directory)
                let second = try store.record(acceptedReceipt(fileName: "second.csv"))
                #expect(second.id == 2)
                try store.write { writer in
                    try writer.insertVoid(
                        receiptID: 1, reason: "nhầm", at: sampleRecordedAt, clockKind: .system, by: .commandLine)
                }
            }
            let reopened = try RoundStore.open(directory: directory)
            let receipts = try reopened.receipts()
            #expect(receipts.map(\.id) == [1, 2])
            #expect(receipts.first?.voided?.reason == "nhầm")
            #expect(receipts.last?.voided == nil)
            #expect(try reopened.verify() == [])
            let raw = RawDatabase(path: reopened.databasePath)
            #expect(raw.query("SELECT id FROM receipt_numbers ORDER BY id") == [["1"], ["2"]])
        }
    }

    @Test("a receipt deleted behind the triggers, even the last, is found by verify")
    func deletedLastFound() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(fileName: "a.csv"))
            try store.record(acceptedReceipt(fileName: "b.csv"))
            let raw = RawDatabase(path: store.databasePath)
            let drop = """
                DROP TRIGGER receipts_no_delete; DROP TRIGGER lines_no_delete; DROP TRIGGER item_totals_no_delete;
                DELETE FROM lines WHERE receipt_id = 2; DELETE FROM item_totals WHERE receipt_id = 2;
                DELETE FROM receipts WHERE id = 2;
                """
            #expect(raw.execute(drop).code == SQLITE_OK)
            #expect(try store.verify() == [.receiptsMissing(from: 2, to: 2)])
        }
    }
}
