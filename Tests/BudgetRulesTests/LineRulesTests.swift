import BudgetCore
import Testing

@testable import BudgetRules

@Suite("Line rules")
struct LineRulesTests {
    typealias L = Fixtures

    @Test("every registered line rule raises a code the catalogue knows, once")
    func registry() {
        let codes = LineRules.registered.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes { #expect(FindingCatalogue.entry(code) != nil) }
    }

    @Test("the rules the validator runs are the registered ones, in order, and each finds what its value finds")
    func directCalls() {
        let lines = [
            L.line(7, "IV.9", amount: 1_000), L.line(8, "", amount: 5),
            L.line(9, "IV.5.a", quantity: Quantity(-2), price: 3, amount: -6),
            L.line(10, "IV.5.a", quantity: Quantity(2), price: 3, amount: 7),
            L.line(11, "IV.5.a", quantity: Quantity(2), price: 3, amount: 7),
            L.line(12, "IV.7", amount: 1), L.line(13, "IV.2.a", amount: nil),
        ]
        for agency in [L.baokt, nil] {
            let context = L.context(agency: agency)
            var (memory, direct) = (LineMemory(), [Finding]())
            var (valueMemories, throughValues) = (LineRules.registered.map { _ in LineMemory() }, [Finding]())
            for line in lines {
                let checked = CheckedLine(line: line, plan: L.plan)
                LineRules.List.run(checked, context, &memory, &direct)
                for (index, rule) in LineRules.registered.enumerated() {
                    rule.check(checked, context, &valueMemories[index], &throughValues)
                }
            }
            memory.flush(context, &direct)
            #expect(direct.sorted(by: Finding.reportOrder) == throughValues.sorted(by: Finding.reportOrder))
            // The lines above give every rule something to find (item-not-assigned needs an agency).
            var expected = Set(LineRules.registered.map(\.code))
            if agency == nil { expected.remove(.itemNotAssigned) }
            #expect(Set(direct.map(\.code)) == expected)
        }
        #expect(!L.run(LineRules.registered[0], lines).isEmpty)
    }

    // MARK: unknown-item

    @Test("an item code not in the plan is unknown-item on the code column")
    func unknownItem() {
        let findings = L.run(UnknownItemRule.rule, [L.line(7, "IV.9", amount: 1_000)])
        #expect(findings.spots == [Spot(7, 2, .unknownItem)])
        #expect(findings.first?.value == "IV.9")
        #expect(findings.first?.column == "Mã nội dung")
        expectFullyRendered(findings)
    }

    @Test("a known code in another case or with spaces around is not unknown", arguments: ["iv.5.a", " IV.5.A "])
    func knownCode(code: String) {
        #expect(L.run(UnknownItemRule.rule, [L.line(7, code, amount: 1_000)]).isEmpty)
    }

    @Test(
        "an unknown code suggests the plan code it resembles",
        arguments: [
            ("IV2a", "IV.2.a"), ("IV. 2. a", "IV.2.a"), ("iv.5a", "IV.5.a"), ("IV.5.b", "IV.5.a"),
            ("IV.8", "IV.7"),
        ])
    func suggestion(written: String, suggested: String) {
        let findings = L.run(UnknownItemRule.rule, [L.line(7, written, amount: 1)])
        #expect(findings.first?.arguments["suggestion"] == suggested)
    }

    @Test("an unknown code far from every plan code has no suggestion")
    func noSuggestion() {
        let findings = L.run(UnknownItemRule.rule, [L.line(7, "XYZ-123-QQ", amount: 1)])
        #expect(findings.first?.arguments["suggestion"] == nil)
        #expect(findings.first?.hint(.vi) == nil)
    }

    @Test("a line with an amount and no item code is unknown-item, variant missing-code")
    func missingCode() {
        let findings = L.run(UnknownItemRule.rule, [L.line(9, "", amount: 5_000)])
        #expect(findings.spots == [Spot(9, 2, .unknownItem)])
        #expect(findings.first?.variant == "missing-code")
        expectFullyRendered(findings)
    }

    // MARK: item-not-assigned

    @Test("an item the plan gives to other agencies is item-not-assigned")
    func notAssigned() {
        let findings = L.run(ItemNotAssignedRule.rule, [L.line(8, "iv.2.a", amount: 1_000)], agency: L.baokt)
        #expect(findings.spots == [Spot(8, 2, .itemNotAssigned)])
        #expect(findings.first?.arguments["assignees"] == "SVHTTDL")
        #expect(findings.first?.agency == "BAOKT")
        #expect(findings.first?.item == "IV.2.a")
        #expect(findings.first?.value == "iv.2.a")
        expectFullyRendered(findings)
    }

    @Test("assignees are listed comma-separated")
    func assignees() {
        let findings = L.run(ItemNotAssignedRule.rule, [L.line(8, "IV.5.a", amount: 1)], agency: L.svhttdl)
        #expect(findings.first?.arguments["assignees"] == "BAOKT, DPTTH")
    }

    @Test(
        "an assigned item, an item open to anyone, an unknown item or an unsettled agency raise nothing",
        arguments: [("IV.5.a", true), ("IV.7", true), ("IV.9", true), ("IV.2.a", false)])
    func assigned(code: String, settled: Bool) {
        let findings = L.run(ItemNotAssignedRule.rule, [L.line(8, code, amount: 1)], agency: settled ? L.baokt : nil)
        #expect(findings.isEmpty)
    }

    // MARK: negative-amount

    @Test("each negative cell is one negative-amount on its own column")
    func negative() {
        let line = L.line(10, "IV.5.a", quantity: Quantity(mantissa: -25, scale: 1), price: -2_000, amount: -5_000)
        let findings = L.run(NegativeAmountRule.rule, [line])
        #expect(
            findings.spots == [
                Spot(10, 5, .negativeAmount), Spot(10, 6, .negativeAmount), Spot(10, 7, .negativeAmount),
            ])
        #expect(findings.map(\.value) == ["-2,5", "-2.000", "-5.000"])
        expectFullyRendered(findings)
    }

    @Test("zero and positive values are not negative")
    func notNegative() {
        let line = L.line(10, "IV.5.a", quantity: Quantity(0), price: 0, amount: 0)
        #expect(L.run(NegativeAmountRule.rule, [line]).isEmpty)
    }

    // MARK: amount-mismatch

    struct ArithmeticCase: Sendable, CustomTestStringConvertible {
        var label: String
        var quantity: Quantity?
        var price: Int64?
        var amount: Int64?
        var variant: String?
        var testDescription: String { label }
    }

    static let arithmetic: [ArithmeticCase] = [
        ArithmeticCase(
            label: "2 × 45.000.000 = 90.000.000", quantity: Quantity(2), price: 45_000_000,
            amount: 90_000_000, variant: nil),
        ArithmeticCase(
            label: "2 × 45.000.000 ≠ 80.000.000", quantity: Quantity(2), price: 45_000_000,
            amount: 80_000_000, variant: ""),
        ArithmeticCase(
            label: "2,5 × 3 = 7,5 rounds half up to 8", quantity: Quantity(mantissa: 25, scale: 1),
            price: 3, amount: 8, variant: nil),
        ArithmeticCase(
            label: "2,5 × 3 is not 7", quantity: Quantity(mantissa: 25, scale: 1), price: 3, amount: 7,
            variant: ""),
        ArithmeticCase(
            label: "0,333 × 1.000 = 333", quantity: Quantity(mantissa: 333, scale: 3), price: 1_000,
            amount: 333, variant: nil),
        ArithmeticCase(
            label: "a product beyond 64 bits is the overflow variant", quantity: Quantity(Int64.max),
            price: 2, amount: 1, variant: "overflow"),
        ArithmeticCase(
            label: "without a quantity nothing is checked", quantity: nil, price: 45_000_000,
            amount: 1, variant: nil),
        ArithmeticCase(
            label: "without a price nothing is checked", quantity: Quantity(2), price: nil,
            amount: 1, variant: nil),
        ArithmeticCase(
            label: "without an amount nothing is checked", quantity: Quantity(2), price: 3,
            amount: nil, variant: nil),
    ]

    @Test("quantity × unit price must equal the amount", arguments: arithmetic)
    func amountMismatch(_ c: ArithmeticCase) {
        let line = L.line(11, "IV.5.a", quantity: c.quantity, price: c.price, amount: c.amount)
        let findings = L.run(AmountMismatchRule.rule, [line])
        if let variant = c.variant {
            #expect(findings.spots == [Spot(11, 7, .amountMismatch)])
            #expect(findings.first?.variant == variant)
            expectFullyRendered(findings)
        } else {
            #expect(findings.isEmpty)
        }
    }

    @Test("a mismatch gives the product grouped and the factors as the sheet writes them")
    func mismatchArguments() {
        let line = L.line(
            11, "IV.5.a", quantity: Quantity(mantissa: 25, scale: 1), price: 6_000_000, amount: 16_000_000)
        let finding = L.run(AmountMismatchRule.rule, [line]).first
        #expect(finding?.value == "16.000.000")
        #expect(finding?.arguments == ["expected": "15.000.000", "quantity": "2,5", "price": "6.000.000"])
    }

    // MARK: duplicate-line

    @Test("the same item, description and amount twice is duplicate-line pointing back")
    func duplicate() {
        let findings = L.run(
            DuplicateLineRule.rule,
            [
                L.line(7, "IV.5.a", "Phóng sự chuyên đề", amount: 60_000_000),
                L.line(8, "IV.5.a", "Phim tài liệu", amount: 60_000_000),
                L.line(9, "iv.5.a", "  PHÓNG SỰ   chuyên đề ", amount: 60_000_000),
            ])
        #expect(findings.spots == [Spot(9, 7, .duplicateLine)])
        #expect(findings.first?.arguments["otherLine"] == "7")
        #expect(findings.first?.item == "IV.5.a")
        expectFullyRendered(findings)
    }

    @Test("a decomposed description is the same description")
    func duplicateNFD() {
        let text = "Phóng sự chuyên đề"
        let findings = L.run(
            DuplicateLineRule.rule,
            [
                L.line(7, "IV.5.a", text, amount: 1),
                L.line(8, "IV.5.a", text.decomposedStringWithCanonicalMapping, amount: 1),
            ])
        #expect(findings.spots == [Spot(8, 7, .duplicateLine)])
    }

    @Test(
        "lines that differ in item, description, tone marks or amount are not duplicates",
        arguments: [
            ("IV.7", "Phóng sự", Int64(1)), ("IV.5.a", "Phóng sự 2", 1), ("IV.5.a", "Phong su", 1),
            ("IV.5.a", "Phóng sự", 2),
        ])
    func notDuplicate(code: String, description: String, amount: Int64) {
        let findings = L.run(
            DuplicateLineRule.rule,
            [L.line(7, "IV.5.a", "Phóng sự", amount: 1), L.line(8, code, description, amount: amount)])
        #expect(findings.isEmpty)
    }

    @Test("lines arriving out of order still point back to the earlier line")
    func outOfOrder() {
        let findings = L.run(
            DuplicateLineRule.rule,
            [L.line(12, "IV.5.a", amount: 1), L.line(7, "IV.5.a", amount: 1), L.line(15, "IV.5.a", amount: 1)])
        #expect(Set(findings.spots) == [Spot(12, 7, .duplicateLine), Spot(15, 7, .duplicateLine)])
        #expect(findings.allSatisfy { $0.arguments["otherLine"] == "7" })
    }

    @Test("lines without an amount are not compared")
    func noAmount() {
        #expect(
            L.run(DuplicateLineRule.rule, [L.line(7, "IV.5.a", amount: nil), L.line(8, "IV.5.a", amount: nil)]).isEmpty)
    }

    @Test("ASCII and non-ASCII descriptions fold to the same key when they should")
    func foldingPaths() {
        let a = DuplicateLineRule.key(item: "IV.7", description: "Tai  LIEU", amount: Money(dong: 5))
        let b = DuplicateLineRule.key(item: "IV.7", description: "tai\u{00A0}lieu", amount: Money(dong: 5))
        #expect(a == b)
    }
}

@Suite("Duplicate-line key")
struct DuplicateKeyTests {
    static let descriptions = [
        "Phóng sự chuyên đề", "  PHÓNG   SỰ chuyên ĐỀ ", "Phóng sự chuyên đề".decomposedStringWithCanonicalMapping,
        "Đài Phát thanh\u{00A0}– Truyền hình", "Ωmega \u{2126} Å \u{212B}", "ΣΑΣ 漢字 𝔘", "",
    ]

    @Test("the streamed folding gives the bytes of Folding.caseAndSpace", arguments: descriptions)
    func streamedFolding(text: String) {
        var bytes: [UInt8] = []
        DuplicateLineRule.foldedDescription(text) { bytes.append($0) }
        #expect(String(decoding: bytes, as: UTF8.self) == Folding.caseAndSpace(text))
    }
    @Test("an ASCII item code's compact key is the one the general path gives")
    func compactKeyFastPath() {
        // Every pair of printable ASCII characters, and codes with dots, spaces and case.
        var codes = ["IV.2.a", "iv 2 a", "I.1", "a/b-c_d", " x. Y\t", "", "...", "Ⅳ.2.a", "ß.1"]
        for a in 0x20...0x7E {
            for b in [0x20, 0x2E, 0x41, 0x61, 0x7A, 0x7E, 0x09, 0x0B] {
                codes.append(String(decoding: [UInt8(a), UInt8(b)], as: UTF8.self))
            }
        }
        for code in codes {
            let general = String(
                String.UnicodeScalarView(code.uppercased().unicodeScalars.filter { $0 != "." && !Folding.isSpace($0) }))
            #expect(LineContext.compactKey(code) == general, "\(code.debugDescription)")
        }
    }
}
