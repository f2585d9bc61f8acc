import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

@Suite("Streaming many lines")
struct StreamingTests {
    /// A counted receipt with `count` lines, built and dropped inside the call so that its
    /// memory is free again before the lines are read back.
    static func recordBigReceipt(_ store: RoundStore, lines count: Int) throws -> (StoredReceipt, TimeInterval) {
        var lines: [EstimateLine] = []
        lines.reserveCapacity(count)
        var totals: [String: Money] = [:]
        for index in 0..<count {
            let item = "IV.\(index % 7).a"
            let amount = Money(dong: Int64(index % 1000) * 1_000 + 500)
            lines.append(
                EstimateLine(
                    line: index + 7, number: String(index + 1), itemCode: item,
                    description: "Tuyên truyền cổ động trực quan đợt \(index)", unit: "pa nô",
                    quantity: Quantity(mantissa: Int64(index % 50) + 1, scale: 1),
                    unitPrice: Money(dong: 10_000), amount: amount, note: index % 10 == 0 ? "ghi chú" : ""))
            totals[item] = (totals[item] ?? .zero).adding(amount)
        }
        let bytes = Array("big file \(count)".utf8)
        let receipt = NewReceipt(
            fileName: "big.csv", bytes: bytes, sha256: SHA256.hex(bytes), agency: "BIG",
            recordedAt: sampleRecordedAt, clockKind: .system, decision: .accepted, valid: true,
            total: Money.sum(totals.values), lineCount: count, encoding: "utf-8", findings: [],
            lines: lines, itemTotals: totals)
        let start = Date()
        let stored = try store.record(receipt)
        return (stored, Date().timeIntervalSince(start))
    }

    /// Streams every line of `id`, checking order and content as it goes; returns the count,
    /// the seconds taken and the growth of peak resident memory (when measurable).
    static func streamAll(
        _ store: RoundStore, _ id: Int64
    ) throws -> (count: Int, seconds: TimeInterval, peakGrowth: Int?) {
        let canMeasure = ResidentMemory.resetPeak()
        let base = ResidentMemory.current
        var count = 0
        var sum: Int64 = 0
        var inOrder = true
        let start = Date()
        try store.forEachLine(receiptIDs: [id]) { _, line in
            if line.line != count + 7 { inOrder = false }
            count += 1
            sum &+= line.amount?.dong ?? 0
        }
        let seconds = Date().timeIntervalSince(start)
        #expect(inOrder)
        #expect(sum > 0)
        var growth: Int? = nil
        if canMeasure, let base, let peak = ResidentMemory.peak { growth = peak - base }
        return (count, seconds, growth)
    }

    static let childRoundVariable = "BUDGET_STORE_TEST_STREAM_ROUND"

    /// Streams the round's receipt 1 in a fresh child process (this test binary run again),
    /// so that its peak memory is not hidden by heap pages the parent freed; `nil` where
    /// the test runner cannot be started as a child.
    static func streamInChild(directory: String) throws -> (count: Int, seconds: Double, peakGrowth: Int, peak: Int)? {
        guard let executable = ConcurrencyTests.testExecutable else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--testing-library", "swift-testing", "--filter", "streamChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[childRoundVariable] = directory
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let line = output.split(separator: "\n").first(where: { $0.hasPrefix("STREAM ") })
        else { return nil }
        let fields = line.split(separator: " ")
        guard fields.count == 5, let count = Int(fields[1]), let seconds = Double(fields[2]),
            let growth = Int(fields[3]), let peak = Int(fields[4])
        else { return nil }
        return (count, seconds, growth, peak)
    }

    @Test(
        "child process: streams receipt 1 of the round it is given and reports its memory",
        .enabled(if: ProcessInfo.processInfo.environment[childRoundVariable] != nil, "runs only as a child"))
    func streamChild() throws {
        let directory = try #require(ProcessInfo.processInfo.environment[StreamingTests.childRoundVariable])
        let store = try RoundStore.open(directory: directory)
        let result = try StreamingTests.streamAll(store, 1)
        print("STREAM \(result.count) \(result.seconds) \(result.peakGrowth ?? -1) \(ResidentMemory.peak ?? -1)")
    }

    @Test("two hundred thousand lines stream back in order in constant memory")
    func constantMemory() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            let count = 200_000
            let (stored, _) = try StreamingTests.recordBigReceipt(store, lines: count)
            #expect(stored.id == 1)
            let result = try StreamingTests.streamAll(store, stored.id)
            #expect(result.count == count)
            let totals = try store.itemTotals(receiptIDs: [stored.id])
            #expect(totals.count == 7)
            #expect(Money.sum(totals.map(\.amount)) == stored.total)

            // Memory, measured in a fresh process. Holding 200 000 lines would take well over
            // 40 MB; streaming holds one at a time plus SQLite's page cache (2 MB by default).
            if let child = try StreamingTests.streamInChild(directory: store.directory) {
                #expect(child.count == count)
                if child.peakGrowth >= 0 && !underAddressSanitizer {
                    #expect(child.peakGrowth < 12 * 1024 * 1024, "peak grew by \(child.peakGrowth / 1024) KiB")
                }
            }
        }
    }

    /// The release measurement for the report: `BUDGET_STORE_BENCH=1 swift test -c release
    /// --filter StreamingTests`.
    @Test(
        "measurement: a million lines, and 1 000-line receipts",
        .enabled(if: ProcessInfo.processInfo.environment["BUDGET_STORE_BENCH"] != nil, "set BUDGET_STORE_BENCH=1"))
    func measurement() throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            var thousand: [TimeInterval] = []
            for index in 0..<20 {
                let receipt = acceptedReceipt(fileName: "r\(index).csv", lineCount: 1000, content: "r\(index)")
                let start = Date()
                try store.record(receipt)
                thousand.append(Date().timeIntervalSince(start))
            }
            let (stored, recordSeconds) = try StreamingTests.recordBigReceipt(store, lines: 1_000_000)
            #expect(stored.id == 21)
            let inProcess = try StreamingTests.streamAll(store, stored.id)
            #expect(inProcess.count == 1_000_000)
            // The child streams receipt 1: copy the big receipt into a round of its own.
            let alone = try makeRound(in: root, name: "alone")
            _ = try StreamingTests.recordBigReceipt(alone, lines: 1_000_000)
            let child = try StreamingTests.streamInChild(directory: alone.directory)
            #expect(child?.count == 1_000_000)
            let sorted = thousand.sorted()
            let fileSize = (try? FileManager.default.attributesOfItem(atPath: store.databasePath)[.size] as? Int) ?? 0
            print(
                """
                BENCH record 1000-line receipt: median \(String(format: "%.1f", sorted[sorted.count / 2] * 1000)) ms, \
                max \(String(format: "%.1f", (sorted.last ?? 0) * 1000)) ms
                BENCH record 1000000-line receipt: \(String(format: "%.2f", recordSeconds)) s
                BENCH stream 1000000 lines in process: \(String(format: "%.2f", inProcess.seconds)) s
                BENCH stream 1000000 lines in a fresh process: \(child.map { String(format: "%.2f", $0.seconds) } ?? "n/a") s, \
                peak RSS growth while streaming \(child.map { "\($0.peakGrowth / 1024) KiB" } ?? "n/a"), \
                the child's peak RSS after streaming \(child.map { "\($0.peak / 1024 / 1024) MiB" } ?? "n/a")
                BENCH database size \(fileSize / 1024 / 1024) MiB
                """)
        }
    }
}
