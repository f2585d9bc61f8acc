import BudgetTestSupport
import Testing

@testable import BudgetFormats

@Suite("Number text")
struct NumberTextTests {
    @Test(
        "integers group by three with '.'",
        arguments: [
            (0, "0"), (7, "7"), (999, "999"), (1_000, "1.000"), (150_000_000, "150.000.000"), (-1_234, "-1.234"),
            (-999, "-999"), (Int64.max, "9.223.372.036.854.775.807"), (Int64.min, "-9.223.372.036.854.775.808"),
        ] as [(Int64, String)])
    func grouped(value: Int64, text: String) {
        #expect(NumberText.grouped(value) == text)
        var bytes: [UInt8] = []
        NumberText.appendInteger(value, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(value))
    }

    @Test(
        "decimals print exactly, without trailing zeros",
        arguments: [
            (25, 1, ".", nil, "2.5"), (25, 1, ",", nil, "2,5"), (3000, 3, ".", nil, "3"), (5, 3, ".", nil, "0.005"),
            (-5, 3, ".", nil, "-0.005"), (0, 2, ".", nil, "0"), (12_345_675, 1, ",", ".", "1.234.567,5"),
            (7, -2, ".", nil, "700"), (0, -2, ".", nil, "0"), (-1_000, 0, ",", ".", "-1.000"),
        ] as [(Int64, Int, String, String?, String)])
    func decimals(mantissa: Int64, scale: Int, mark: String, grouping: String?, text: String) {
        #expect(NumberText.decimal(mantissa: mantissa, scale: scale, mark: mark, grouping: grouping) == text)
    }

    @Test(
        "with places, documents keep a column's fraction digits: zeros kept or added, never cut",
        arguments: [
            (120, 1, 1, "12,0"), (125, 1, 1, "12,5"), (-250, 1, 1, "-25,0"), (12, 0, 1, "12,0"), (0, 1, 1, "0,0"),
            (12_345, 2, 1, "123,45"), (5, 3, 2, "0,005"), (-1_000_000, 1, 1, "-100.000,0"),
        ] as [(Int64, Int, Int, String)])
    func places(mantissa: Int64, scale: Int, places: Int, text: String) {
        #expect(NumberText.decimal(mantissa: mantissa, scale: scale, mark: ",", grouping: ".", places: places) == text)
    }

    @Test("extreme scales are clamped, never a trap")
    func extremeScales() {
        #expect(NumberText.decimal(mantissa: 1, scale: Int.min).count == 65)
        #expect(NumberText.decimal(mantissa: 1, scale: Int.max) == "0." + String(repeating: "0", count: 63) + "1")
    }

    @Test("decimals appended as bytes read exactly as the text, at every scale and sign")
    func appendedDecimals() {
        var generator = SplitMix(seed: 11)
        var mantissas: [Int64] = [0, 1, -1, 9, 10, -10, 100, 12_345, Int64.max, Int64.min, Int64.min + 1]
        mantissas += (0..<200).map { _ in Int64(bitPattern: generator.next()) >> (generator.next() % 63) }
        for mantissa in mantissas {
            for scale in [Int.min, -70, -3, -1, 0, 1, 2, 3, 9, 18, 19, 20, 64, 65, Int.max] {
                var bytes: [UInt8] = []
                NumberText.appendDecimal(mantissa: mantissa, scale: scale, to: &bytes)
                #expect(
                    String(decoding: bytes, as: UTF8.self) == NumberText.decimal(mantissa: mantissa, scale: scale),
                    "\(mantissa) scale \(scale)")
            }
        }
    }
}
