import BudgetTestSupport
import Testing

@testable import BudgetCore

@Suite("Money and quantities")
struct MoneyTests {
    @Test("sums that overflow 64 bits are refused, not wrapped")
    func overflow() {
        #expect(Money(dong: .max).adding(Money(dong: 1)) == nil)
        #expect(Money.sum([Money(dong: .max - 1), Money(dong: 1)]) == Money(dong: .max))
        #expect(Money.sum([Money(dong: .max), Money(dong: 1)]) == nil)
        #expect(Money(dong: Int64.max / 2 + 1).multiplied(by: 2) == nil)
    }

    @Test(
        "amounts print with Vietnamese thousands grouping",
        arguments: [
            (0, "0"), (5, "5"), (1_000, "1.000"), (150_000_000, "150.000.000"),
            (-1_234_567, "-1.234.567"), (Int64.max, "9.223.372.036.854.775.807"),
        ] as [(Int64, String)])
    func grouping(dong: Int64, text: String) {
        #expect(Money(dong: dong).grouped() == text)
    }

    @Test(
        "quantity × price rounds half up to the đồng",
        arguments: [
            (25, 1, 45_000_000, 112_500_000),  // 2.5 × 45 000 000
            (5, 1, 3, 2),  // 0.5 × 3 = 1.5 → 2
            (4, 1, 3, 1),  // 0.4 × 3 = 1.2 → 1
            (15, 2, 10, 2),  // 0.15 × 10 = 1.5 → 2
            (-5, 1, 3, -2),  // -0.5 × 3 = -1.5 → -2 (half away from zero)
            (1, 0, 0, 0),
        ] as [(Int64, Int, Int64, Int64)])
    func times(mantissa: Int64, scale: Int, price: Int64, expected: Int64) {
        #expect(Quantity(mantissa: mantissa, scale: scale).times(Money(dong: price)) == Money(dong: expected))
    }

    @Test("quantity × price beyond 64 bits is nil, even when the intermediate is 128-bit")
    func timesOverflow() {
        #expect(Quantity(Int64.max).times(Money(dong: 2)) == nil)
        // 9.223372036854775807 × 10^9 fits after the scale is divided out
        #expect(Quantity(mantissa: Int64.max, scale: 9).times(Money(dong: 1_000_000_000)) == Money(dong: Int64.max))
    }

    @Test("a whole quantity multiplies as the same quantity written with a decimal does, overflow included")
    func wholeTimes() {
        var random = SplitMix(seed: 11)
        let edges: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.max / 10, Int64.min / 10, 3_037_000_499]
        for n in 0..<20_000 {
            let m =
                n < edges.count ? edges[n] / 10 : Int64.random(in: (Int64.min / 10)...(Int64.max / 10), using: &random)
            let p =
                n < edges.count
                ? edges[edges.count - 1 - n]
                : Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...62, using: &random)
            let whole = Quantity(m).times(Money(dong: p))
            let decimal = Quantity(mantissa: m * 10, scale: 1).times(Money(dong: p))
            #expect(whole == decimal, "\(m) × \(p)")
        }
        #expect(Quantity(Int64.min).times(Money(dong: 1)) == Money(dong: Int64.min))
        #expect(Quantity(Int64.min).times(Money(dong: -1)) == nil)
    }

    @Test("quantities compare by value, not by spelling")
    func quantityEquality() {
        #expect(Quantity(mantissa: 250, scale: 2) == Quantity(mantissa: 25, scale: 1))
        #expect(Quantity(mantissa: 250, scale: 2).hashValue == Quantity(mantissa: 25, scale: 1).hashValue)
        #expect(Quantity(mantissa: 25, scale: 1).text(decimalMark: ",") == "2,5")
        #expect(Quantity(mantissa: 5, scale: 3).description == "0.005")
        #expect(Quantity(mantissa: 3000, scale: 3).description == "3")
    }
}
