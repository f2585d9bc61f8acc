import BudgetCore
import CSQLite
import Foundation

@testable import BudgetStore

#if canImport(Glibc)
    import Glibc
#endif

/// A fresh directory under the system's temporary directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("budget-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer {
        // A test may have removed permissions; give them back so the clean-up succeeds.
        _ = try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: url.path)
        try? FileManager.default.removeItem(at: url)
    }
    return try body(url.path)
}

/// A plan file's bytes as `budget init` would keep them.
let samplePlan = Array(
    """
    {"format": "budget-plan/1", "id": "kon-tum-2020", "title": "Kế hoạch tuyên truyền",
     "timeZone": "Asia/Ho_Chi_Minh", "deadline": "2020-03-10", "agencies": [], "items": []}
    """.utf8)

/// 2020-03-05T09:30:00.250+07:00, a whole millisecond.
let sampleRecordedAt = InstantText.date(milliseconds: 1_583_375_400_250)

/// Creates a round in a fresh subdirectory of `directory`.
func makeRound(in directory: String, name: String = "round") throws -> RoundStore {
    try RoundStore.create(
        directory: directory + "/" + name, planBytes: samplePlan,
        createdAt: InstantText.date(milliseconds: 1_583_280_000_000), clockKind: .simulated,
        toolVersion: "0.1.0-test")
}

/// An accepted receipt with `lineCount` lines spread over three items.
func acceptedReceipt(
    fileName: String = "baokt.csv", agency: String = "BAOKT", lineCount: Int = 3,
    content: String? = nil, recordedAt: Date = sampleRecordedAt
) -> NewReceipt {
    var lines: [EstimateLine] = []
    var totals: [String: Money] = [:]
    for index in 0..<lineCount {
        let item = ["IV.5.a", "IV.2.a", "I.1"][index % 3]
        let amount = Money(dong: Int64(1_000 + index) * 1_000)
        lines.append(
            EstimateLine(
                line: 7 + index, number: String(index + 1), itemCode: item,
                description: "Phóng sự chuyên đề số \(index + 1)", unit: "kỳ",
                quantity: Quantity(mantissa: 10, scale: 0), unitPrice: Money(dong: Int64(100 + index) * 1_000),
                amount: amount, note: ""))
        totals[item] = (totals[item] ?? .zero).adding(amount)
    }
    let bytes = Array((content ?? "STT,Mã nội dung,Thành tiền\n\(fileName) \(lineCount)\n").utf8)
    let total = Money.sum(lines.compactMap(\.amount))
    return NewReceipt(
        fileName: fileName, bytes: bytes, sha256: SHA256.hex(bytes), agency: agency,
        recordedAt: recordedAt, clockKind: .system, decision: .accepted, valid: true,
        total: total, lineCount: lines.count, encoding: "utf-8", findings: [], lines: lines,
        itemTotals: totals)
}

/// A returned (invalid) receipt with one error finding.
func returnedReceipt(
    fileName: String = "bad.csv", agency: String? = "BAOKT", content: String = "garbage\n"
)
    -> NewReceipt
{
    let bytes = Array(content.utf8)
    return NewReceipt(
        fileName: fileName, bytes: bytes, sha256: SHA256.hex(bytes), agency: agency,
        recordedAt: sampleRecordedAt, clockKind: .system, decision: .returned, valid: false,
        total: nil, lineCount: 0, encoding: "utf-8",
        findings: [Finding(.noHeader, file: fileName)], lines: [], itemTotals: [:])
}

/// Raw access to a database file through SQLite's C API, independent of the store's own
/// code: what a user with a SQLite shell could do.
struct RawDatabase {
    let path: String

    /// Runs `sql`; returns SQLite's result code and message.
    @discardableResult
    func execute(_ sql: String) -> (code: Int32, message: String) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK,
            let db = handle
        else {
            sqlite3_close(handle)
            return (SQLITE_CANTOPEN, "cannot open")
        }
        defer { sqlite3_close(db) }
        sqlite3_busy_timeout(db, 10_000)
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &error)
        let message = error.map { String(cString: $0) } ?? ""
        sqlite3_free(error)
        return (code, message)
    }

    /// Every row of `sql`, each column as text (`nil` for NULL; blobs as hex).
    func query(_ sql: String) -> [[String?]] {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK, let db = handle else {
            sqlite3_close(handle)
            return []
        }
        defer { sqlite3_close(db) }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let stmt = statement else {
            return []
        }
        defer { sqlite3_finalize(stmt) }
        var rows: [[String?]] = []
        while sqlite3_step(stmt) == SQLITE_ROW {
            var row: [String?] = []
            for column in 0..<sqlite3_column_count(stmt) {
                switch sqlite3_column_type(stmt, column) {
                case SQLITE_NULL: row.append(nil)
                case SQLITE_BLOB:
                    let count = Int(sqlite3_column_bytes(stmt, column))
                    let bytes =
                        sqlite3_column_blob(stmt, column).map {
                            [UInt8](UnsafeRawBufferPointer(start: $0, count: count))
                        } ?? []
                    row.append(SHA256.hexEncoded(bytes))
                default: row.append(sqlite3_column_text(stmt, column).map { String(cString: $0) })
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// A digest of every table's content, to show that a failed change changed nothing.
    func contentDigest() -> String {
        var all = ""
        for table in ["meta", "receipts", "findings", "lines", "item_totals"] {
            for row in query("SELECT * FROM \(table) ORDER BY 1, 2") {
                all += table + ":" + row.map { $0 ?? "NULL" }.joined(separator: "|") + "\n"
            }
        }
        return SHA256.hex(Array(all.utf8))
    }
}

/// Whether the process can ignore file permissions (root), in which case a permission test
/// cannot provoke the error it wants and must skip.
var runningAsRoot: Bool { geteuid() == 0 }

/// Whether the address sanitizer is linked in: its quarantine keeps freed memory out of
/// reuse, so memory-growth measurements mean nothing under it.
var underAddressSanitizer: Bool {
    #if canImport(Glibc)
        return dlsym(nil, "__asan_init") != nil
    #else
        return false
    #endif
}

/// The process's resident memory now and at its peak, in bytes, from /proc (Linux only).
enum ResidentMemory {
    static func read(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let digits = line.split(separator: " ").dropFirst().first
            return digits.flatMap { Int($0) }.map { $0 * 1024 }
        }
        return nil
    }

    /// Resets the peak (VmHWM) to the current size; `false` where the kernel does not allow it.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    static var current: Int? { read("VmRSS") }
    static var peak: Int? { read("VmHWM") }
}
