import BudgetCore
import CSQLite
import Foundation
import Testing

@testable import BudgetStore

@Suite("Rounds that cannot be opened")
struct OpenFailureTests {
    /// A directory holding `round.sqlite` with the given bytes.
    static func directory(in root: String, holding bytes: [UInt8]) -> String {
        let directory = root + "/round"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: directory + "/round.sqlite", contents: Data(bytes))
        return directory
    }

    @Test("a file of garbage in place of the database is reported as damaged and left alone")
    func garbage() throws {
        try withTemporaryDirectory { root in
            let garbage = (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
            let directory = OpenFailureTests.directory(in: root, holding: garbage)
            #expect {
                _ = try RoundStore.open(directory: directory)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .corrupt && error.message.vi.contains("bị hỏng")
                    && error.message.en.contains(directory + "/round.sqlite")
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: directory + "/round.sqlite"))
            #expect([UInt8](after) == garbage)
        }
    }

    @Test("a round whose pages were overwritten is reported as damaged")
    func damagedPages() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(lineCount: 500))
            let path = store.databasePath
            _ = consume store
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            // Keep the header (so it still looks like a round) and scribble over the rest.
            for index in 100..<bytes.count where index % 3 == 0 { bytes[index] = 0xa5 }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                let reopened = try RoundStore.open(directory: root + "/round")
                // The damage may lie outside what opening reads; the integrity check sees it.
                let problems = (try? reopened.integrityCheck()) ?? ["unreadable"]
                #expect(problems != ["ok"])
            } catch {
                #expect((error as? StoreError)?.kind == .corrupt)
            }
        }
    }

    @Test("another program's SQLite database is not a round, and is left untouched")
    func foreignDatabase() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/round"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let raw = RawDatabase(path: directory + "/round.sqlite")
            #expect(
                raw.execute("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An')").code == SQLITE_OK)
            #expect {
                _ = try RoundStore.open(directory: directory)
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .notARound && error.message.vi.contains("không phải của một đợt")
            }
            #expect(raw.query("SELECT name FROM contacts") == [["An"]])
            #expect(raw.query("PRAGMA journal_mode") == [["delete"]])  // not switched to WAL
        }
    }

    @Test("an empty database file is not a round")
    func emptyFile() throws {
        try withTemporaryDirectory { root in
            let directory = OpenFailureTests.directory(in: root, holding: [])
            #expect {
                _ = try RoundStore.open(directory: directory)
            } throws: { ($0 as? StoreError)?.kind == .notARound }
        }
    }

    @Test("a round written by a newer schema is refused as too new, without changing it")
    func tooNew() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let raw = RawDatabase(path: store.databasePath)
            _ = consume store
            let newer = Schema.version + 1
            #expect(raw.execute("PRAGMA user_version = \(newer)").code == SQLITE_OK)
            let before = raw.contentDigest()
            #expect {
                _ = try RoundStore.open(directory: root + "/round")
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .tooNew && error.message.en.contains("schema \(newer)")
                    && error.message.vi.contains("mới hơn")
            }
            #expect(raw.contentDigest() == before)
            #expect(raw.query("PRAGMA user_version") == [["\(newer)"]])
        }
    }

    @Test("a round without its meta row is damaged")
    func missingMeta() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/round"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let raw = RawDatabase(path: directory + "/round.sqlite")
            let schema = Schema.tables.joined(separator: ";\n")
            #expect(
                raw.execute(schema + "; PRAGMA application_id = \(Schema.applicationID); PRAGMA user_version = 1").code
                    == SQLITE_OK)
            #expect {
                _ = try RoundStore.open(directory: directory)
            } throws: { ($0 as? StoreError)?.kind == .corrupt }
        }
    }

    // Permission checks do not apply to root (CI containers often run as root): there the
    // tests below cannot provoke the error and skip, saying so. Run them as an ordinary user
    // to exercise them.

    @Test(
        "a directory without write permission refuses a new round with a permission error",
        .enabled(if: !runningAsRoot, "running as root: permission checks do not apply"))
    func createWithoutPermission() throws {
        try withTemporaryDirectory { root in
            let locked = root + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: locked)
            defer { _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: locked) }
            #expect {
                _ = try RoundStore.create(
                    directory: locked, planBytes: samplePlan, createdAt: Date(), clockKind: .system,
                    toolVersion: "t")
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .permissionDenied && error.message.en.contains(locked)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: locked).isEmpty)
        }
    }

    @Test(
        "a round in a directory made read-only cannot be opened for writing, and says why",
        .enabled(if: !runningAsRoot, "running as root: permission checks do not apply"))
    func openWithoutPermission() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let directory = store.directory
            _ = consume store
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: directory + "/round.sqlite")
            try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: directory)
            defer { _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory) }
            #expect {
                let reopened = try RoundStore.open(directory: directory)
                try reopened.record(acceptedReceipt())
            } throws: { ($0 as? StoreError)?.kind == .permissionDenied }
        }
    }

    @Test(
        "an unreadable database file is a permission error naming the file",
        .enabled(if: !runningAsRoot, "running as root: permission checks do not apply"))
    func unreadableFile() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let path = store.databasePath
            _ = consume store
            try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
            defer { _ = try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path) }
            #expect {
                _ = try RoundStore.open(directory: root + "/round")
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .permissionDenied && error.message.vi.contains(path)
            }
        }
    }
}
