import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Times on the Kon Tum plan's clock (deadline: the end of 2020-03-10, Asia/Ho_Chi_Minh).
enum KonTum {
    static let plan = Binary.path("Templates/plans/kon-tum-2020.json")
    static func example(_ name: String) -> String { Binary.path("Examples/submissions/" + name) }

    /// A working morning before the deadline.
    static let beforeDeadline = "2020-03-09T10:00:00+07:00"
    /// The last second that is on time.
    static let lastSecond = "2020-03-10T23:59:59+07:00"
    /// The first second that is late.
    static let nextDay = "2020-03-11T00:00:00+07:00"
}

/// A fresh directory, removed (permissions restored first) when the value goes.
final class Scratch: @unchecked Sendable {
    let path: String

    init(_ label: String) {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("budget-e2e-\(label)-\(UUID().uuidString.prefix(8))").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func sub(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes `bytes` to a file in the scratch directory and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = sub(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    deinit {
        _ = try? Program.run("/bin/chmod", ["-R", "u+rwX", path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Programs other than `budget`: the sqlite3 shell, strace, setpriv, mount.
enum Program {
    static func find(_ name: String) -> String? {
        for directory in ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"] {
            let path = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static let sqlite3 = find("sqlite3")
    static let strace = find("strace")
    static let setpriv = find("setpriv")
    static var isRoot: Bool { geteuid() == 0 }

    /// Runs a program to its end; standard output and error go through files, so a chatty
    /// program cannot block on a full pipe.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) throws
        -> Binary.Result
    {
        let scratchOut = FileManager.default.temporaryDirectory.appendingPathComponent("budget-e2e-out-\(UUID())")
        let scratchErr = FileManager.default.temporaryDirectory.appendingPathComponent("budget-e2e-err-\(UUID())")
        _ = FileManager.default.createFile(atPath: scratchOut.path, contents: nil)
        _ = FileManager.default.createFile(atPath: scratchErr.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: scratchOut)
            try? FileManager.default.removeItem(at: scratchErr)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = try FileHandle(forWritingTo: scratchOut)
        let err = try FileHandle(forWritingTo: scratchErr)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Binary.Result(
            status: status, stdout: (try? String(contentsOf: scratchOut, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: scratchErr, encoding: .utf8)) ?? "")
    }

    /// What `Binary.run` adds to the environment: the simulated clock, no backtracer.
    static func clock(_ now: String) -> [String: String] {
        ["BUDGET_NOW": now, "SWIFT_BACKTRACE": "enable=no"]
    }

    /// The environment `budget` runs with in these tests: English messages, a simulated
    /// clock when `now` is given, no colour, no backtracer.
    static func budgetEnvironment(now: String?, extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["NO_COLOR"] = "1"
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.removeValue(forKey: "BUDGET_NOW")
        if let now { environment["BUDGET_NOW"] = now }
        for (key, value) in extra { environment[key] = value }
        return environment
    }
}

/// Queries a round's database with the sqlite3 shell, as an auditor would.
enum SQLiteShell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `sql` on `database` and returns standard output (rows as `a|b`, one a line).
    static func query(_ database: String, _ sql: String) throws -> String {
        guard let sqlite3 = Program.sqlite3 else { throw Failure(description: "sqlite3 is not installed") }
        let result = try Program.run(sqlite3, ["-batch", database, sql])
        guard result.status == 0 else {
            throw Failure(description: "sqlite3 exited \(result.status): \(result.stderr)")
        }
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    /// Runs `sql` and returns (exit status, standard error): for statements meant to fail.
    static func attempt(_ database: String, _ sql: String) throws -> Binary.Result {
        guard let sqlite3 = Program.sqlite3 else { throw Failure(description: "sqlite3 is not installed") }
        return try Program.run(sqlite3, ["-batch", "-bail", database, sql])
    }

    static func integer(_ database: String, _ sql: String) throws -> Int {
        let text = try query(database, sql)
        guard let value = Int(text) else { throw Failure(description: "not an integer: \(text)") }
        return value
    }
}

/// The store's all-or-nothing invariants, checked from outside with the sqlite3 shell.
enum RoundInvariants {
    /// Receipts that break the all-or-nothing rule, one line each: a counted receipt whose
    /// lines, line count, line amounts and item totals disagree with its total; a receipt
    /// that does not count but has lines or item totals; findings not numbered 1…k; a size
    /// that is not the length of the stored bytes; a `duplicate_of` that names no earlier
    /// identical receipt.
    static let partialRecords = """
        SELECT 'receipt ' || r.id || ': ' || p.problem FROM receipts r,
        (SELECT 'counted, but lines/line_count/item totals disagree with the total' AS problem, 1 AS kind
         UNION ALL SELECT 'not counted, but has lines or item totals', 2
         UNION ALL SELECT 'findings not numbered 1..k', 3
         UNION ALL SELECT 'size is not the length of its bytes', 4
         UNION ALL SELECT 'duplicate_of names no earlier identical receipt', 5) p
        WHERE (p.kind = 1 AND r.decision IN ('accepted', 'accepted-late') AND (
                  (EXISTS (SELECT 1 FROM lines l WHERE l.receipt_id = r.id) AND (
                         (SELECT count(*) FROM lines l WHERE l.receipt_id = r.id) <> r.line_count
                      OR (SELECT coalesce(sum(l.amount), 0) FROM lines l WHERE l.receipt_id = r.id) IS NOT r.total))
               OR (SELECT count(*) FROM item_totals t WHERE t.receipt_id = r.id) = 0
               OR (SELECT coalesce(sum(t.amount), 0) FROM item_totals t WHERE t.receipt_id = r.id) IS NOT r.total))
           OR (p.kind = 2 AND r.decision NOT IN ('accepted', 'accepted-late') AND (
                  EXISTS (SELECT 1 FROM lines l WHERE l.receipt_id = r.id)
               OR EXISTS (SELECT 1 FROM item_totals t WHERE t.receipt_id = r.id)))
           OR (p.kind = 3 AND (SELECT count(*) FROM findings f WHERE f.receipt_id = r.id)
                         <> (SELECT coalesce(max(f.ordinal), 0) FROM findings f WHERE f.receipt_id = r.id))
           OR (p.kind = 4 AND r.size <> length(r.bytes))
           OR (p.kind = 5 AND r.duplicate_of IS NOT NULL AND NOT EXISTS (
                  SELECT 1 FROM receipts e WHERE e.id = r.duplicate_of AND e.id < r.id AND e.sha256 = r.sha256))
        ORDER BY r.id;
        """

    /// Every problem found: integrity, foreign keys, partial records. Empty when sound.
    static func problems(_ database: String) -> [String] {
        var problems: [String] = []
        do {
            let integrity = try SQLiteShell.query(database, "PRAGMA integrity_check; PRAGMA foreign_key_check;")
            if integrity != "ok" { problems.append("integrity_check: \(integrity)") }
            let partial = try SQLiteShell.query(database, partialRecords)
            if !partial.isEmpty { problems.append("partial records: \(partial)") }
        } catch {
            problems.append("\(error)")
        }
        return problems
    }

    /// The receipts on record: id → SHA-256.
    static func receipts(_ database: String) throws -> [Int: String] {
        var out: [Int: String] = [:]
        for row in try SQLiteShell.query(database, "SELECT id, sha256 FROM receipts ORDER BY id").split(separator: "\n")
        {
            let parts = row.split(separator: "|")
            if parts.count == 2, let id = Int(parts[0]) { out[id] = String(parts[1]) }
        }
        return out
    }
}

/// A round made by `budget init` in a scratch directory, and the commands run on it.
struct TestRound {
    let scratch: Scratch
    let directory: String
    var database: String { directory + "/round.sqlite" }

    /// `budget init` of the Kon Tum plan under a simulated clock.
    init(_ label: String, now: String = KonTum.beforeDeadline) throws {
        scratch = Scratch(label)
        directory = scratch.sub("round")
        let result = try Binary.run(["init", directory, "--plan", KonTum.plan], environment: Program.clock(now))
        guard result.status == 0 else {
            throw SQLiteShell.Failure(description: "budget init exited \(result.status): \(result.stderr)")
        }
    }

    /// `budget submit FILE --round DIR --format json ARGS`; the JSON when there is one.
    func submit(
        _ file: String, now: String = KonTum.beforeDeadline, _ arguments: [String] = []
    )
        throws -> (result: Binary.Result, json: [String: Any]?)
    {
        let result = try Binary.run(
            ["submit", file, "--round", directory, "--format", "json"] + arguments, environment: Program.clock(now))
        let json = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (result, json)
    }

    /// `budget status --round DIR --format json`, parsed; throws unless it exits 0.
    func status(now: String = KonTum.beforeDeadline) throws -> [String: Any] {
        let result = try Binary.run(
            ["status", "--round", directory, "--format", "json"], environment: Program.clock(now))
        guard result.status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        else {
            throw SQLiteShell.Failure(description: "budget status exited \(result.status): \(result.stderr)")
        }
        return json
    }

    /// One agency's entry in `status --format json`.
    func agency(_ code: String, now: String = KonTum.beforeDeadline) throws -> [String: Any] {
        let agencies = try status(now: now)["agencies"] as? [[String: Any]] ?? []
        guard let entry = agencies.first(where: { $0["code"] as? String == code }) else {
            throw SQLiteShell.Failure(description: "no agency \(code) in status")
        }
        return entry
    }

    /// The number of files on record, summed over the agencies in `status`.
    func submissionsInStatus(now: String = KonTum.beforeDeadline) throws -> Int {
        let agencies = try status(now: now)["agencies"] as? [[String: Any]] ?? []
        return agencies.reduce(0) { $0 + ($1["submissions"] as? Int ?? 0) }
    }
}

/// A snapshot of what a directory holds: names, sizes and SHA-256 of contents, to prove a
/// failed command changed nothing.
struct DirectorySnapshot: Equatable, CustomStringConvertible {
    var files: [String: String]

    init(_ directory: String) {
        files = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names {
            let data = FileManager.default.contents(atPath: directory + "/" + name)
            files[name] = data.map { "\($0.count) bytes, fnv \(Self.fnv1a($0))" } ?? "unreadable"
        }
    }

    static func fnv1a(_ data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }

    var description: String {
        files.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

/// Estimate files in the template's layout, generated.
enum GeneratedSubmission {
    /// A valid BAOKT estimate of `lines` lines on IV.5.b and IV.5.d; `tag` makes its bytes
    /// (and SHA-256) unique without changing whether it is valid. No total row, so any
    /// number of lines stays valid.
    static func baokt(lines: Int, tag: String) -> (bytes: [UInt8], total: Int) {
        var text = "DỰ TOÁN KINH PHÍ\nKế hoạch,kon-tum-2020\nMã đơn vị,BAOKT\nĐơn vị,Báo Kon Tum\n\n"
        text += "STT,Mã nội dung,Nội dung,Đơn vị tính,Số lượng,Đơn giá,Thành tiền,Ghi chú\n"
        var total = 0
        text.reserveCapacity(lines * 80)
        for index in 1...max(lines, 1) {
            let quantity = index % 7 + 1
            let item = index % 2 == 0 ? "IV.5.b" : "IV.5.d"
            let amount = quantity * 500_000
            total += amount
            text +=
                "\(index),\(item),\"Tin, bài phản ánh hoạt động đại hội, kỳ \(index)\",bài,\(quantity),500.000,\(amount),"
            text += index == 1 ? "\(tag)\n" : "\n"
        }
        return (Array(text.utf8), total)
    }

    /// SHA-256 of a file, by `sha256sum`.
    static func sha256(_ path: String) throws -> String {
        let result = try Program.run(Program.find("sha256sum") ?? "/usr/bin/sha256sum", [path])
        return String(result.stdout.prefix(64))
    }
}
