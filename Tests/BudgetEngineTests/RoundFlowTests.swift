import BudgetCore
import BudgetRules
import Foundation
import Testing

@testable import BudgetEngine

@Suite("Round flow on the examples")
struct RoundFlowTests {
    /// The demo story of Examples/README.md, through the engine.
    func runStory(in dir: TemporaryDirectory) throws -> [SubmitResult] {
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at("2020-03-02T08:00:00"))
        var results: [SubmitResult] = []
        for step in DemoStory.steps {
            var request = SubmitRequest(path: Repo.example(step.file))
            request.receivedAt = step.receivedAt
            request.note = step.note
            request.acceptLate = step.reason != nil
            request.reason = step.reason
            results.append(try Submit().record(request, roundDirectory: round, clock: at(step.time)))
        }
        return results
    }

    @Test("each example gets the decision the story expects")
    func decisions() throws {
        let dir = TemporaryDirectory()
        let results = try runStory(in: dir)
        #expect(results.map(\.receipt.decision) == DemoStory.steps.map(\.expected))
        #expect(results.map(\.exitStatus) == DemoStory.steps.map(\.expected.exitStatus))
    }

    @Test("status totals equal Examples/expected-totals.json, by agency, by item and in all")
    func totals() throws {
        let dir = TemporaryDirectory()
        _ = try runStory(in: dir)
        let status = try Status().run(roundDirectory: dir.sub("round"), clock: at("2020-03-12T15:00:00"))
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Repo.path("Examples/expected-totals.json"))))
            as? [String: Any]
        let agencies = expected?["agencies"] as? [String: Int] ?? [:]
        let items = expected?["items"] as? [String: Int] ?? [:]
        let c = status.consolidation
        var seen: [String: Int] = [:]
        for a in c.agencies { if let t = a.total { seen[a.agency.code] = Int(t.dong) } }
        #expect(seen == agencies)
        var byItem: [String: Int] = [:]
        for i in c.items where i.total != .zero { byItem[i.item.code] = Int(i.total.dong) }
        #expect(byItem == items)
        #expect(Int(c.grandTotal.dong) == expected?["grandTotal"] as? Int)
        #expect(VietnameseNumberWords.words(for: c.grandTotal) == expected?["grandTotalInWords"] as? String)
        #expect(c.findings.map(\.code) == [.capExceeded])
        #expect(c.findings.first?.item == "IV.5.a")
    }

    @Test("agency states follow the contract: missing, returned-then-accepted, refused, accepted late")
    func states() throws {
        let dir = TemporaryDirectory()
        _ = try runStory(in: dir)
        let status = try Status().run(roundDirectory: dir.sub("round"), clock: at("2020-03-12T15:00:00"))
        let states = Dictionary(uniqueKeysWithValues: status.consolidation.agencies.map { ($0.agency.code, $0.state) })
        #expect(states["UBMTTQ"] == .missing)
        #expect(states["CAT"] == .refusedLate)
        #expect(states["TINHDOAN"] == .acceptedLate)
        #expect(states["STTTT"] == .accepted)
        #expect(status.consolidation.agencies.first { $0.agency.code == "STTTT" }?.receipts.count == 2)
        #expect(!status.isOpen)
    }

    @Test("a resubmission of the same bytes names the earlier receipt and leaves the sums alone")
    func identical() throws {
        let dir = TemporaryDirectory()
        let round = dir.sub("round")
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at("2020-03-02T08:00:00"))
        let first = try Submit().record(
            SubmitRequest(path: Repo.example("bao-kon-tum.csv")), roundDirectory: round,
            clock: at("2020-03-05T09:00:00"))
        let second = try Submit().record(
            SubmitRequest(path: Repo.example("bao-kon-tum.csv")), roundDirectory: round,
            clock: at("2020-03-06T09:00:00"))
        #expect(second.receipt.duplicateOf == first.receipt.id)
        #expect(second.supersedes?.id == first.receipt.id)
        let status = try Status().run(roundDirectory: round, clock: at("2020-03-06T10:00:00"))
        #expect(status.consolidation.grandTotal == Money(dong: 321_000_000))
    }
}
