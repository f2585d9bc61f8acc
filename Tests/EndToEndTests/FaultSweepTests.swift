import Foundation
import Testing

/// The fault sweep in short (the whole one is `.ci/fault-sweep`): fail or kill the N-th
/// write or sync of `budget submit` and `budget init`, and check after each run that the
/// round is as it was before or after, never between.
@Suite(
    "Fault sweep (strace)", .enabled(if: Program.strace != nil && Program.sqlite3 != nil, "needs strace and sqlite3"))
struct FaultSweepTests {
    /// A round holding one acknowledged (exit 0) submission, and a file to submit next.
    final class Base: @unchecked Sendable {
        let round: TestRound
        let submitted: String
        let submittedSHA: String
        let acknowledgedRow: String

        init() throws {
            round = try TestRound("sweep-base")
            let first = try round.submit(KonTum.example("bao-kon-tum.csv"))
            guard first.result.status == 0 else { throw SQLiteShell.Failure(description: first.result.stderr) }
            acknowledgedRow = try SQLiteShell.query(
                round.database, "SELECT id, sha256, total, line_count FROM receipts")
            let generated = GeneratedSubmission.baokt(lines: 300, tag: "sweep")
            submitted = try round.scratch.write("bao-kon-tum-lan-2.csv", generated.bytes)
            submittedSHA = try GeneratedSubmission.sha256(submitted)
        }

        /// A copy of the base round to fault.
        func copy(_ name: String) throws -> String {
            let target = round.scratch.sub(name)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: round.directory, toPath: target)
            return target
        }
    }

    @Test(
        "a failed or killed N-th write or sync of submit (N ≤ 10) leaves the round before or after, never between",
        arguments: [
            ("fdatasync", "error=EIO"), ("fdatasync", "signal=KILL"), ("pwrite64", "error=EIO"),
            ("pwrite64", "signal=KILL"),
        ])
    func submitSweep(syscall: String, action: String) throws {
        let base = try Base()
        var reachedRuns = 0
        for n in 1...10 {
            let directory = try base.copy("run-\(n)")
            let database = directory + "/round.sqlite"
            let run = try Strace.run(
                ["submit", base.submitted, "--round", directory, "--format", "json"], syscall: syscall, action: action,
                n: n)
            guard run.reached else {
                #expect(run.result.status == 0, "\(syscall) \(action) N=\(n): a clean run exited \(run.result.status)")
                break
            }
            reachedRuns += 1
            let label = "\(syscall) \(action) N=\(n), exit \(run.result.status)"
            let status = run.result.status
            #expect([0, 4, 137].contains(status), "\(label): \(run.result.stderr)")
            // Our own code opens the faulted round first (recovering a crashed log).
            let round = TestRound(existing: directory, scratch: base.round.scratch)
            let shown = try round.submissionsInStatus()
            #expect(RoundInvariants.problems(database) == [], "\(label)")
            #expect(
                try SQLiteShell.query(database, "SELECT id, sha256, total, line_count FROM receipts WHERE id = 1")
                    == base.acknowledgedRow, "\(label): the acknowledged submission changed")
            let receipts = try RoundInvariants.receipts(database)
            #expect(shown == receipts.count, "\(label)")
            #expect(receipts.count == 1 || receipts.count == 2, "\(label)")
            if receipts.count == 2 { #expect(receipts[2] == base.submittedSHA, "\(label)") }
            if status == 0 {
                #expect(receipts.count == 2, "\(label): acknowledged but not on record")
            }
            if receipts.count == 1 { #expect(status != 0, "\(label): nothing recorded, yet exit 0") }
            if status == 4 {
                #expect(receipts.count == 1, "\(label): said \"not recorded\" but the receipt is there")
                #expect(
                    run.result.stderr.contains("The file was not recorded")
                        || run.result.stderr.contains("Nothing was changed"),
                    "\(label): \(run.result.stderr)")
            }
            // The round goes on: the next submission gets the next number.
            let next = try round.submit(KonTum.example("so-thong-tin.csv"))
            #expect(next.result.status == 0, "\(label): \(next.result.stderr)")
            #expect(next.json?["receipt"] as? Int == receipts.count + 1, "\(label)")
            #expect(RoundInvariants.problems(database) == [], "\(label): after the next submission")
        }
        #expect(reachedRuns > 0, "\(syscall) was never called")
    }

    /// Some failed lock calls make SQLite retry for about ten seconds before it gives up,
    /// so the Ns are split in chunks that run side by side.
    @Test(
        "a failed lock call (fcntl) at any point of submit: exit 4 only when nothing was recorded, exit 0 only when it was",
        arguments: [1, 9, 17, 25, 33, 41, 49, 57])
    func lockFailures(from first: Int) throws {
        let base = try Base()
        for n in first..<(first + 8) {
            let directory = try base.copy("lock-\(n)")
            let run = try Strace.run(
                ["submit", base.submitted, "--round", directory, "--format", "json"], syscall: "fcntl",
                action: "error=EIO",
                n: n)
            guard run.reached else { break }
            let label = "fcntl EIO N=\(n), exit \(run.result.status)"
            let count = try RoundInvariants.receipts(directory + "/round.sqlite").count
            switch run.result.status {
            case 0: #expect(count == 2, "\(label): acknowledged but not on record")
            case 4: #expect(count == 1, "\(label): exit 4 but the file is on record: \(run.result.stderr)")
            default: Issue.record("\(label): \(run.result.stderr)")
            }
        }
    }

    @Test(
        "init under a failed write or sync leaves a whole round or none; after a reported failure none, and init works again",
        arguments: [
            ("pwrite64", "error=ENOSPC"), ("fdatasync", "error=EIO"), ("fsync", "error=EIO"),
            ("ftruncate", "error=EIO"),
        ])
    func initSweep(syscall: String, action: String) throws {
        let scratch = Scratch("init-sweep")
        var reachedRuns = 0
        for n in 1...200 {
            let directory = scratch.sub("run-\(n)")
            let run = try Strace.run(
                ["init", directory, "--plan", KonTum.plan], syscall: syscall, action: action, n: n)
            guard run.reached else {
                #expect(run.result.status == 0, "\(syscall) N=\(n): a clean init exited \(run.result.status)")
                break
            }
            reachedRuns += 1
            let label = "init, \(syscall) \(action) N=\(n), exit \(run.result.status)"
            let database = directory + "/round.sqlite"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            switch run.result.status {
            case 0:
                #expect(RoundInvariants.problems(database) == [], "\(label)")
                let round = TestRound(existing: directory, scratch: scratch)
                #expect(try round.submissionsInStatus() == 0, "\(label)")
            case 4:
                #expect(
                    run.result.stderr.contains("The round was not created")
                        || run.result.stderr.contains("Nothing was changed"),
                    "\(label): \(run.result.stderr)")
                #expect(!names.contains("round.sqlite"), "\(label): said \"not created\" but left \(names)")
                #expect(names.filter { $0.hasPrefix(".round.sqlite.creating") } == [], "\(label): left \(names)")
                let again = try Binary.run(["init", directory, "--plan", KonTum.plan])
                #expect(again.status == 0, "\(label): init again exited \(again.status): \(again.stderr)")
            default:
                Issue.record("\(label): \(run.result.stderr)")
            }
        }
        #expect(reachedRuns > 0, "\(syscall) was never called")
    }
}

extension TestRound {
    /// A round that already exists (made or copied by the test).
    init(existing directory: String, scratch: Scratch) {
        self.scratch = scratch
        self.directory = directory
    }
}
