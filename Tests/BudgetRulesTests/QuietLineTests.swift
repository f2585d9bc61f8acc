import BudgetCore
import BudgetTestSupport
import Testing

@testable import BudgetRules

private typealias L = Fixtures

@Suite("Quiet lines")
struct QuietLineTests {
    /// The rules a quiet line stands in for (all the built-in ones but duplicate-line).
    static let rules = LineRules.registered.filter { $0.code != .duplicateLine }

    @Test("no rule finds anything on a line judged quiet")
    func quietMeansNoFinding() {
        var random = SplitMix(seed: 7)
        let codes = ItemCodes()
        let written = ["IV.5.a", "iv.5.a", "IV.7", "IV.2.a", "IV.9", "", " IV.5.A "]
        let numbers = written.map { codes.number($0) }
        var (quiet, loud) = (0, 0)
        for agency in [L.baokt, L.svhttdl, nil] {
            let context = L.context(agency: agency)
            let quietItems = QuietLine.items(L.plan, agency: agency)
            for n in 0..<4_000 {
                func maybe<T>(_ value: T) -> T? { Int.random(in: 0..<6, using: &random) == 0 ? nil : value }
                let quantity = Quantity(
                    mantissa: Int64.random(in: -3...30, using: &random), scale: Int.random(in: 0...2, using: &random))
                let price = Money(dong: Int64.random(in: -2...9, using: &random) * 500)
                var amount = quantity.times(price) ?? Money(dong: 0)
                if Int.random(in: 0..<8, using: &random) == 0 { amount = Money(dong: amount.dong + 1) }
                let line = KeyedLine(
                    line: n + 7, code: numbers[Int.random(in: 0..<numbers.count, using: &random)], descriptionKey: 1,
                    quantity: maybe(quantity), unitPrice: maybe(price), amount: maybe(amount))
                let checked = CheckedLine(line: line.estimateLine(codes: codes), plan: L.plan)
                let index = L.plan.itemIndex(matching: codes.text(line.code))
                let isQuiet = index.map { QuietLine.isQuiet(line, itemIsQuiet: quietItems[$0]) } ?? false
                var memory = LineMemory()
                var findings: [Finding] = []
                for rule in Self.rules { rule.check(checked, context, &memory, &findings) }
                if isQuiet {
                    quiet += 1
                    #expect(findings.isEmpty, "line \(line.line): \(findings.map(\.code))")
                } else {
                    loud += 1
                }
            }
        }
        // Both kinds are well represented, so the property was tested, not vacuous.
        #expect(quiet > 2_000)
        #expect(loud > 2_000)
    }

    @Test("a quiet line's triggers, one at a time")
    func triggers() {
        let good = KeyedLine(
            line: 7, code: 0, descriptionKey: 1, quantity: Quantity(2), unitPrice: Money(dong: 3),
            amount: Money(dong: 6))
        #expect(QuietLine.isQuiet(good, itemIsQuiet: true))
        #expect(!QuietLine.isQuiet(good, itemIsQuiet: false))
        func with(_ q: Int64?, _ p: Int64?, _ a: Int64?) -> KeyedLine {
            KeyedLine(
                line: 7, code: 0, descriptionKey: 1, quantity: q.map { Quantity($0) },
                unitPrice: p.map { Money(dong: $0) },
                amount: a.map { Money(dong: $0) })
        }
        #expect(!QuietLine.isQuiet(with(-2, -3, 6), itemIsQuiet: true), "negative quantity and price")
        #expect(!QuietLine.isQuiet(with(2, 3, 7), itemIsQuiet: true), "product not the amount")
        #expect(!QuietLine.isQuiet(with(nil, nil, -1), itemIsQuiet: true), "negative amount")
        #expect(QuietLine.isQuiet(with(nil, 3, 7), itemIsQuiet: true), "no quantity: nothing to compare")
        #expect(QuietLine.isQuiet(with(2, 3, nil), itemIsQuiet: true), "no amount")
        #expect(QuietLine.items(L.plan, agency: nil).allSatisfy { $0 })
        #expect(QuietLine.items(L.plan, agency: L.baokt).contains(false))
    }

    @Test("a keyed line gives back its figures and the code it was numbered with")
    func keyedLine() {
        let codes = ItemCodes()
        let line = EstimateLine(
            line: 9, itemCode: "IV.7", descriptionKey: 42, quantity: Quantity(mantissa: -25, scale: 1),
            unitPrice: Money(dong: 4), amount: nil)
        let keyed = KeyedLine(line, code: codes.number("IV.7"))
        #expect(keyed.estimateLine(codes: codes) == line)
        #expect(keyed.amount == nil && keyed.unitPrice == Money(dong: 4))
        #expect(keyed.quantity == Quantity(mantissa: -25, scale: 1))
        #expect(MemoryLayout<KeyedLine>.size <= 48)
    }

    @Test("codes are numbered once each, and start afresh in a new generation")
    func itemCodes() {
        let codes = ItemCodes()
        #expect(codes.number("A") == 0 && codes.number("B") == 1 && codes.number("A") == 0)
        #expect(codes.text(1) == "B" && codes.count == 2 && !codes.isFull)
        codes.reset()
        #expect(codes.generation == 1 && codes.count == 0)
        #expect(codes.number("B") == 0)
        for n in 0..<ItemCodes.limit { _ = codes.number("C\(n)") }
        #expect(codes.isFull)
    }

    @Test("quiet lines stand in for every registered line rule but duplicate-line, which runs on them too")
    func coversTheRegistry() {
        #expect(Set(QuietLine.standsInFor + [.duplicateLine]) == Set(LineRules.registered.map(\.code)))
        #expect(LineRules.registered.count == QuietLine.standsInFor.count + 1)
    }
}
