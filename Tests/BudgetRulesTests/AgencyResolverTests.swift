import BudgetCore
import Foundation
import Testing

@testable import BudgetRules

@Suite("Agency resolution")
struct AgencyResolverTests {
    let plan = Fixtures.plan

    func code(_ value: String, line: Int = 3) -> KeyRow { KeyRow(key: .agencyCode, line: line, value: value) }
    func name(_ value: String, line: Int = 4) -> KeyRow { KeyRow(key: .agencyName, line: line, value: value) }

    struct Case: CustomTestStringConvertible, Sendable {
        var label: String
        var flag: String?
        var rows: [KeyRow]
        var agency: String?
        var settled: Bool
        var spots: [Spot]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "the flag alone", flag: "BAOKT", rows: [], agency: "BAOKT", settled: true, spots: []),
        Case(
            label: "the flag in lower case with spaces", flag: "  baokt ", rows: [], agency: "BAOKT", settled: true,
            spots: []),
        Case(
            label: "the code row alone", flag: nil, rows: [KeyRow(key: .agencyCode, line: 3, value: "svhttdl")],
            agency: "SVHTTDL", settled: true, spots: []),
        Case(
            label: "the name row alone (NFC)", flag: nil,
            rows: [KeyRow(key: .agencyName, line: 4, value: "Báo Kon Tum")],
            agency: "BAOKT", settled: true, spots: []),
        Case(
            label: "the name row alone (NFD)", flag: nil,
            rows: [
                KeyRow(
                    key: .agencyName, line: 4,
                    value: "Sở Văn hóa, Thể thao và Du lịch".decomposedStringWithCanonicalMapping)
            ],
            agency: "SVHTTDL", settled: true, spots: []),
        Case(
            label: "the name row in capitals without tone marks", flag: nil,
            rows: [KeyRow(key: .agencyName, line: 4, value: "DAI PHAT THANH - TRUYEN HINH TINH")],
            agency: "DPTTH", settled: true, spots: []),
        Case(
            label: "a name row holding a code", flag: nil, rows: [KeyRow(key: .agencyName, line: 4, value: "BAOKT")],
            agency: "BAOKT", settled: true, spots: []),
        Case(
            label: "flag, code and name agree", flag: "BAOKT",
            rows: [
                KeyRow(key: .agencyCode, line: 3, value: "BAOKT"),
                KeyRow(key: .agencyName, line: 4, value: "Báo Kon Tum"),
            ],
            agency: "BAOKT", settled: true, spots: []),
        Case(
            label: "the flag and the code row disagree", flag: "BAOKT",
            rows: [KeyRow(key: .agencyCode, line: 3, value: "SVHTTDL")],
            agency: "BAOKT", settled: false, spots: [Spot(3, nil, .agencyConflict)]),
        Case(
            label: "the code row and the name row disagree", flag: nil,
            rows: [
                KeyRow(key: .agencyCode, line: 3, value: "BAOKT"),
                KeyRow(key: .agencyName, line: 4, value: "Sở Văn hóa, Thể thao và Du lịch"),
            ],
            agency: "BAOKT", settled: false, spots: [Spot(3, nil, .agencyConflict)]),
        Case(
            label: "the flag and the name row disagree", flag: "DPTTH",
            rows: [KeyRow(key: .agencyName, line: 4, value: "Báo Kon Tum")],
            agency: "DPTTH", settled: false, spots: [Spot(4, nil, .agencyConflict)]),
        Case(
            label: "an unknown flag", flag: "BAOK", rows: [], agency: nil, settled: false,
            spots: [Spot(nil, nil, .unknownAgency)]),
        Case(
            label: "an unknown code row", flag: nil, rows: [KeyRow(key: .agencyCode, line: 3, value: "SVHTDL")],
            agency: nil, settled: false, spots: [Spot(3, nil, .unknownAgency)]),
        Case(
            label: "an unknown name, no code", flag: nil,
            rows: [KeyRow(key: .agencyName, line: 4, value: "Sở Y tế")], agency: nil, settled: false,
            spots: [Spot(4, nil, .unknownAgency)]),
        Case(
            label: "an unknown name beside a known code is ignored", flag: nil,
            rows: [
                KeyRow(key: .agencyCode, line: 3, value: "BAOKT"), KeyRow(key: .agencyName, line: 4, value: "Báo KT"),
            ],
            agency: "BAOKT", settled: true, spots: []),
        Case(
            label: "nothing at all", flag: nil, rows: [], agency: nil, settled: false,
            spots: [Spot(nil, nil, .missingAgency)]),
        Case(
            label: "a blank flag and empty rows count as nothing", flag: " ",
            rows: [KeyRow(key: .agencyCode, line: 3, value: ""), KeyRow(key: .plan, line: 2, value: "kon-tum-2020")],
            agency: nil, settled: false, spots: [Spot(nil, nil, .missingAgency)]),
    ]

    @Test("the agency comes from the flag, the code row or the name row", arguments: cases)
    func resolution(_ c: Case) {
        let result = AgencyResolver.resolve(flag: c.flag, keyRows: c.rows, plan: plan)
        #expect(result.agency?.code == c.agency)
        #expect(result.isSettled == c.settled)
        #expect(result.findings.spots == c.spots)
        expectFullyRendered(result.findings)
    }

    @Test("a conflict lists its sources with their lines")
    func conflictValue() {
        let result = AgencyResolver.resolve(flag: "BAOKT", keyRows: [code("SVHTTDL")], plan: plan)
        #expect(result.findings.first?.value == "--agency BAOKT ≠ Mã đơn vị SVHTTDL (dòng 3)")
    }

    @Test("a conflict groups the sources that agree")
    func conflictGroups() {
        let result = AgencyResolver.resolve(
            flag: "BAOKT", keyRows: [code("SVHTTDL"), name("Sở Văn hóa, Thể thao và Du lịch")], plan: plan)
        #expect(result.findings.count == 1)
        #expect(
            result.findings.first?.value
                == "--agency BAOKT ≠ Mã đơn vị SVHTTDL (dòng 3) = Đơn vị Sở Văn hóa, Thể thao và Du lịch (dòng 4)")
    }

    @Test("an unknown code suggests the nearest code of the plan")
    func suggestion() {
        let result = AgencyResolver.resolve(flag: nil, keyRows: [code("SVHTDL")], plan: plan)
        #expect(result.findings.first?.value == "SVHTDL")
        #expect(result.findings.first?.arguments["suggestion"] == "SVHTTDL")
        #expect(result.findings.first?.hint(.en) == "Did you mean SVHTTDL?")
    }

    @Test("an unknown name suggests the nearest agency name, tone marks aside")
    func nameSuggestion() {
        let result = AgencyResolver.resolve(flag: nil, keyRows: [name("Bao Kon Tun")], plan: plan)
        #expect(result.findings.first?.arguments["suggestion"] == "Báo Kon Tum (BAOKT)")
    }

    @Test("an unknown flag next to a known code row reports the flag and takes the row")
    func unknownFlagKnownRow() {
        let result = AgencyResolver.resolve(flag: "XYZ", keyRows: [code("BAOKT")], plan: plan)
        #expect(result.agency == Fixtures.baokt)
        #expect(result.findings.spots == [Spot(nil, nil, .unknownAgency)])
    }
}
