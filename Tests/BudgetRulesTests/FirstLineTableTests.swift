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
            "Phóng sự chuyên đề", "  PHÓNG SỰ   chuyên đề", "Phim tài liệu", "Pho\u{0301}ng su\u{031B}\u{0323} chuye\u{0302}n đe\u{0302}\u{0300}",
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
        #expect(EstimateLine(line: 1, itemCode: "IV.7", description: "TÀI  liệu", amount: nil).descriptionKey
            == Folding.caseAndSpaceKey("tài liệu"))
    }
}
