import BudgetCore
import CSQLite
import Foundation
import Testing

@testable import BudgetStore

/// `verify()` runs SQLite's page and reference checks, then a share of the re-hash, on a
/// connection of its own, on another thread (``BackgroundCheck``): what it finds there must
/// still reach the caller.
@Suite("Tamper checks on their own connection")
struct BackgroundCheckTests {
    @Test("a reference to a receipt that is not there is found, beside a sound round's empty answer")
    func danglingReference() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(fileName: "a.csv"))
            #expect(try store.verify() == [])
            let raw = RawDatabase(path: store.databasePath)
            let forged = raw.execute(
                """
                PRAGMA foreign_keys = OFF;
                INSERT INTO findings (receipt_id, ordinal, code, severity, variant, arguments)
                VALUES (7, 1, 'bad-number', 'error', '', '{}');
                """)
            #expect(forged.code == SQLITE_OK, "\(forged.message)")
            let problems = try store.verify()
            #expect(problems.count == 1)
            guard case .danglingReferences(let rows) = problems.first else {
                Issue.record("expected a dangling reference, got \(problems)")
                return
            }
            #expect(
                rows.count == 1 && rows[0].hasPrefix("findings row ") && rows[0].hasSuffix(" → receipts"), "\(rows)")
            // Without pages, the reference check is left out.
            #expect(try store.verify(pages: false) == [])
        }
    }

    @Test("a damaged page of a table that opening does not read is found")
    func damagedPage() throws {
        try withTemporaryDirectory { root in
            let path: String
            do {
                let store = try makeRound(in: root)
                try store.record(acceptedReceipt(fileName: "a.csv"))
                path = store.databasePath
            }
            let raw = RawDatabase(path: path)
            let rootPage = try #require(
                raw.query("SELECT rootpage FROM sqlite_schema WHERE name = 'findings'").first?.first ?? nil)
            let pageSize = try #require(raw.query("PRAGMA page_size").first?.first ?? nil)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let offset = (try #require(Int(rootPage)) - 1) * (try #require(Int(pageSize)))
            // The page's cell content area said to start at byte 1, inside its own header:
            // SQLite reads on and reports "free space corruption" rather than failing.
            bytes[offset + 5] = 0x00
            bytes[offset + 6] = 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let reopened = try RoundStore.open(directory: root + "/round")
            let problems = try reopened.verify()
            guard case .damagedPages(let lines) = problems.first, problems.count == 1 else {
                Issue.record("expected damaged pages alone, got \(problems)")
                return
            }
            #expect(lines.contains { $0.contains("free space corruption") }, "\(lines)")
        }
    }

    @Test("checks that cannot run are an error, not a clean bill")
    func cannotRun() throws {
        try withTemporaryDirectory { root in
            let check = BackgroundCheck(databasePath: root + "/nowhere/round.sqlite")
            #expect(throws: StoreError.self) { try check.problems() }
            // Asking again gives the same answer, without waiting again.
            #expect(throws: StoreError.self) { try check.problems() }
        }
    }

    @Test("the re-hash shared by two connections finds exactly the files changed, in order")
    func sharedRehash() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            var files: [(id: Int64, sha256: String)] = []
            for index in 0..<40 {
                // Sizes from a few bytes to more than one read buffer (1 MiB), so that a
                // file is read in several pieces.
                let size = index % 13 == 5 ? (1 << 20) + 3 * index : 50 * index + 1
                let content = String(repeating: "\(index % 10)", count: size)
                let stored = try store.record(
                    acceptedReceipt(fileName: "f\(index).csv", agency: "BAOKT", content: content))
                files.append((stored.id, stored.sha256))
            }
            #expect(try store.verify(pages: true, rehashing: files) == [])
            let raw = RawDatabase(path: store.databasePath)
            let triggers = raw.query("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'receipts'")
            let forged = raw.execute(
                triggers.compactMap { $0.first ?? nil }.map { "DROP TRIGGER \($0);" }.joined()
                    + "UPDATE receipts SET bytes = CAST('seven' AS BLOB), size = 5 WHERE id = \(files[7].id);"
                    + "UPDATE receipts SET bytes = zeroblob(2000000), size = 2000000 WHERE id = \(files[31].id);")
            #expect(forged.code == SQLITE_OK, "\(forged.message)")
            let expected: [LedgerProblem] = [
                .bytesChanged(receipt: files[7].id, recorded: files[7].sha256, actual: SHA256.hex(Array("seven".utf8))),
                .bytesChanged(
                    receipt: files[31].id, recorded: files[31].sha256,
                    actual: SHA256.hex([UInt8](repeating: 0, count: 2_000_000))),
            ]
            for pages in [false, true] {
                #expect(try store.verify(pages: pages, rehashing: files) == expected)
            }
            // A receipt that is not there hashes as nothing.
            let missing = try store.verify(pages: false, rehashing: [(999, files[0].sha256)])
            #expect(missing == [.bytesChanged(receipt: 999, recorded: files[0].sha256, actual: SHA256.hex([]))])
        }
    }

    @Test("checks started before the files are known see every receipt recorded meanwhile")
    func startedEarly() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let first = try store.record(acceptedReceipt(fileName: "a.csv", content: "first file"))
            let checks = store.startChecks()
            // A submit commits between the start and the files: its receipt is re-hashed
            // from a snapshot that holds it, not reported as missing bytes.
            let second = try store.record(acceptedReceipt(fileName: "b.csv", content: "second file"))
            let files = [first, second].map { ($0.id, $0.sha256) }
            #expect(try store.verify(rehashing: files, checks: checks) == [])
            #expect(try checks.problems() == [])
        }
    }

    @Test("checks dropped before their files came are released, not left waiting", .timeLimit(.minutes(1)))
    func droppedEarly() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            var checks: BackgroundCheck? = store.startChecks(pages: false)
            let queue = try #require(checks?.rehash)
            checks = nil
            // The thread waits on this queue; it must have been given (no) files.
            #expect(queue.waitForFiles() == false)
            #expect(try queue.problems() == [])
        }
    }
}
