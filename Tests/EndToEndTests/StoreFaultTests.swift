import BudgetTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A round's store that cannot be read or written: exit 4, a message in the chosen
/// language that names the problem, and nothing changed.
@Suite("Store faults: exit 4, a clear message, nothing recorded")
struct StoreFaultTests {
    /// Submits a valid file to `round` in English and in Vietnamese, and `status` once, and
    /// checks each exits 4 with the expected words, leaving the directory byte for byte as
    /// it was.
    static func expectRefused(
        _ round: TestRound, english: String, vietnamese: String, runAs prefix: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = DirectorySnapshot(round.directory)
        let file = KonTum.example("so-thong-tin.csv")
        for (language, words) in [("en", english), ("vi", vietnamese)] {
            let result = try runBudget(
                prefix, ["--lang", language, "submit", file, "--round", round.directory, "--format", "json"])
            #expect(result.status == 4, "submit --lang \(language): \(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "no receipt is printed: \(result.stdout)", sourceLocation: sourceLocation)
            #expect(
                result.stderr.contains(words), "submit --lang \(language) should say “\(words)”: \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(
                result.stderr.hasPrefix(language == "vi" ? "budget submit: lỗi: " : "budget submit: error: "),
                "\(result.stderr)", sourceLocation: sourceLocation)
        }
        let status = try runBudget(prefix, ["status", "--round", round.directory])
        #expect(status.status == 4, "status: \(status.stderr)", sourceLocation: sourceLocation)
        #expect(status.stderr.contains(english), "status: \(status.stderr)", sourceLocation: sourceLocation)
        #expect(DirectorySnapshot(round.directory) == before, "the round changed", sourceLocation: sourceLocation)
    }

    /// `budget ARGUMENTS`, behind `prefix` (such as setpriv) when there is one.
    static func runBudget(_ prefix: [String], _ arguments: [String]) throws -> Binary.Result {
        let environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
        if prefix.isEmpty { return try Program.run(Binary.url.path, arguments, environment: environment) }
        return try Program.run(
            prefix[0], Array(prefix.dropFirst()) + [Binary.url.path] + arguments, environment: environment)
    }

    /// A round holding one accepted submission.
    static func roundWithOneReceipt(_ label: String) throws -> TestRound {
        let round = try TestRound(label)
        let first = try round.submit(KonTum.example("bao-kon-tum.csv"))
        guard first.result.status == 0 else { throw SQLiteShell.Failure(description: first.result.stderr) }
        return round
    }

    @Test("a database file overwritten with garbage: exit 4, “damaged”, left as it is")
    func corrupt() throws {
        let round = try Self.roundWithOneReceipt("corrupt")
        var generator = SplitMix(seed: 42)
        let garbage = (0..<65_536).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        try Data(garbage).write(to: URL(fileURLWithPath: round.database))
        try Self.expectRefused(
            round, english: "is damaged or is not a SQLite database",
            vietnamese: "bị hỏng hoặc không phải là cơ sở dữ liệu SQLite")
    }

    @Test(
        "a round whose database lost its second half: exit 4, “damaged”, left as it is",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"))
    func truncated() throws {
        let round = try Self.roundWithOneReceipt("truncated")
        // Make the file large enough that the meta row and receipts are on separate pages.
        for index in 0..<3 {
            let generated = GeneratedSubmission.baokt(lines: 400, tag: "copy \(index)")
            let file = try round.scratch.write("bao-\(index).csv", generated.bytes)
            #expect(try round.submit(file).result.status == 0)
        }
        let size = try FileManager.default.attributesOfItem(atPath: round.database)[.size] as? Int ?? 0
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: round.database))
        try handle.truncate(atOffset: UInt64(size / 2 / 4096 * 4096))
        try handle.close()
        let before = DirectorySnapshot(round.directory)
        let result = try Binary.run(
            ["submit", KonTum.example("so-thong-tin.csv"), "--round", round.directory],
            environment: Program.clock(KonTum.beforeDeadline))
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("is damaged or is not a SQLite database"), "\(result.stderr)")
        #expect(DirectorySnapshot(round.directory) == before)
    }

    @Test(
        "another program's SQLite database: exit 4, “not a budget round”, untouched",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"))
    func foreign() throws {
        let scratch = Scratch("foreign")
        let directory = scratch.sub("round")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try SQLiteShell.query(
            directory + "/round.sqlite",
            "CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES ('Nguyễn Văn A', '0260 3862 000');"
        )
        let round = TestRound(existing: directory, scratch: scratch)
        try Self.expectRefused(
            round, english: "is a SQLite database but not a budget round",
            vietnamese: "là cơ sở dữ liệu SQLite nhưng không phải của một đợt tiếp nhận")
        #expect(try SQLiteShell.query(round.database, "SELECT name FROM contacts") == "Nguyễn Văn A")
    }

    /// How to run as someone the round's permissions keep out: `nobody` when we are root
    /// (root passes every permission check), else ourselves.
    static var outsider: [String]? {
        if !Program.isRoot { return [] }
        guard let setpriv = Program.setpriv else { return nil }
        return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    }

    @Test(
        "a round directory that may not be entered: exit 4, “Permission denied”, unchanged",
        .enabled(if: outsider != nil, "as root, needs setpriv to run as nobody"))
    func directoryWithoutPermission() throws {
        let round = try Self.roundWithOneReceipt("no-permission")
        #expect(chmod(round.directory, 0o700) == 0)
        if !Program.isRoot { #expect(chmod(round.directory, 0o000) == 0) }
        defer { _ = chmod(round.directory, 0o755) }
        try Self.expectRefused(
            round, english: "Permission denied on", vietnamese: "Không có quyền truy cập", runAs: Self.outsider ?? [])
    }

    @Test(
        "a round that may be read but not written: submit exits 4, “Permission denied”, unchanged",
        .enabled(if: outsider != nil, "as root, needs setpriv to run as nobody"))
    func readOnlyRound() throws {
        let round = try Self.roundWithOneReceipt("read-only")
        #expect(chmod(round.directory, 0o755) == 0)
        #expect(chmod(round.database, 0o644) == 0)
        if !Program.isRoot {
            #expect(chmod(round.database, 0o444) == 0)
            #expect(chmod(round.directory, 0o555) == 0)
        }
        defer { _ = chmod(round.directory, 0o755) }
        try Self.expectRefused(
            round, english: "Permission denied on", vietnamese: "Không có quyền truy cập", runAs: Self.outsider ?? [])
    }

    @Test(
        "a round whose stored plan no longer loads: exit 4, the message says so, unchanged",
        .enabled(if: Program.sqlite3 != nil, "needs sqlite3"),
        arguments: [
            "{\"format\": \"budget-plan/1\", \"id\": \"kon-tum-2020\"",  // cut short: not JSON
            "{\"format\": \"budget-plan/1\", \"id\": \"kon-tum-2020\", \"title\": \"T\", \"timeZone\": \"Mars/Olympus\", \"deadline\": \"2020-03-10\", \"agencies\": [], \"items\": []}",
        ])
    func planNoLongerLoads(plan: String) throws {
        let round = try Self.roundWithOneReceipt("bad-plan")
        // Tampering, on a copy made for the test: the append-only trigger must go first.
        let trigger = try SQLiteShell.query(
            round.database, "SELECT sql FROM sqlite_master WHERE name = 'meta_no_update'")
        #expect(trigger.hasPrefix("CREATE TRIGGER meta_no_update"))
        let hex = plan.utf8.map { String(format: "%02x", $0) }.joined()
        _ = try SQLiteShell.query(
            round.database, "DROP TRIGGER meta_no_update; UPDATE meta SET plan = x'\(hex)'; \(trigger);")
        #expect(
            try SQLiteShell.query(round.database, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") == "33")
        try Self.expectRefused(
            round, english: "no longer loads", vietnamese: "không đọc được nữa")
    }

    @Test(
        "a full disk (a tmpfs filled up): exit 4, “full”, nothing recorded; once space is freed the round goes on",
        .enabled(if: Program.isRoot, "needs root to mount a small tmpfs"),
        arguments: [0, 300 * 1024])
    func fullDisk(leaveFree: Int) throws {
        let scratch = Scratch("full-disk")
        let mountPoint = scratch.sub("mnt")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mount = try Program.run(
            Program.find("mount") ?? "/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mountPoint])
        try #require(mount.status == 0, "mount -t tmpfs failed (\(mount.stderr)); cannot make a full disk here")
        defer { _ = try? Program.run(Program.find("umount") ?? "/bin/umount", [mountPoint]) }

        let directory = mountPoint + "/round"
        let made = try Binary.run(
            ["init", directory, "--plan", KonTum.plan], environment: Program.clock(KonTum.beforeDeadline))
        try #require(made.status == 0, "\(made.stderr)")
        let round = TestRound(existing: directory, scratch: scratch)
        #expect(try round.submit(KonTum.example("bao-kon-tum.csv")).result.status == 0)

        // Fill the disk, leaving `leaveFree` bytes: none (the log cannot even start), or some
        // (the transaction starts and runs out of space half-way through a large file).
        let filler = mountPoint + "/filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        var free = try Self.freeBytes(mountPoint)
        let block = Data(count: 4096)
        while free > leaveFree {
            do { try handle.write(contentsOf: block) } catch { break }
            free = try Self.freeBytes(mountPoint)
        }
        try handle.close()

        let large = try scratch.write("bao-lon.csv", GeneratedSubmission.baokt(lines: 6_000, tag: "full").bytes)
        let before = DirectorySnapshot(directory)
        for language in ["en", "vi"] {
            let result = try Program.run(
                Binary.url.path, ["--lang", language, "submit", large, "--round", directory],
                environment: Program.budgetEnvironment(now: KonTum.beforeDeadline))
            #expect(result.status == 4, "free \(leaveFree): \(result.stderr)")
            #expect(
                result.stderr.contains(language == "en" ? "is full (or over quota)" : "đã đầy (hoặc hết hạn mức)"),
                "free \(leaveFree): \(result.stderr)")
        }
        var after = DirectorySnapshot(directory)
        // SQLite may leave its shared-memory index (and an empty log) beside the file; the
        // record is the database file, which must be byte for byte as it was.
        after.files = after.files.filter { $0.key == "round.sqlite" }
        #expect(after.files == before.files.filter { $0.key == "round.sqlite" }, "free \(leaveFree)")

        try FileManager.default.removeItem(atPath: filler)
        #expect(try round.submissionsInStatus() == 1)
        #expect(RoundInvariants.problems(round.database) == [])
        let next = try round.submit(KonTum.example("so-thong-tin.csv"))
        #expect(next.result.status == 0, "\(next.result.stderr)")
        #expect(next.json?["receipt"] as? Int == 2)
    }

    static func freeBytes(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: path)
        return (attributes[.systemFreeSize] as? NSNumber)?.intValue ?? 0
    }
}
