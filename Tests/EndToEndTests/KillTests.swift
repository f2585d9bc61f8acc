import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` of `budget submit` at varied points: the round is always as it was before
/// or after the submission, never between. (The delays choose where the kill lands; no
/// behaviour under test depends on time, which is simulated with `BUDGET_NOW`.)
@Suite("SIGKILL during submit", .enabled(if: Program.sqlite3 != nil, "needs the sqlite3 shell"))
struct KillTests {
    static let iterations = 40
    static let lines = 4_000

    /// Where a kill landed, as far as can be seen from outside. The transaction builds its
    /// pages in memory (a few MiB of page cache) and writes them to the log (`-wal`) at
    /// commit, so a kill before the commit leaves an empty log, one during the commit's
    /// writes leaves frames without a commit record, one after it leaves the receipt.
    struct Tally: CustomStringConvertible {
        var completed = 0  // exit 0 before the kill
        var beforeCommit = 0  // killed, nothing recorded, nothing in the log
        var duringCommit = 0  // killed, nothing recorded, frames in the log
        var afterCommit = 0  // killed, but the receipt is on record
        var description: String {
            "completed \(completed), killed before the commit \(beforeCommit), during its writes "
                + "\(duringCommit), after it \(afterCommit)"
        }
    }

    @Test(
        "SIGKILL at 40 varied points of a large submit: integrity ok, no partial record, every acknowledged file present"
    )
    func killLoop() throws {
        let round = try TestRound("kill")
        var acknowledged: Set<String> = []
        var attempts = 0

        // A clean run first: acknowledged, and its duration spreads the kills.
        let first = try round.scratch.write(
            "bao-0.csv", GeneratedSubmission.baokt(lines: Self.lines, tag: "lần 0").bytes)
        let started = Date()
        let clean = try round.submit(first)
        let duration = Date().timeIntervalSince(started)
        try #require(clean.result.status == 0, "\(clean.result.stderr)")
        acknowledged.insert(try GeneratedSubmission.sha256(first))
        attempts += 1

        var tally = Tally()
        var latestBeforeCommit = duration * 0.5
        var earliestAfterCommit = duration * 1.1
        for iteration in 1...Self.iterations {
            let generated = GeneratedSubmission.baokt(lines: Self.lines, tag: "lần \(iteration)")
            let file = try round.scratch.write("bao-\(iteration).csv", generated.bytes)
            let sha = try GeneratedSubmission.sha256(file)
            // Even iterations spread over [0, 1.25 × duration]; odd ones home in on the short
            // write at the end (after reading and checking the file): halfway between the latest
            // delay that killed with nothing in the log and the earliest that came after the
            // commit, with a little jitter.
            let spread = (Double(iteration) * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
            let delay =
                iteration % 2 == 0
                ? duration * 1.25 * spread
                : (latestBeforeCommit + earliestAfterCommit) / 2 + (spread - 0.5) * 0.1 * duration

            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["submit", file, "--round", round.directory]
            process.environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            attempts += 1
            usleep(useconds_t(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let exitedCleanly = process.terminationReason == .exit && process.terminationStatus == 0
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0, "iteration \(iteration): exit \(process.terminationStatus)")
            }
            let logBytes =
                (try? FileManager.default.attributesOfItem(atPath: round.database + "-wal")[.size] as? Int) ?? 0

            // Our own code is the first to open the crashed round.
            let shown = try round.submissionsInStatus()
            let problems = RoundInvariants.problems(round.database)
            #expect(problems == [], "iteration \(iteration), delay \(delay): \(problems)")
            let stored = try RoundInvariants.receipts(round.database)
            let storedSHAs = Set(stored.values)
            #expect(shown == stored.count, "iteration \(iteration)")
            #expect(stored.keys.sorted() == Array(1...stored.count), "iteration \(iteration): receipt numbers")
            if exitedCleanly { acknowledged.insert(sha) }
            #expect(acknowledged.isSubset(of: storedSHAs), "iteration \(iteration): acknowledged but missing")
            #expect(stored.count >= acknowledged.count && stored.count <= attempts, "iteration \(iteration)")
            let recorded = storedSHAs.contains(sha)
            if exitedCleanly {
                tally.completed += 1
            } else if recorded {
                tally.afterCommit += 1
            } else if logBytes > 0 {
                tally.duringCommit += 1
            } else {
                tally.beforeCommit += 1
            }
            if exitedCleanly || recorded {
                earliestAfterCommit = min(earliestAfterCommit, delay)
            } else if logBytes == 0 {
                latestBeforeCommit = max(latestBeforeCommit, delay)
                // Slower than the clean run (other tests share the cores): widen the bracket.
                if latestBeforeCommit >= earliestAfterCommit {
                    earliestAfterCommit = latestBeforeCommit + 0.25 * duration
                }
            }
            if ProcessInfo.processInfo.environment["BUDGET_KILL_VERBOSE"] != nil {
                print(
                    "kill \(iteration): delay \(String(format: "%.3f", delay)) s, exit \(exitedCleanly ? "0" : "killed"), "
                        + "log \(logBytes) bytes, recorded \(recorded)")
            }
            // A file that is on record is whole: all its bytes, its item totals summing to
            // its total (its lines are read from the bytes: `status --verify` at the end).
            if recorded {
                let row = try SQLiteShell.query(
                    round.database,
                    "SELECT line_count, total, (SELECT sum(amount) FROM item_totals WHERE receipt_id = r.id), size = length(bytes) FROM receipts r WHERE sha256 = '\(sha)'"
                )
                #expect(row == "\(Self.lines)|\(generated.total)|\(generated.total)|1", "iteration \(iteration)")
            }
        }
        // Every file on record reads back as it was decided: bytes, lines and totals.
        let verified = try Binary.run(
            ["status", "--round", round.directory, "--verify"], environment: Program.clock(KonTum.beforeDeadline))
        #expect(verified.status == 0, "\(verified.stderr)")
        // The round goes on after all that.
        let after = try round.submit(KonTum.example("so-thong-tin.csv"))
        #expect(after.result.status == 0, "\(after.result.stderr)")
        let count = try RoundInvariants.receipts(round.database).count
        #expect(after.json?["receipt"] as? Int == count)
        print("KILL LOOP: \(Self.iterations) kills over a \(String(format: "%.2f", duration)) s submit — \(tally)")
    }
}
