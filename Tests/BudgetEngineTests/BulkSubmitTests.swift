import BudgetCore
import BudgetStore
import Foundation
import Testing

@testable import BudgetEngine

/// `submit FILE...` records files in groups, one transaction a group (issue 14): what it
/// reports must be what one transaction a file would have reported, and nothing is reported
/// before it is on record.
@Suite("Bulk submit: grouped commits")
struct BulkSubmitTests {
    static let when = "2020-03-05T09:00:00"

    /// A short estimate for `agency` of one line of `amount` đồng under `item`.
    static func estimate(_ agency: String, _ item: String, _ amount: String) -> String {
        "Mã đơn vị,\(agency)\nMã nội dung,Thành tiền,Nội dung\n\(item),\(amount),Phim\n"
    }

    /// Writes the estimates as files 01.csv, 02.csv… in `dir`; returns their paths in order.
    static func files(_ dir: TemporaryDirectory, _ contents: [String]) throws -> [String] {
        try contents.enumerated().map { index, text in
            let path = dir.sub(String(format: "%02d.csv", index + 1))
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// Nine files: two agencies resubmitting (each later file supersedes), an invalid file
    /// (an unknown item code) and an identical resubmission.
    static let mixed = [
        estimate("BAOKT", "IV.5.a", "1000"), estimate("SVHTTDL", "IV.2.a", "2000"),
        estimate("BAOKT", "IV.5.a", "3000"), estimate("SVHTTDL", "ZZ.9.z", "4000"),
        estimate("SVHTTDL", "IV.2.a", "2000"), estimate("BAOKT", "IV.5.a", "6000"),
        estimate("BAOKT", "IV.5.a", "7000"), estimate("SVHTTDL", "IV.2.a", "8000"),
        estimate("BAOKT", "IV.5.a", "9000"),
    ]

    func freshRound(_ dir: TemporaryDirectory, _ name: String) throws -> String {
        let round = dir.sub(name)
        _ = try InitRound().run(directory: round, planPath: Repo.konTumPlan, clock: at(DemoStory.opened))
        return round
    }

    /// What a receipt says, without the instant it was recorded at.
    struct Said: Equatable {
        var id: Int64
        var file: String
        var sha256: String
        var decision: String
        var supersedes: Int64?
        var duplicateOf: Int64?
        var findings: [String]
        var total: Money?
    }

    static func said(_ result: SubmitResult) -> Said {
        Said(
            id: result.receipt.id, file: result.receipt.fileName, sha256: result.receipt.sha256,
            decision: result.receipt.decision.rawValue, supersedes: result.supersedes?.id,
            duplicateOf: result.receipt.duplicateOf, findings: result.check.findings.map(\.code.rawValue),
            total: result.check.total)
    }

    func submit(
        _ paths: [String], into round: String, grouping: CommitGrouping, faults: SubmitFaults = SubmitFaults(),
        each: (SubmitResult) -> Void = { _ in }
    ) throws -> SubmitOutcome {
        var submit = Submit()
        submit.grouping = grouping
        submit.faults = faults
        return try submit.run(SubmitRequest(paths: paths), roundDirectory: round, clock: at(Self.when), each: each)
    }

    @Test("each file its own receipt, in argument order; the same receipts whatever the grouping")
    func groupingInvisible() throws {
        let dir = TemporaryDirectory()
        let paths = try Self.files(dir, Self.mixed)
        var seen: [[Said]] = []
        var totals: [Money?] = []
        for (index, grouping) in [CommitGrouping.eachFileAlone, CommitGrouping(files: 4), CommitGrouping()]
            .enumerated()
        {
            let round = try freshRound(dir, "round-\(index)")
            let outcome = try submit(paths, into: round, grouping: grouping)
            #expect(outcome.failure == nil)
            #expect(outcome.results.map(\.receipt.id) == Array(1...Int64(paths.count)))
            #expect(outcome.results.map(\.receipt.fileName) == paths.map { URL(fileURLWithPath: $0).lastPathComponent })
            let stored = try RoundStore.open(directory: round).receipts()
            #expect(stored.map(\.sha256) == outcome.results.map(\.receipt.sha256))
            seen.append(outcome.results.map(Self.said))
            totals.append(
                try Status().run(roundDirectory: round, clock: at("2020-03-06T09:00:00")).consolidation.grandTotal)
        }
        #expect(seen[0] == seen[1])
        #expect(seen[0] == seen[2])
        #expect(totals[0] == totals[1] && totals[0] == totals[2])
        // The mixture is what it should be: supersession, a returned file, a duplicate.
        let first = seen[0]
        #expect(first[2].supersedes == 1)
        #expect(first[3].decision == "returned")
        #expect(first[4].duplicateOf == 2)
        #expect(totals[0] == Money(dong: 9000 + 8000))
    }

    @Test("the overflow check sees the files recorded before in the same group")
    func overflowWithinGroup() throws {
        let dir = TemporaryDirectory()
        let paths = try Self.files(
            dir,
            [
                Self.estimate("BAOKT", "IV.5.a", "9223372036854775807"), Self.estimate("SVHTTDL", "IV.2.a", "1"),
                Self.estimate("BAOKT", "IV.5.a", "5"), Self.estimate("SVHTTDL", "IV.2.a", "2"),
            ])
        for (index, grouping) in [CommitGrouping.eachFileAlone, CommitGrouping()].enumerated() {
            let round = try freshRound(dir, "round-\(index)")
            let outcome = try submit(paths, into: round, grouping: grouping)
            #expect(outcome.results.map(\.receipt.decision) == [.accepted, .returned, .accepted, .accepted])
            #expect(outcome.results[1].check.findings.map(\.code) == [.limitExceeded])
            #expect(
                try Status().run(roundDirectory: round, clock: at("2020-03-06T09:00:00")).consolidation.grandTotal
                    == Money(dong: 7))
        }
    }

    @Test("a receipt is reported only once it is on record: another connection reads it")
    func reportedAfterCommit() throws {
        let dir = TemporaryDirectory()
        let paths = try Self.files(dir, Self.mixed)
        let round = try freshRound(dir, "round")
        var reported: [Int64] = []
        var visible: [Bool] = []
        _ = try submit(paths, into: round, grouping: CommitGrouping(files: 4)) { result in
            reported.append(result.receipt.id)
            let other = try? RoundStore.open(directory: round)
            visible.append((try? other?.receipt(result.receipt.id)) != nil)
        }
        #expect(reported == Array(1...Int64(paths.count)))
        #expect(visible == Array(repeating: true, count: paths.count))
    }

    static let injected = StoreError(
        kind: .io, message: Localized(vi: "lỗi ghi giả lập", en: "simulated write failure"), detail: "injected")

    @Test("a store failure while recording a file mid-group: the files before it are recorded and reported, no other")
    func failureMidGroup() throws {
        let dir = TemporaryDirectory()
        let paths = try Self.files(dir, Self.mixed)
        let round = try freshRound(dir, "round")
        var told: [Int64] = []
        let outcome = try submit(
            paths, into: round, grouping: CommitGrouping(files: 3),
            faults: SubmitFaults(beforeRecording: { index in if index == 4 { throw Self.injected } })
        ) { told.append($0.receipt.id) }
        #expect(told == [1, 2, 3, 4])
        #expect(outcome.results.map(\.receipt.id) == [1, 2, 3, 4])
        #expect(outcome.failure?.exitStatus == .environment)
        #expect(outcome.exitStatus == .environment)
        #expect(outcome.unrecorded == Array(paths[4...]))
        let stored = try RoundStore.open(directory: round).receipts()
        #expect(stored.map(\.sha256) == outcome.results.map(\.receipt.sha256))
    }

    @Test("a group whose commit fails: none of its files is recorded or reported; the groups before stay")
    func commitFails() throws {
        let dir = TemporaryDirectory()
        let paths = try Self.files(dir, Self.mixed)
        for failing in [0, 1] {
            let round = try freshRound(dir, "round-\(failing)")
            var told: [Int64] = []
            let outcome = try submit(
                paths, into: round, grouping: CommitGrouping(files: 3),
                faults: SubmitFaults(beforeCommit: { group in if group == failing { throw Self.injected } })
            ) { told.append($0.receipt.id) }
            let recorded = failing * 3
            #expect(told == Array(Array(1...9).prefix(recorded)).map(Int64.init))
            #expect(outcome.results.count == recorded)
            #expect(outcome.unrecorded == Array(paths[recorded...]))
            #expect(outcome.exitStatus == .environment)
            #expect(try RoundStore.open(directory: round).receipts().count == recorded)
        }
    }

    @Test("groups close at the file count and the byte count")
    func groupBounds() throws {
        let began = ContinuousClock.now
        let grouping = CommitGrouping(files: 3, bytes: 100, seconds: 3600)
        #expect(grouping.admits(files: 2, bytes: 99, since: began))
        #expect(!grouping.admits(files: 3, bytes: 0, since: began))
        #expect(!grouping.admits(files: 1, bytes: 100, since: began))
        #expect(!CommitGrouping(seconds: 0).admits(files: 1, bytes: 0, since: began))
        #expect(CommitGrouping(files: 0).files == 1)
    }
}
