import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

@Suite("Creating and opening a round")
struct RoundLifecycleTests {
    @Test("a created round opens again with its plan bytes, creation time, clock and version")
    func createThenOpen() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/a/b/round"  // parents are made
            let plan: [UInt8] = samplePlan + [0x00, 0xff, 0xfe, 0x0d, 0x0a]  // not even UTF-8
            let createdAt = InstantText.date(milliseconds: 1_583_280_000_123)
            let created = try RoundStore.create(
                directory: directory, planBytes: plan, createdAt: createdAt, clockKind: .simulated,
                toolVersion: "1.2.3")
            #expect(created.meta.planBytes == plan)
            #expect(created.databasePath.hasSuffix("/round.sqlite"))

            let reopened = try RoundStore.open(directory: directory)
            #expect(reopened.meta.planBytes == plan)
            #expect(reopened.meta.planSHA256 == SHA256.hex(plan))
            #expect(reopened.meta.createdAt == createdAt)
            #expect(reopened.meta.clockKind == .simulated)
            #expect(reopened.meta.toolVersion == "1.2.3")
            #expect(reopened.meta.schemaVersion == Int(Schema.version))
            #expect(try reopened.receipts().isEmpty)
            #expect(try reopened.integrityCheck() == ["ok"])
        }
    }

    @Test("creating leaves only round.sqlite in the directory, with the round's markers set")
    func createLeavesOneFile() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let directory = store.directory
            _ = consume store  // closing folds the log back into the file
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(names == ["round.sqlite"])
            let raw = RawDatabase(path: RoundStore.databasePath(in: directory))
            #expect(raw.query("PRAGMA application_id") == [[String(Schema.applicationID)]])
            #expect(raw.query("PRAGMA user_version") == [["\(Schema.version)"]])
            #expect(raw.query("PRAGMA journal_mode") == [["wal"]])
        }
    }

    @Test("a directory that already holds a round is refused and left as it was")
    func createRefusesExistingRound() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt())
            let raw = RawDatabase(path: store.databasePath)
            let before = raw.contentDigest()
            #expect {
                _ = try makeRound(in: root)
            } throws: { ($0 as? StoreError)?.kind == .alreadyExists }
            #expect(raw.contentDigest() == before)
            #expect(try store.receipts().count == 1)
            let names = try FileManager.default.contentsOfDirectory(atPath: store.directory)
            #expect(!names.contains { $0.contains("creating") })
        }
    }

    @Test("a path that is a file cannot become a round")
    func createOnAFile() throws {
        try withTemporaryDirectory { root in
            let path = root + "/plain-file"
            _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
            #expect {
                _ = try RoundStore.create(
                    directory: path, planBytes: samplePlan, createdAt: Date(), clockKind: .system,
                    toolVersion: "t")
            } throws: { ($0 as? StoreError)?.kind == .alreadyExists }
        }
    }

    @Test("a leftover write-ahead log from another database blocks creating a round there")
    func createRefusesLeftoverLog() throws {
        try withTemporaryDirectory { root in
            _ = FileManager.default.createFile(atPath: root + "/round.sqlite-wal", contents: Data([1, 2, 3]))
            #expect {
                _ = try RoundStore.create(
                    directory: root, planBytes: samplePlan, createdAt: Date(), clockKind: .system,
                    toolVersion: "t")
            } throws: { ($0 as? StoreError)?.kind == .alreadyExists }
        }
    }

    @Test("opening a missing directory, an empty directory or a file says there is no round")
    func openWhereThereIsNoRound() throws {
        try withTemporaryDirectory { root in
            for path in [root + "/missing", root] {
                #expect {
                    _ = try RoundStore.open(directory: path)
                } throws: { error in
                    guard let error = error as? StoreError else { return false }
                    return error.kind == .notARound && error.message.vi.contains(path)
                        && error.message.en.contains(path)
                }
            }
            _ = FileManager.default.createFile(atPath: root + "/file", contents: Data())
            #expect {
                _ = try RoundStore.open(directory: root + "/file")
            } throws: { ($0 as? StoreError)?.kind == .notARound }
        }
    }

    @Test("a round stays readable while it is open by another connection")
    func twoConnections() throws {
        try withTemporaryDirectory { root in
            let first = try makeRound(in: root)
            let second = try RoundStore.open(directory: first.directory)
            try first.record(acceptedReceipt())
            #expect(try second.receipts().count == 1)
            try second.record(returnedReceipt())
            #expect(try first.receipts().map(\.id) == [1, 2])
        }
    }
}
