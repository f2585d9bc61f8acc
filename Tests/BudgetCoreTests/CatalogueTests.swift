import Testing

@testable import BudgetCore

@Suite("Finding catalogue")
struct CatalogueTests {
    static let contractCodes: [String] = [
        "unreadable-encoding", "legacy-encoding", "malformed-csv", "no-header", "missing-column",
        "duplicate-column", "ragged-row", "missing-agency", "unknown-agency", "agency-conflict",
        "unknown-item", "item-not-assigned", "invalid-number", "ambiguous-number",
        "fractional-amount", "negative-amount", "missing-amount", "amount-mismatch",
        "total-mismatch", "words-mismatch", "duplicate-line", "cap-exceeded",
        "empty-submission", "limit-exceeded",
    ]

    @Test("every code of the contract has an entry with the contract's severity")
    func contract() {
        let warnings: Set<String> = ["ragged-row", "words-mismatch", "duplicate-line", "cap-exceeded"]
        for raw in Self.contractCodes {
            let entry = FindingCatalogue.entry(FindingCode(rawValue: raw))
            #expect(entry != nil, "no entry for \(raw)")
            #expect(entry?.severity == (warnings.contains(raw) ? .warning : .error), "severity of \(raw)")
        }
    }

    @Test("every message and hint exists in both languages with the same placeholders")
    func bilingual() {
        var seen = Set<FindingCode>()
        for entry in FindingCatalogue.entries {
            #expect(seen.insert(entry.code).inserted, "duplicate entry \(entry.code)")
            let texts = [entry.title, entry.description] + Array(entry.messages.values) + Array(entry.hints.values)
            for text in texts {
                #expect(!text.vi.isEmpty && !text.en.isEmpty, "\(entry.code): empty text")
                #expect(Set(text.placeholders(.vi)) == Set(text.placeholders(.en)), "\(entry.code): \(text.vi)")
            }
            #expect(entry.messages[""] != nil, "\(entry.code) has no default message")
        }
    }

    @Test("a finding renders its message from the catalogue and drops a hint missing its value")
    func rendering() {
        let f = Finding(
            .unknownItem, file: "a.csv", line: 7, column: "Mã nội dung", value: "IV.2.b",
            arguments: ["suggestion": "IV.2.a"])
        #expect(f.severity == .error)
        #expect(f.message(.vi) == "Mã nội dung «IV.2.b» không có trong kế hoạch.")
        #expect(f.hint(.en) == "Did you mean IV.2.a?")
        let bare = Finding(.unknownItem, value: "ZZ")
        #expect(bare.hint(.en) == nil)
    }
}
