import BudgetCore
import Foundation
import Testing

@testable import BudgetStore

/// Fails or kills a recording process at its N-th write or sync, for every N, and checks
/// that the round is always as it was before or after the record, never between
/// (strace's fault injection, as `.ci/fault-sweep` uses it). Slow (hundreds of processes) and needs
/// strace, so it runs only when asked: `BUDGET_STORE_FAULTS=1 swift test --filter FaultInjection`.
@Suite("Fault injection")
struct FaultInjectionTests {
    static let childVariable = "BUDGET_STORE_TEST_FAULT_ROUND"
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let enabled =
        ProcessInfo.processInfo.environment["BUDGET_STORE_FAULTS"] != nil && strace != nil
        && ConcurrencyTests.testExecutable != nil

    /// What one faulted run of the child did.
    struct Outcome {
        var exitStatus: Int32
        var output: String
        var recorded: Bool { output.contains("RECORDED") }
    }

    static func runChild(directory: String, injection: String) throws -> Outcome {
        guard let strace, let executable = ConcurrencyTests.testExecutable else {
            return Outcome(exitStatus: -1, output: "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: strace)
        process.arguments = [
            "-f", "-o", "/dev/null", "-e", injection, executable, "--testing-library", "swift-testing",
            "--filter", "faultChild",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment[childVariable] = directory
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(exitStatus: process.terminationStatus, output: output)
    }

    @Test(
        "child process: records one receipt in the round it is given",
        .enabled(if: ProcessInfo.processInfo.environment[childVariable] != nil, "runs only as a child"))
    func faultChild() throws {
        let directory = try #require(ProcessInfo.processInfo.environment[FaultInjectionTests.childVariable])
        let store: RoundStore
        do {
            store = try RoundStore.open(directory: directory)
        } catch {
            print("FAILED \(error.kind.rawValue) while opening: \(error.detail)")
            throw error
        }
        var receipt = acceptedReceipt(fileName: "fault.csv", lineCount: 300, content: "fault \(UUID().uuidString)")
        receipt.findings = [Finding(.duplicateLine, line: 9)]
        do {
            let stored = try store.record(receipt)
            print("RECORDED \(stored.id)")
        } catch {
            print("FAILED \(error.kind.rawValue) \(error.detail)")
            throw error
        }
    }

    @Test(
        "a write error or a kill at any write or sync leaves the round before or after, never between",
        .enabled(if: enabled, "set BUDGET_STORE_FAULTS=1 (needs strace and a Linux test runner)"),
        arguments: [
            // SQLite syncs with fdatasync on Linux; it writes pages with pwrite64.
            // SQLite maps ENOSPC to SQLITE_FULL, but a quota error only to an SQLITE_IOERR
            // whose errno it has not always kept: disk full when it has, else an I/O error
            // whose message names the quota as one cause.
            ("pwrite64:error=EIO", ["io"]), ("pwrite64:error=ENOSPC", ["diskFull"]),
            ("pwrite64:error=EDQUOT", ["diskFull", "io"]), ("fdatasync:error=EIO", ["io"]),
            ("ftruncate:error=EIO", ["io"]), ("pwrite64:signal=KILL", []), ("fdatasync:signal=KILL", []),
        ] as [(String, [String])])
    func faults(_ fault: String, _ expectedKinds: [String]) throws {
        try withTemporaryDirectory { root in
            let store = try makeRound(in: root)
            try store.record(acceptedReceipt(content: "before"))
            let directory = store.directory
            _ = consume store
            var step = 1
            var expected = 1  // receipts on record
            var faultedRuns = 0
            while step < 400 {
                let (call, action) = (fault.split(separator: ":")[0], fault.split(separator: ":")[1])
                let outcome = try FaultInjectionTests.runChild(
                    directory: directory, injection: "inject=\(call):\(action):when=\(step)")
                let reopened = try RoundStore.open(directory: directory)
                #expect(try reopened.integrityCheck() == ["ok"], "\(fault) at \(step)")
                let receipts = try reopened.receipts()
                // Before or after: the count went up by at most one, and whatever is there is whole.
                #expect(receipts.count == expected || receipts.count == expected + 1, "\(fault) at \(step)")
                if outcome.recorded {
                    #expect(receipts.count == expected + 1, "\(fault) at \(step): acknowledged but missing")
                } else {
                    #expect(outcome.exitStatus != 0, "\(fault) at \(step): failed silently")
                    if !expectedKinds.isEmpty {
                        let reported = expectedKinds.contains { outcome.output.contains("FAILED \($0) ") }
                        #expect(reported, "\(fault) at \(step): \(outcome.output.suffix(300))")
                    }
                    faultedRuns += 1
                }
                if receipts.count == expected + 1, let last = receipts.last {
                    var lines = 0
                    try reopened.forEachLine(receiptIDs: [last.id]) { _, _ in lines += 1 }
                    #expect(lines == 300, "\(fault) at \(step): partial lines")
                    #expect(try reopened.findings(receiptID: last.id).count == 1)
                    expected += 1
                }
                // Once the N-th call is beyond what a run makes, the fault never fires.
                if outcome.recorded && outcome.exitStatus == 0 {
                    let clean = try FaultInjectionTests.runChild(
                        directory: directory, injection: "inject=\(call):\(action):when=\(step)+")
                    expected += clean.recorded ? 1 : 0
                    if clean.recorded { break }
                }
                step += 1
            }
            if !fault.hasPrefix("ftruncate") {  // truncation happens only on some paths
                #expect(faultedRuns > 0, "\(fault): the fault never hit")
            }
            print("FAULTS \(fault): \(step) steps, \(faultedRuns) faulted runs, \(expected) receipts")
        }
    }
}
