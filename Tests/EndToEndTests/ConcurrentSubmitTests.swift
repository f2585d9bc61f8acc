import Foundation
import Testing

/// Several `budget submit` processes at once against one round lose nothing: every one is
/// recorded, receipt numbers are 1…N without gaps or repeats, and the database is sound.
@Suite("Concurrent submit processes", .enabled(if: Program.sqlite3 != nil, "needs the sqlite3 shell"))
struct ConcurrentSubmitTests {
    /// The examples and their agencies; each is copied several times with its bytes made
    /// unique (extra empty rows at the end, which a reader skips).
    static let sources: [(file: String, agency: String, total: Int, copies: Int)] = [
        ("bao-kon-tum.csv", "BAOKT", 321_000_000, 3),
        ("so-van-hoa.csv", "SVHTTDL", 1_150_000_000, 3),
        ("so-thong-tin.csv", "STTTT", 196_500_000, 2),
        ("tinh-doan-tre-han.csv", "TINHDOAN", 105_005_000, 2),
        ("cong-an-tre-han.csv", "CAT", 121_000_000, 2),
    ]

    struct Launched {
        var process: Process
        var file: String
        var agency: String
        var sha256: String
        var output: String
    }

    @Test(
        "12 submit processes started at once: all exit 0, receipts 1…12 unique, every file on record, integrity ok",
        arguments: [1, 2])
    func twelveAtOnce(pass: Int) throws {
        let round = try TestRound("concurrent-\(pass)")
        var launched: [Launched] = []
        for source in Self.sources {
            let original = Array(try Data(contentsOf: URL(fileURLWithPath: KonTum.example(source.file))))
            for copy in 1...source.copies {
                let name = source.file.replacingOccurrences(of: ".csv", with: "-\(copy).csv")
                let bytes = original + Array(repeating: UInt8(ascii: "\n"), count: copy)
                let file = try round.scratch.write(name, bytes)
                let sha = try GeneratedSubmission.sha256(file)
                let output = round.scratch.sub(name + ".json")
                _ = FileManager.default.createFile(atPath: output, contents: nil)
                _ = FileManager.default.createFile(atPath: output + ".err", contents: nil)
                let process = Process()
                process.executableURL = Binary.url
                process.arguments = ["submit", file, "--round", round.directory, "--format", "json"]
                process.environment = Program.budgetEnvironment(now: KonTum.beforeDeadline)
                process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
                process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: output + ".err"))
                launched.append(
                    Launched(process: process, file: file, agency: source.agency, sha256: sha, output: output))
            }
        }
        #expect(launched.count == 12)
        // Every process is started before any is waited on.
        for entry in launched { try entry.process.run() }
        for entry in launched { entry.process.waitUntilExit() }

        var receiptBySHA: [String: Int] = [:]
        var byAgency: [String: [(receipt: Int, supersedes: Int?)]] = [:]
        for entry in launched {
            let stderr = (try? String(contentsOfFile: entry.output + ".err", encoding: .utf8)) ?? ""
            #expect(entry.process.terminationStatus == 0, "\(entry.file): \(stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: entry.output))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(entry.file)")
            #expect(json["decision"] as? String == "accepted")
            #expect(json["sha256"] as? String == entry.sha256)
            #expect(json["agency"] as? String == entry.agency)
            let receipt = try #require(json["receipt"] as? Int)
            receiptBySHA[entry.sha256] = receipt
            byAgency[entry.agency, default: []].append((receipt, json["supersedes"] as? Int))
        }
        // Receipt numbers 1…12, each once.
        #expect(receiptBySHA.values.sorted() == Array(1...12))
        // The store holds exactly those receipts, each with the file it was printed for.
        let stored = try RoundInvariants.receipts(round.database)
        #expect(stored.count == 12)
        for (sha, receipt) in receiptBySHA { #expect(stored[receipt] == sha, "receipt \(receipt)") }
        #expect(RoundInvariants.problems(round.database) == [])
        #expect(try SQLiteShell.query(round.database, "PRAGMA integrity_check") == "ok")
        // Each agency's receipts supersede one another in commit order.
        for (agency, receipts) in byAgency {
            let ordered = receipts.sorted { $0.receipt < $1.receipt }
            #expect(ordered.first?.supersedes == nil, "\(agency)")
            for index in ordered.indices.dropFirst() {
                #expect(ordered[index].supersedes == ordered[index - 1].receipt, "\(agency): \(ordered)")
            }
        }
        // Status counts every file and sums each agency's latest.
        let status = try round.status()
        let agencies = status["agencies"] as? [[String: Any]] ?? []
        for source in Self.sources {
            let entry = agencies.first { $0["code"] as? String == source.agency }
            #expect(entry?["submissions"] as? Int == source.copies, "\(source.agency)")
            #expect(entry?["state"] as? String == "accepted", "\(source.agency)")
            #expect(entry?["total"] as? Int == source.total, "\(source.agency)")
        }
        #expect(status["total"] as? Int == Self.sources.reduce(0) { $0 + $1.total })
    }
}
