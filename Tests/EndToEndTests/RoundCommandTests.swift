import Foundation
import Testing

/// The round through the built binary, on the injected clock (`BUDGET_NOW`): deadlines,
/// decisions, usage errors that record nothing, supersession, and the `status` contract.
@Suite("The round: submit and status through the binary, on a simulated clock")
struct RoundCommandTests {
    static let baokt = KonTum.example("bao-kon-tum.csv")
    static let stttt = KonTum.example("so-thong-tin.csv")
    static let stttErrors = KonTum.example("so-thong-tin-loi.csv")
    static let tinhdoan = KonTum.example("tinh-doan-tre-han.csv")
    static let cat = KonTum.example("cong-an-tre-han.csv")

    // MARK: The deadline

    @Test("a file received at 23:59:59 on the deadline day is on time: accepted, exit 0")
    func lastSecond() throws {
        let round = try TestRound("last-second")
        let (result, json) = try round.submit(Self.tinhdoan, now: KonTum.lastSecond)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json?["decision"] as? String == "accepted")
        #expect(json?["onTime"] as? Bool == true)
        #expect(json?["receivedAt"] as? String == "2020-03-10T23:59:59+07:00")
        #expect(json?["deadline"] as? String == "2020-03-10T23:59:59+07:00")
        #expect(json?["simulatedClock"] as? Bool == true)
        let agency = try round.agency("TINHDOAN", now: KonTum.lastSecond)
        #expect(agency["state"] as? String == "accepted")
        #expect(agency["total"] as? Int == 105_005_000)
    }

    @Test("a file received at 00:00:00 the next day is refused as late (exit 3), printed, and kept on record")
    func nextDay() throws {
        let round = try TestRound("next-day")
        let (result, json) = try round.submit(Self.cat, now: KonTum.nextDay)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(json?["receipt"] as? Int == 1)
        #expect(json?["decision"] as? String == "refused-late")
        #expect(json?["onTime"] as? Bool == false)
        #expect(json?["valid"] as? Bool == true)
        #expect(json?["receivedAt"] as? String == "2020-03-11T00:00:00+07:00")
        #expect(json?["sha256"] as? String == (try GeneratedSubmission.sha256(Self.cat)))
        let agency = try round.agency("CAT", now: KonTum.nextDay)
        #expect(agency["state"] as? String == "refused-late")
        #expect(agency["submissions"] as? Int == 1)
        #expect(agency["total"] is NSNull)
        #expect(agency["receivedAt"] as? String == "2020-03-11T00:00:00+07:00")
        let status = try round.status(now: KonTum.nextDay)
        #expect(status["open"] as? Bool == false)
        #expect(status["total"] as? Int == 0)
        // Kept byte for byte, though it does not count.
        if Program.sqlite3 != nil {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.cat))
            let stored = try SQLiteShell.query(
                round.database, "SELECT hex(bytes), size, decision FROM receipts WHERE id = 1")
            let hex = bytes.map { String(format: "%02X", $0) }.joined()
            #expect(stored == "\(hex)|\(bytes.count)|refused-late")
        }
    }

    @Test("a late file accepted by exception with a reason: accepted-late, exit 0, the reason in the JSON and the sums")
    func acceptedLate() throws {
        let round = try TestRound("accepted-late")
        let reason = "Công văn số 15/TĐ ngày 12/3/2020: đồng ý nhận muộn"
        let (result, json) = try round.submit(
            Self.tinhdoan, now: "2020-03-12T09:00:00+07:00", ["--accept-late", "--reason", reason])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json?["decision"] as? String == "accepted-late")
        #expect(json?["reason"] as? String == reason)
        #expect(json?["onTime"] as? Bool == false)
        let agency = try round.agency("TINHDOAN", now: "2020-03-12T09:00:00+07:00")
        #expect(agency["state"] as? String == "accepted-late")
        #expect(agency["total"] as? Int == 105_005_000)
    }

    @Test("--received-at before the deadline, recorded after it, with a note: judged on the declared time")
    func receivedEarlierByMail() throws {
        let round = try TestRound("received-at")
        let (result, json) = try round.submit(
            Self.baokt, now: "2020-03-11T08:00:00+07:00",
            ["--received-at", "2020-03-10T16:30:00+07:00", "--note", "nhận qua thư điện tử"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(json?["decision"] as? String == "accepted")
        #expect(json?["receivedAt"] as? String == "2020-03-10T16:30:00+07:00")
        #expect(json?["recordedAt"] as? String == "2020-03-11T08:00:00+07:00")
        #expect(json?["note"] as? String == "nhận qua thư điện tử")
    }

    // MARK: Usage errors record nothing

    @Test(
        "usage errors exit 2 and record nothing: a future --received-at, --received-at without --note, --accept-late without --reason",
        arguments: [
            ["--received-at", "2020-03-09T10:00:01+07:00", "--note", "thư điện tử"],
            ["--received-at", "2020-03-08T10:00:00+07:00"],
            ["--received-at", "2020-03-08T10:00:00+07:00", "--note", "  "],
            ["--accept-late"],
            ["--accept-late", "--reason", ""],
        ])
    func usageRecordsNothing(arguments: [String]) throws {
        let round = try TestRound("usage")
        let (result, json) = try round.submit(Self.baokt, now: KonTum.beforeDeadline, arguments)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(json == nil)
        #expect(!result.stderr.isEmpty)
        #expect(try round.submissionsInStatus() == 0, "\(arguments)")
        if Program.sqlite3 != nil {
            #expect(try SQLiteShell.integer(round.database, "SELECT count(*) FROM receipts") == 0)
        }
    }

    @Test("a future --received-at names the time and the present in the message")
    func futureMessage() throws {
        let round = try TestRound("future")
        let (result, _) = try round.submit(
            Self.baokt, now: KonTum.beforeDeadline, ["--received-at", "2020-03-10T08:00:00+07:00", "--note", "giấy"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is in the future"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing recorded"), "\(result.stderr)")
    }

    // MARK: Which submission counts

    @Test("a second valid file from the same agency replaces the first in the sums; supersedes names the first")
    func supersede() throws {
        let round = try TestRound("supersede")
        let first = try round.submit(Self.baokt)
        #expect(first.result.status == 0)
        #expect(first.json?["supersedes"] is NSNull)
        let revised = GeneratedSubmission.baokt(lines: 4, tag: "bản sửa")
        let file = try round.scratch.write("bao-kon-tum-ban-sua.csv", revised.bytes)
        let second = try round.submit(file, now: "2020-03-09T15:00:00+07:00")
        #expect(second.result.status == 0, "\(second.result.stderr)")
        #expect(second.json?["receipt"] as? Int == 2)
        #expect(second.json?["supersedes"] as? Int == 1)
        #expect(second.json?["duplicateOf"] is NSNull)
        let agency = try round.agency("BAOKT", now: "2020-03-09T15:00:00+07:00")
        #expect(agency["total"] as? Int == revised.total)
        #expect(agency["submissions"] as? Int == 2)
        #expect(agency["receivedAt"] as? String == "2020-03-09T15:00:00+07:00")
        #expect(try round.status()["total"] as? Int == revised.total)
    }

    @Test("returned, then corrected: exit 1 returned, then accepted; the agency is accepted with 2 submissions")
    func returnedThenCorrected() throws {
        let round = try TestRound("returned")
        let bad = try round.submit(Self.stttErrors)
        #expect(bad.result.status == 1, "\(bad.result.stderr)")
        #expect(bad.json?["decision"] as? String == "returned")
        #expect(bad.json?["valid"] as? Bool == false)
        let codes = (bad.json?["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("unknown-item") && codes.contains("total-mismatch"))
        let returned = try round.agency("STTTT")
        #expect(returned["state"] as? String == "returned")
        #expect(returned["submissions"] as? Int == 1)
        #expect(returned["total"] is NSNull)

        let good = try round.submit(Self.stttt)
        #expect(good.result.status == 0, "\(good.result.stderr)")
        #expect(good.json?["decision"] as? String == "accepted")
        #expect(good.json?["supersedes"] is NSNull, "a returned file never counted, so nothing is superseded")
        let corrected = try round.agency("STTTT")
        #expect(corrected["state"] as? String == "accepted")
        #expect(corrected["submissions"] as? Int == 2)
        #expect(corrected["total"] as? Int == 196_500_000)
    }

    @Test("a returned file never displaces a counted one")
    func returnedDoesNotDisplace() throws {
        let round = try TestRound("keeps-counted")
        #expect(try round.submit(Self.stttt).result.status == 0)
        let bad = try round.submit(Self.stttErrors, now: "2020-03-09T16:00:00+07:00")
        #expect(bad.result.status == 1)
        #expect(bad.json?["supersedes"] is NSNull)
        let agency = try round.agency("STTTT", now: "2020-03-09T16:00:00+07:00")
        #expect(agency["state"] as? String == "accepted")
        #expect(agency["total"] as? Int == 196_500_000)
        #expect(agency["submissions"] as? Int == 2)
        #expect(agency["receivedAt"] as? String == KonTum.beforeDeadline, "the counted file's time")
    }

    @Test("a refused late file never displaces a counted one, and stays on record")
    func refusedDoesNotDisplace() throws {
        let round = try TestRound("refused-keeps")
        #expect(try round.submit(Self.baokt).result.status == 0)
        let revised = try round.scratch.write("bao-muon.csv", GeneratedSubmission.baokt(lines: 2, tag: "muộn").bytes)
        let late = try round.submit(revised, now: KonTum.nextDay)
        #expect(late.result.status == 3)
        #expect(late.json?["receipt"] as? Int == 2)
        let agency = try round.agency("BAOKT", now: KonTum.nextDay)
        #expect(agency["state"] as? String == "accepted")
        #expect(agency["total"] as? Int == 321_000_000)
        #expect(agency["submissions"] as? Int == 2)
    }

    @Test("an identical resubmission is a new receipt naming the earlier one (duplicateOf); the sums do not change")
    func identical() throws {
        let round = try TestRound("identical")
        #expect(try round.submit(Self.baokt).result.status == 0)
        let copy = try round.scratch.write(
            "bao-kon-tum (1).csv", Array(try Data(contentsOf: URL(fileURLWithPath: Self.baokt))))
        let again = try round.submit(copy, now: "2020-03-09T11:00:00+07:00")
        #expect(again.result.status == 0, "\(again.result.stderr)")
        #expect(again.json?["receipt"] as? Int == 2)
        #expect(again.json?["duplicateOf"] as? Int == 1)
        #expect(again.json?["file"] as? String == "bao-kon-tum (1).csv")
        let agency = try round.agency("BAOKT")
        #expect(agency["total"] as? Int == 321_000_000)
        #expect(agency["submissions"] as? Int == 2)
        #expect(try round.status()["total"] as? Int == 321_000_000)
    }

    // MARK: init and the status contract

    @Test("init into a directory that already holds a round: exit 2, and the round is left as it was")
    func initTwice() throws {
        let round = try TestRound("init-twice")
        #expect(try round.submit(Self.baokt).result.status == 0)
        let before = DirectorySnapshot(round.directory)
        let again = try Binary.run(["init", round.directory, "--plan", KonTum.plan])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds a round"), "\(again.stderr)")
        let vietnamese = try Binary.run(["--lang", "vi", "init", round.directory, "--plan", KonTum.plan])
        #expect(vietnamese.status == 2)
        #expect(vietnamese.stderr.contains("đã chứa một đợt tổng hợp"), "\(vietnamese.stderr)")
        #expect(DirectorySnapshot(round.directory) == before)
        #expect(try round.submissionsInStatus() == 1)
    }

    @Test("status --format json has exactly the contract's keys, in order, with the simulated clock")
    func statusContract() throws {
        let round = try TestRound("status-keys")
        #expect(try round.submit(Self.baokt).result.status == 0)
        let result = try Binary.run(
            ["status", "--round", round.directory, "--format", "json"],
            environment: Program.clock("2020-03-09T22:15:00+07:00"))
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let topKeys = ["plan", "deadline", "now", "simulatedClock", "open", "agencies", "total", "findings"]
        #expect(Set(json.keys) == Set(topKeys))
        #expect(Self.keysInOrder(result.stdout, indent: 2) == topKeys)
        let agencyKeys = ["code", "name", "state", "receivedAt", "total", "submissions"]
        let agencies = try #require(json["agencies"] as? [[String: Any]])
        #expect(agencies.count == 7)
        for agency in agencies { #expect(Set(agency.keys) == Set(agencyKeys)) }
        #expect(Array(Self.keysInOrder(result.stdout, indent: 6).prefix(6)) == agencyKeys)
        #expect(json["plan"] as? String == "kon-tum-2020")
        #expect(json["deadline"] as? String == "2020-03-10T23:59:59+07:00")
        #expect(json["now"] as? String == "2020-03-09T22:15:00+07:00")
        #expect(json["simulatedClock"] as? Bool == true)
        #expect(json["open"] as? Bool == true)
        #expect(json["total"] as? Int == 321_000_000)
        #expect((json["findings"] as? [Any])?.isEmpty == true)
        #expect(
            agencies.map { $0["code"] as? String ?? "" } == [
                "SVHTTDL", "BAOKT", "DPTTH", "STTTT", "CAT", "TINHDOAN", "UBMTTQ",
            ])
        let missing = agencies[0]
        #expect(missing["state"] as? String == "missing")
        #expect(missing["receivedAt"] is NSNull && missing["total"] is NSNull)
        #expect(missing["submissions"] as? Int == 0)
        let baokt = agencies[1]
        #expect(baokt["state"] as? String == "accepted")
        #expect(baokt["name"] as? String == "Báo Kon Tum")
        #expect(baokt["receivedAt"] as? String == KonTum.beforeDeadline)
    }

    /// The keys of the objects printed at one indentation, in the order printed.
    static func keysInOrder(_ text: String, indent: Int) -> [String] {
        let prefix = String(repeating: " ", count: indent) + "\""
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix), !line.dropFirst(indent).hasPrefix(" ") else { return nil }
            let rest = line.dropFirst(prefix.count)
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
    }
}
