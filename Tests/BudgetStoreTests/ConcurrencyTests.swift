import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

/// Results gathered from several threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [Int64] = []
    private var errors: [String] = []

    // lock()/unlock() rather than withLock, which macOS 13's Foundation lacks.
    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    func add(_ id: Int64) { locked { ids.append(id) } }
    func fail(_ error: String) { locked { errors.append(error) } }
    var allIDs: [Int64] { locked { ids } }
    var allErrors: [String] { locked { errors } }
}

@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test("eight threads, each with its own connection, record twenty receipts each at once: none lost")
    func threads() throws {
        try withTemporaryDirectory { root in
            let directory = try makeRound(in: root).directory
            let threadCount = 8
            let perThread = 20
            let collected = Collected()
            let start = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            for thread in 0..<threadCount {
                let worker = Thread {
                    defer { done.signal() }
                    start.wait()  // all begin together
                    do {
                        let store = try RoundStore.open(directory: directory)
                        for index in 0..<perThread {
                            // Every other receipt repeats an earlier thread's bytes.
                            let content = index % 2 == 0 ? "t\(thread)-r\(index)" : "shared-r\(index)"
                            var receipt = acceptedReceipt(
                                fileName: "t\(thread)-\(index).csv", agency: "A\(thread)", lineCount: 5,
                                content: content)
                            if index % 5 == 4 {
                                receipt = returnedReceipt(fileName: "t\(thread)-\(index).csv", content: content)
                            }
                            collected.add(try store.record(receipt).id)
                        }
                    } catch {
                        collected.fail("thread \(thread): \(error)")
                    }
                }
                worker.start()
            }
            for _ in 0..<threadCount { start.signal() }
            for _ in 0..<threadCount { done.wait() }

            #expect(collected.allErrors.isEmpty, "\(collected.allErrors)")
            let ids = collected.allIDs.sorted()
            #expect(ids == Array(1...Int64(threadCount * perThread)))
            let store = try RoundStore.open(directory: directory)
            let receipts = try store.receipts()
            #expect(receipts.count == threadCount * perThread)
            #expect(Set(receipts.map(\.fileName)).count == threadCount * perThread)
            #expect(try store.integrityCheck() == ["ok"])
            // Duplicates always point back to the earliest receipt with the same bytes.
            var firstBySHA: [String: Int64] = [:]
            for receipt in receipts {
                if let first = firstBySHA[receipt.sha256] {
                    #expect(receipt.duplicateOf == first)
                } else {
                    #expect(receipt.duplicateOf == nil)
                    firstBySHA[receipt.sha256] = receipt.id
                }
            }
            var lineCount = 0
            try store.forEachLine(receiptIDs: receipts.map(\.id)) { _, _ in lineCount += 1 }
            #expect(lineCount == receipts.filter { $0.decision.counts }.count * 5)
        }
    }

    @Test("a writer held off longer than the busy timeout fails with busy and writes nothing")
    func busy() throws {
        try withTemporaryDirectory { root in
            let holder = try makeRound(in: root)
            try holder.record(acceptedReceipt(content: "first"))
            let waiter = try RoundStore.open(directory: holder.directory, busyTimeoutMilliseconds: 300)
            try holder.connection.execute("BEGIN IMMEDIATE", .read)  // another writer's lock
            let start = Date()
            #expect {
                try waiter.record(acceptedReceipt(content: "second"))
            } throws: { error in
                guard let error = error as? StoreError else { return false }
                return error.kind == .busy && error.message.en.contains("0.3 seconds")
                    && error.message.vi.contains("chưa được ghi nhận")
            }
            #expect(Date().timeIntervalSince(start) >= 0.25)  // it did wait
            try holder.connection.execute("COMMIT", .read)
            #expect(try waiter.receipts().count == 1)
            #expect(try waiter.record(acceptedReceipt(content: "second")).id == 2)
        }
    }

    @Test("several creations of one round at once: exactly one wins, the others find it exists")
    func concurrentCreate() throws {
        try withTemporaryDirectory { root in
            let directory = root + "/round"
            let outcomes = Collected()
            let start = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            for _ in 0..<6 {
                Thread {
                    defer { done.signal() }
                    start.wait()
                    do {
                        _ = try RoundStore.create(
                            directory: directory, planBytes: samplePlan, createdAt: sampleRecordedAt,
                            clockKind: .system, toolVersion: "t")
                        outcomes.add(1)
                    } catch {
                        outcomes.fail((error as? StoreError)?.kind.rawValue ?? "\(error)")
                    }
                }.start()
            }
            for _ in 0..<6 { start.signal() }
            for _ in 0..<6 { done.wait() }
            #expect(outcomes.allIDs == [1])
            #expect(outcomes.allErrors == Array(repeating: "alreadyExists", count: 5))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(names.filter { !$0.hasPrefix("round.sqlite-") } == ["round.sqlite"])  // no temporary left
            #expect(try RoundStore.open(directory: directory).integrityCheck() == ["ok"])
        }
    }

    /// The test binary, when it can be run again as a child process (Linux's xctest runner).
    static var testExecutable: String? {
        let path = ProcessInfo.processInfo.arguments.first ?? ""
        return path.hasSuffix(".xctest") && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    static let childDirectoryVariable = "BUDGET_STORE_TEST_CHILD_ROUND"

    @Test(
        "four processes record twenty receipts each at once: none lost",
        .enabled(if: testExecutable != nil, "needs a test runner that can be started as a child process"))
    func processes() throws {
        let executable = try #require(ConcurrencyTests.testExecutable)
        try withTemporaryDirectory { root in
            let directory = try makeRound(in: root).directory
            var children: [Process] = []
            for child in 0..<4 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["--testing-library", "swift-testing", "--filter", "childWriter"]
                var environment = ProcessInfo.processInfo.environment
                environment[ConcurrencyTests.childDirectoryVariable] = directory
                environment["BUDGET_STORE_TEST_CHILD_TAG"] = "p\(child)"
                environment["SWIFT_BACKTRACE"] = "enable=no"
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                children.append(process)
            }
            for process in children { try process.run() }
            for process in children { process.waitUntilExit() }
            #expect(children.allSatisfy { $0.terminationStatus == 0 })
            let store = try RoundStore.open(directory: directory)
            let receipts = try store.receipts()
            #expect(receipts.count == 80)
            #expect(receipts.map(\.id) == Array(1...80))
            #expect(Set(receipts.map(\.fileName)).count == 80)
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    @Test(
        "child process: records twenty receipts in the round it is given",
        .enabled(if: ProcessInfo.processInfo.environment[childDirectoryVariable] != nil, "runs only as a child"))
    func childWriter() throws {
        let environment = ProcessInfo.processInfo.environment
        let directory = try #require(environment[ConcurrencyTests.childDirectoryVariable])
        let tag = environment["BUDGET_STORE_TEST_CHILD_TAG"] ?? "child"
        let store = try RoundStore.open(directory: directory)
        for index in 0..<20 {
            try store.record(
                acceptedReceipt(fileName: "\(tag)-\(index).csv", lineCount: 20, content: "\(tag) \(index)"))
        }
    }
}
