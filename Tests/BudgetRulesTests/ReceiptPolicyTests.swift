import BudgetCore
import Testing

@testable import BudgetRules

@Suite("Receipt decisions")
struct ReceiptPolicyTests {
    /// Every combination of (on time, --accept-late, valid), with the contract's decision.
    static let table: [(Bool, Bool, Bool, Decision)] = [
        (true, false, true, .accepted),
        (true, false, false, .returned),
        (true, true, true, .accepted),
        (true, true, false, .returned),
        (false, false, true, .refusedLate),
        (false, false, false, .refusedLate),
        (false, true, true, .acceptedLate),
        (false, true, false, .returned),
    ]

    @Test("lateness decides first, then validity", arguments: table)
    func decide(onTime: Bool, acceptLate: Bool, valid: Bool, expected: Decision) {
        #expect(ReceiptPolicy.decide(onTime: onTime, acceptLate: acceptLate, valid: valid) == expected)
    }

    @Test(
        "each decision implies whether it counts",
        arguments: [(Decision.accepted, true), (.acceptedLate, true), (.returned, false), (.refusedLate, false)])
    func counts(decision: Decision, counts: Bool) {
        #expect(decision.counts == counts)
    }

    @Test("decisions are stored under the contract's names")
    func rawValues() {
        #expect(Decision.allCases.map(\.rawValue) == ["accepted", "returned", "refused-late", "accepted-late"])
        #expect(
            AgencyState.allCases.map(\.rawValue) == [
                "missing", "accepted", "accepted-late", "returned", "refused-late",
            ])
    }
}

@Suite("Agency state")
struct AgencyStateTests {
    static let accepted = ReceiptOutcome(decision: .accepted, valid: true)
    static let acceptedLate = ReceiptOutcome(decision: .acceptedLate, valid: true)
    static let returned = ReceiptOutcome(decision: .returned, valid: false)
    static let refusedValid = ReceiptOutcome(decision: .refusedLate, valid: true)
    static let refusedInvalid = ReceiptOutcome(decision: .refusedLate, valid: false)

    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var receipts: [ReceiptOutcome]
        var state: AgencyState
        var counted: Int?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "nothing received", receipts: [], state: .missing, counted: nil),
        Case(label: "one accepted", receipts: [accepted], state: .accepted, counted: 0),
        Case(label: "one accepted late", receipts: [acceptedLate], state: .acceptedLate, counted: 0),
        Case(label: "one returned", receipts: [returned], state: .returned, counted: nil),
        Case(label: "one refused", receipts: [refusedInvalid], state: .refusedLate, counted: nil),
        Case(label: "a valid refused file does not count", receipts: [refusedValid], state: .refusedLate, counted: nil),
        Case(label: "returned, then accepted", receipts: [returned, accepted], state: .accepted, counted: 1),
        Case(
            label: "accepted, then returned: the accepted one still counts", receipts: [accepted, returned],
            state: .accepted, counted: 0),
        Case(
            label: "accepted, then refused: the accepted one still counts", receipts: [accepted, refusedValid],
            state: .accepted, counted: 0),
        Case(
            label: "accepted, then accepted late: the later supersedes", receipts: [accepted, acceptedLate],
            state: .acceptedLate, counted: 1),
        Case(
            label: "accepted twice: the later supersedes", receipts: [accepted, returned, accepted], state: .accepted,
            counted: 2),
        Case(
            label: "returned, then refused: the latest decides", receipts: [returned, refusedInvalid],
            state: .refusedLate, counted: nil),
        Case(
            label: "refused, then returned: the latest decides", receipts: [refusedInvalid, returned],
            state: .returned, counted: nil),
        Case(
            label: "an accepted record of an invalid file never counts",
            receipts: [ReceiptOutcome(decision: .accepted, valid: false)], state: .returned, counted: nil),
    ]

    @Test("the state follows the latest counted receipt, else the latest receipt", arguments: cases)
    func derive(_ c: Case) {
        let standing = AgencyStanding.derive(c.receipts)
        #expect(standing.state == c.state)
        #expect(standing.counted == c.counted)
    }
}
