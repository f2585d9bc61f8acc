import BudgetCore
import Testing

@testable import BudgetRules

private typealias L = Fixtures

@Suite("Duplicate-line memory")
struct FirstLineTableTests {
    /// Well-mixed keys, as the duplicate rule makes them.
    static func key(_ n: UInt64) -> UInt64 {
        var z = n &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @Test("a new key is remembered; a known one answers the lowest line seen so far")
    func remember() {
        var table = FirstLineTable()
        #expect(table.remember(42, line: 9) == nil)
        #expect(table.remember(42, line: 12) == 9)
        #expect(table.remember(42, line: 7) == 9, "answers the line it had")
        #expect(table.remember(42, line: 8) == 7, "and kept the lower one")
        #expect(table.remember(0, line: 3) == nil, "0 is a key like any other")
        #expect(table.remember(0, line: 4) == 3)
        #expect(table.count == 2)
    }

    @Test("two hundred thousand keys all come back, through every growth of every shard")
    func many() {
        var table = FirstLineTable()
        for n in 0..<200_000 { #expect(table.remember(Self.key(UInt64(n)), line: Int32(n)) == nil) }
        #expect(table.count == 200_000)
        var wrong = 0
        for n in 0..<200_000 where table.remember(Self.key(UInt64(n)), line: Int32.max) != Int32(n) { wrong += 1 }
        #expect(wrong == 0)
        #expect(table.count == 200_000)
    }

    @Test("a copy is a value: what one learns the other does not")
    func valueSemantics() {
        var original = FirstLineTable()
        _ = original.remember(1, line: 1)
        var copy = original
        #expect(copy.remember(2, line: 2) == nil)
        #expect(original.remember(2, line: 5) == nil, "the original never saw key 2")
        #expect(copy.remember(2, line: 9) == 2)
        #expect(original.remember(1, line: 9) == 1)
    }
}

@Suite("Item look-up cache")
struct ItemLookupCacheTests {
    @Test("answers what the plan answers, for codes as written however spelled")
    func agreesWithPlan() {
        var cache = ItemLookupCache()
        let codes = [
            "IV.5.a", "iv.5.a", " IV.5.a ", "IV.7", "IV.7", "iv.7\u{00A0}", "IV.9", "", "IV.5.a", "Iv.2.A",
            "a code longer than fifteen bytes", "a code longer than fifteen bytes", "Ⅳ.7",
        ]
        for _ in 0..<3 {
            for code in codes {
                #expect(cache.index(matching: code, in: L.plan) == L.plan.itemIndex(matching: code), "\(code)")
            }
        }
    }

    @Test("more distinct codes than it keeps: still the plan's answer for each")
    func overflow() {
        var cache = ItemLookupCache()
        for n in 0..<(ItemLookupCache.maxCount * 3) {
            let code = n % 7 == 0 ? "IV.7" : "X\(n)"
            #expect(cache.index(matching: code, in: L.plan) == L.plan.itemIndex(matching: code), "\(code)")
        }
    }
}

@Suite("Validation of lines without their text")
struct KeyedLineTests {
    @Test("lines that carry only the description's key give the findings of lines with text")
    func sameFindings() {
        let descriptions = [
            "Phóng sự chuyên đề", "  PHÓNG SỰ   chuyên đề", "Phim tài liệu",
            "Pho\u{0301}ng su\u{031B}\u{0323} chuye\u{0302}n đe\u{0302}\u{0300}",
            "Phim tài liệu", "",
        ]
        let codes = ["IV.5.a", "iv.5.a", "IV.7", "IV.5.a", "IV.9", "IV.9"]
        var withText: [EstimateLine] = []
        var keyed: [EstimateLine] = []
        for (n, (description, code)) in zip(descriptions, codes).enumerated() {
            for repeatCount in 0..<2 {
                let line = L.line(7 + n * 2 + repeatCount, code, description, amount: 1_000)
                withText.append(line)
                keyed.append(
                    EstimateLine(
                        line: line.line, itemCode: code, descriptionKey: Folding.caseAndSpaceKey(description),
                        amount: line.amount))
            }
        }
        let a = L.validate(withText)
        let b = L.validate(keyed)
        #expect(a.findings.spots == b.findings.spots)
        #expect(a.findings.map(\.arguments) == b.findings.map(\.arguments))
        #expect(a.findings.contains { $0.code == .duplicateLine })
        #expect(a.totalsByItem == b.totalsByItem)
    }

    @Test("a line's key follows its description once one is set")
    func keyFollowsDescription() {
        var line = EstimateLine(line: 1, itemCode: "IV.7", descriptionKey: 99, amount: nil)
        #expect(line.descriptionKey == 99)
        line.description = "Tài liệu"
        #expect(line.descriptionKey == Folding.caseAndSpaceKey("Tài liệu"))
        #expect(
            EstimateLine(line: 1, itemCode: "IV.7", description: "TÀI  liệu", amount: nil).descriptionKey
                == Folding.caseAndSpaceKey("tài liệu"))
    }
}

@Suite("Duplicate-line memory sized up front")
struct SizedFirstLineTableTests {
    /// The answers of a table to a run of keys with repeats, lines out of order.
    static func answers(_ table: inout FirstLineTable, keys: Int) -> [Int32?] {
        var out: [Int32?] = []
        for n in 0..<keys * 2 {
            let k = UInt64(n % 3 == 0 ? n / 3 : n)
            let line = Int32(n % 5 == 0 ? keys * 2 - n : n + 1)
            out.append(table.remember(FirstLineTableTests.key(k), line: line))
        }
        out.append(table.remember(0, line: 7))
        out.append(table.remember(1, line: 3))
        return out
    }

    @Test("a hint smaller, equal or larger than the real count answers as a table without one")
    func sameAnswers() {
        let keys = 50_000
        var plain = FirstLineTable()
        let expected = Self.answers(&plain, keys: keys)
        for hint in [-5, 0, 1, 100, keys / 10, keys, keys * 2, keys * 40] {
            var sized = FirstLineTable(expectedKeys: hint)
            #expect(Self.answers(&sized, keys: keys) == expected, "hint \(hint)")
            #expect(sized.count == plain.count, "hint \(hint)")
        }
    }

    @Test("a hint as large as the real count leaves no shard to grow; a huge one is clamped")
    func sizing() {
        let keys = 200_000
        var table = FirstLineTable(expectedKeys: keys)
        let capacity = table.capacity
        #expect(capacity >= keys * 5 / 4)
        for n in 0..<keys { _ = table.remember(FirstLineTableTests.key(UInt64(n)), line: Int32(n)) }
        #expect(table.capacity == capacity, "no shard grew")
        #expect(FirstLineTable(expectedKeys: Int.max).capacity <= FirstLineTable.maxExpectedKeys * 3 / 2)
        #expect(FirstLineTable().capacity == 0)
    }

    @Test("a copy of a sized table is a value")
    func valueSemantics() {
        var original = FirstLineTable(expectedKeys: 10_000)
        _ = original.remember(1, line: 1)
        var copy = original
        #expect(copy.remember(2, line: 2) == nil)
        #expect(original.remember(2, line: 5) == nil)
        #expect(copy.remember(1, line: 9) == 1)
    }
}

@Suite("Validator sized for the file")
struct SizedValidatorTests {
    @Test("duplicate findings are the same whatever the expected line count")
    func sameFindings() {
        var lines: [EstimateLine] = []
        let codes = ["IV.5.a", "iv.5.a", "IV.7", "IV.9", "X.1"]
        for n in 0..<3_000 {
            let description = "Mục \(n % 60)"
            let amount = Money(dong: Int64(1_000 * (n % 13 + 1)))
            lines.append(
                EstimateLine(
                    line: 7 + n, itemCode: codes[n % codes.count],
                    descriptionKey: Folding.caseAndSpaceKey(description), amount: n % 17 == 0 ? nil : amount))
        }
        // Out of order too: the lowest line must still be the one reported as the original.
        lines.swapAt(10, 2_500)
        lines.swapAt(400, 1_999)
        func findings(_ expected: Int?) -> [Finding] {
            var validator =
                expected.map { SubmissionValidator(plan: L.plan, agencyFlag: "DPTTH", expectedLines: $0) }
                ?? SubmissionValidator(plan: L.plan, agencyFlag: "DPTTH")
            let preamble = L.preamble()
            validator.begin(preamble)
            for line in lines { validator.consume(line) }
            var report = IntakeReport()
            report.preamble = preamble
            report.lineCount = lines.count
            return validator.finish(report: report).findings
        }
        let plain = findings(nil)
        #expect(plain.contains { $0.code == .duplicateLine })
        // The validator gives the rule each plan item's key, made once; the rule alone
        // makes it from the code: the same duplicates either way.
        let alone = L.run(DuplicateLineRule.rule, lines, agency: nil).filter { $0.code == .duplicateLine }
        let through = plain.filter { $0.code == .duplicateLine }
        #expect(Set(alone.spots) == Set(through.spots))
        #expect(Set(alone.map(\.arguments)) == Set(through.map(\.arguments)))
        #expect(alone.count == through.count)
        for expected in [0, 1, 100, 3_000, 100_000] {
            let sized = findings(expected)
            #expect(sized.spots == plain.spots, "expected \(expected)")
            #expect(sized.map(\.arguments) == plain.map(\.arguments), "expected \(expected)")
            #expect(sized.map(\.code) == plain.map(\.code), "expected \(expected)")
        }
    }
}

@Suite("Duplicate key in two steps")
struct DuplicateItemKeyTests {
    @Test("the item's part made once, then the line's, is the key made in one go")
    func twoSteps() {
        for code in ["IV.5.a", "", "X", "a code longer than fifteen bytes", "Ⅳ.7"] {
            for (description, amount) in [(UInt64(0), Int64(0)), (42, 1_000), (.max, -5)] {
                #expect(
                    DuplicateLineRule.key(
                        itemKey: DuplicateLineRule.itemKey(code), descriptionKey: description,
                        amount: Money(dong: amount))
                        == DuplicateLineRule.key(item: code, descriptionKey: description, amount: Money(dong: amount)))
            }
        }
    }
}
