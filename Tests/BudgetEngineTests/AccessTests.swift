import BudgetCore
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Portal access: codes, authentication, the journal")
struct AccessTests {
    func round(_ dir: TemporaryDirectory) throws -> String {
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        return round
    }

    @Test("a code is 28 Crockford base32 characters in groups, read back in any case, dashes and spaces ignored")
    func codeForm() throws {
        let code = AccessCode.generate()
        #expect(code.canonical.count == 28)
        #expect(code.display.split(separator: "-").map(\.count) == [4, 4, 4, 4, 4, 4, 4])
        let typed = code.display.lowercased().replacingOccurrences(of: "-", with: " ")
        #expect(AccessCode(typed: typed) == code)
        #expect(AccessCode(typed: " " + code.canonical + "\t") == code)
        // I and L read as 1, O as 0 (Crockford); U and punctuation are not base32.
        let ones = String(repeating: "1", count: 28)
        #expect(
            AccessCode(typed: String(repeating: "I", count: 14) + String(repeating: "l", count: 14))?.canonical == ones)
        #expect(AccessCode(typed: String(repeating: "o", count: 28))?.canonical == String(repeating: "0", count: 28))
        #expect(AccessCode(typed: String(repeating: "U", count: 28)) == nil)
        #expect(AccessCode(typed: String(repeating: "A", count: 27)) == nil)
        #expect(AccessCode(typed: String(repeating: "A", count: 29)) == nil)
        #expect(AccessCode(typed: "") == nil)
        #expect(!"\(code)".contains(code.canonical))
        // 140 bits: a thousand codes never repeat.
        #expect(Set((0..<1000).map { _ in AccessCode.generate().canonical }).count == 1000)
    }

    @Test("issuing stores only the hash; a new code replaces the old; revoke leaves none; events say who")
    func issueReplaceRevoke() throws {
        let dir = TemporaryDirectory()
        let round = try round(dir)
        let first = try IssueAccess().run(.agency("baokt"), roundDirectory: round, clock: at("2020-03-01T08:00:00"))
        #expect(first.issued.count == 1 && first.issued[0].subject == "BAOKT" && first.revoked == 0)
        let code1 = first.issued[0].code
        guard case .success(let grant) = try Authenticate().run(code: code1, roundDirectory: round) else {
            Issue.record("the new code does not authenticate")
            return
        }
        #expect(grant.role == .agency && grant.subject == "BAOKT")
        // Hash only: the code's text is nowhere in the database file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: round + "/round.sqlite"))
        #expect(bytes.range(of: Data(AccessCode(typed: code1)!.canonical.utf8)) == nil)
        let stored = try OpenRound.run(round).store.accessCodes()
        #expect(stored.map(\.codeSHA256) == [AccessCode(typed: code1)!.sha256])

        let second = try IssueAccess().run(.agency("BAOKT"), roundDirectory: round, clock: at("2020-03-02T08:00:00"))
        #expect(second.revoked == 1)
        #expect(try Authenticate().run(code: code1, roundDirectory: round) == .failure(.revoked))
        #expect(try Authenticate().run(code: second.issued[0].code, roundDirectory: round).isSuccess)
        #expect(try Authenticate().isCurrent(codeID: grant.codeID, roundDirectory: round) == false)

        let revoked = try IssueAccess().run(
            .agency("BAOKT"), revoke: true, roundDirectory: round, clock: at("2020-03-03T08:00:00"))
        #expect(revoked.issued.isEmpty && revoked.revoked == 1)
        #expect(try Authenticate().run(code: second.issued[0].code, roundDirectory: round) == .failure(.revoked))
        #expect(try Authenticate().run(code: "nonsense", roundDirectory: round) == .failure(.malformed))
        #expect(
            try Authenticate().run(code: AccessCode.generate().display, roundDirectory: round) == .failure(.unknown))

        let journal = try RecordEvent().journal(roundDirectory: round)
        #expect(journal.map(\.action) == ["access-issued", "access-issued", "access-revoked"])
        #expect(journal.allSatisfy { $0.actor == "cli" && $0.detail == "agency:BAOKT" && $0.simulatedClock })
    }

    @Test("--all issues one code per agency, and one officer code per name")
    func allAndOfficer() throws {
        let dir = TemporaryDirectory()
        let round = try round(dir)
        let all = try IssueAccess().run(.allAgencies, roundDirectory: round, clock: at("2020-03-01T08:00:00"))
        #expect(all.issued.map(\.subject) == all.plan.agencies.map(\.code))
        #expect(all.issued.count == all.plan.agencies.count)
        #expect(Set(all.issued.map(\.code)).count == all.issued.count)
        let a = try IssueAccess().run(
            .officer(" Nguyễn Văn A "), roundDirectory: round, clock: at("2020-03-01T08:00:00"))
        #expect(a.issued.first?.subject == "Nguyễn Văn A" && a.issued.first?.role == .officer)
        let again = try IssueAccess().run(
            .officer("Nguyễn Văn A"), roundDirectory: round, clock: at("2020-03-01T09:00:00"))
        #expect(again.revoked == 1)
        #expect(throws: EngineError.self) {
            try IssueAccess().run(.officer("  "), roundDirectory: round, clock: at("2020-03-01T08:00:00"))
        }
        #expect(throws: EngineError.self) {
            try IssueAccess().run(.agency("NOPE"), roundDirectory: round, clock: at("2020-03-01T08:00:00"))
        }
    }

    @Test("slips are refused inside a round (nothing issued) and written beside it otherwise")
    func slips() throws {
        let dir = TemporaryDirectory()
        let round = try round(dir)
        #expect(throws: EngineError.self) {
            try IssueAccess().run(
                .allAgencies, slips: SlipsRequest(path: round + "/slips.html", url: "https://x"), roundDirectory: round,
                clock: at("2020-03-01T08:00:00"))
        }
        #expect(try OpenRound.run(round).store.accessCodes().isEmpty)
        let path = dir.sub("slips.html")
        let outcome = try IssueAccess().run(
            .allAgencies, slips: SlipsRequest(path: path, url: "https://dutoan.example.vn/<x>"), roundDirectory: round,
            clock: at("2020-03-01T08:00:00"))
        let html = try String(contentsOfFile: path, encoding: .utf8)
        #expect(html.components(separatedBy: "<section class=\"slip\">").count - 1 == outcome.issued.count)
        for issued in outcome.issued { #expect(html.contains(issued.code)) }
        #expect(html.contains("https://dutoan.example.vn/&lt;x&gt;"))
        #expect(html.contains("size: A4"))
    }

    @Test("a submission from the portal is recorded under the browser's name with its event, in one transaction")
    func portalSubmission() throws {
        let dir = TemporaryDirectory()
        let round = try round(dir)
        let temporary = dir.sub("f-123")
        try FileManager.default.copyItem(atPath: Repo.example("so-thong-tin.csv"), toPath: temporary)
        var request = SubmitRequest(path: temporary, read: ReadOptions(agency: "STTTT"))
        request.displayName = "Dự toán <STTTT>.csv"
        request.requester = Requester(name: "agency:STTTT", address: "203.0.113.7")
        request.checksPages = false
        let result = try Submit().record(request, roundDirectory: round, clock: at("2020-03-05T09:00:00"))
        #expect(result.receipt.fileName == "Dự toán <STTTT>.csv")
        let journal = try RecordEvent().journal(roundDirectory: round)
        #expect(journal.count == 1)
        #expect(journal.first?.action == "submit" && journal.first?.receiptID == result.receipt.id)
        #expect(journal.first?.actor == "agency:STTTT" && journal.first?.address == "203.0.113.7")
        // The command line's behaviour is unchanged: its own name, no event.
        let cli = try Submit().record(
            SubmitRequest(path: Repo.example("so-van-hoa.csv")), roundDirectory: round, clock: at("2020-03-05T10:00:00")
        )
        #expect(cli.receipt.fileName == "so-van-hoa.csv")
        #expect(try RecordEvent().journal(roundDirectory: round).count == 1)
        // A void from the portal is journalled with its reason; the receipt reads back as submit printed it.
        _ = try VoidReceipt().run(
            number: cli.receipt.id, reason: "nhầm", roundDirectory: round, clock: at("2020-03-05T11:00:00"),
            requester: Requester(name: "officer:An", address: "10.0.0.1"))
        #expect(try RecordEvent().journal(roundDirectory: round).last?.action == "void")
        let detail = try #require(try ReceiptLookup().receipt(result.receipt.id, roundDirectory: round))
        #expect(
            ResultJSON.submit([detail.result], several: false, .en)
                == ResultJSON.submit([result], several: false, .en))
        #expect(detail.countsNow)
        #expect(try ReceiptLookup().receipt(99, roundDirectory: round) == nil)
    }
}

@Suite("A process that consolidates the same round again")
struct ConsolidationCacheTests {
    @Test("the board follows every receipt and annulment, in one process")
    func followsTheLedger() throws {
        let dir = TemporaryDirectory()
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        let clock = at("2020-03-05T09:00:00")
        func state(_ code: String) throws -> String? {
            try Status().run(roundDirectory: round, clock: clock).consolidation.agencies.first {
                $0.agency.code == code
            }?.state.rawValue
        }
        #expect(try state("BAOKT") == "missing")
        #expect(try state("BAOKT") == "missing")
        let first = try Submit().record(
            SubmitRequest(path: Repo.example("bao-kon-tum.csv")), roundDirectory: round, clock: clock)
        #expect(try state("BAOKT") == "accepted")
        _ = try VoidReceipt().run(number: first.receipt.id, reason: "nhầm", roundDirectory: round, clock: clock)
        #expect(try state("BAOKT") == "missing")
        #expect(try Status().run(roundDirectory: round, clock: clock).consolidation.grandTotal.dong == 0)
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}

extension ReceiptDetail: Equatable {
    public static func == (a: ReceiptDetail, b: ReceiptDetail) -> Bool { a.result.receipt == b.result.receipt }
}
