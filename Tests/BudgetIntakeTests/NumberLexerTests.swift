import BudgetCore
import BudgetTestSupport
import Testing

@testable import BudgetIntake

@Suite("Numbers from bytes")
struct NumberLexerTests {
    static func lex(_ text: String) -> NumberLexeme {
        Array(text.utf8).withUnsafeBufferPointer { NumberLexer.lex($0) }
    }

    /// The shape of `text` when it lexes as a number, else nil (so a test can `#require` it).
    static func number(_ text: String) -> NumberShape? {
        guard case .number(let shape) = lex(text) else { return nil }
        return shape
    }

    /// The money value when `mark` is the decimal mark, or nil.
    static func money(_ text: String, decimal mark: DecimalMark = .comma, exponent: Int = 0) -> Money? {
        guard case .number(let shape) = lex(text), let scale = shape.scale(decimal: mark),
            case .value(let money) = shape.money(scale: scale, exponent: exponent)
        else { return nil }
        return money
    }

    @Test(
        "money formats read to the same đồng",
        arguments: [
            "90000000", "90.000.000", "90 000 000", "90\u{00A0}000\u{00A0}000", "90\u{202F}000\u{202F}000",
            "90.000.000 đ", "90.000.000đ", "90.000.000 đồng", "90.000.000 VND", "VND 90.000.000", "90.000.000 VNĐ",
            "₫90.000.000", "90.000.000₫", " 90.000.000 ", "90.000.000 đo\u{0302}\u{0300}ng",
        ])
    func moneyFormats(text: String) {
        #expect(Self.money(text, decimal: .comma) == Money(dong: 90_000_000), "\(text)")
    }

    @Test("comma thousands read under a dot decimal mark")
    func englishStyle() {
        #expect(Self.money("90,000,000", decimal: .dot) == Money(dong: 90_000_000))
        #expect(Self.money("1,234.50", decimal: .dot) == nil)  // fractional
    }

    @Test("a leading minus or parentheses make a negative", arguments: ["-5.000", "(5.000)", "(5.000 đ)", "- 5.000"])
    func negatives(text: String) {
        #expect(Self.money(text) == Money(dong: -5000), "\(text)")
    }

    @Test(
        "text that is not a number is rejected",
        arguments: [
            "12abc", "nan", "NaN", "inf", "-inf", "0x1F", "1e5", "１２", "1.23.4", "1,,5", ".5", "5.", "1.234.567,8,9",
            "--5", "(-5)", "đ", "abc 12", "12 34", "1 23", "1.234 567",
        ])
    func rejected(text: String) {
        #expect(Self.lex(text) == .invalid, "\(text)")
    }

    @Test("an empty or blank cell is empty", arguments: ["", "  ", "\u{00A0}"])
    func empty(text: String) {
        #expect(Self.lex(text) == .empty)
    }

    @Test(
        "readings: which marks a number allows",
        arguments: [
            // text, dot reading valid, comma reading valid, own mark, ambiguous
            ("1234", true, true, nil as DecimalMark?, false),
            ("1.234.567", false, true, .comma, false),
            ("1,234,567", true, false, .dot, false),
            ("1.234,5", false, true, .comma, false),
            ("1,234.5", true, false, .dot, false),
            ("2,5", false, true, .comma, false),
            ("2.5", true, false, .dot, false),
            ("1234.500", true, false, .dot, false),
            ("0.500", true, false, .dot, false),
            ("1.500", true, true, nil, true),
            ("12,000", true, true, nil, true),
            ("1 234,5", false, true, .comma, false),
        ])
    func readings(text: String, dot: Bool, comma: Bool, own: DecimalMark?, ambiguous: Bool) throws {
        guard case .number(let shape) = Self.lex(text) else {
            Issue.record("\(text) did not lex")
            return
        }
        #expect((shape.dotScale != nil) == dot, "\(text)")
        #expect((shape.commaScale != nil) == comma, "\(text)")
        #expect(shape.ownMark == own, "\(text)")
        #expect(shape.isAmbiguous == ambiguous, "\(text)")
    }

    @Test("money scale makes whole đồng exactly; a fraction left over is fractional")
    func scale() throws {
        #expect(Self.money("1,5", exponent: 3) == Money(dong: 1500))
        #expect(Self.money("90.000", exponent: 6) == Money(dong: 90_000_000_000))
        let shape = try #require(Self.number("1,5"))
        #expect(shape.money(scale: 1, exponent: 0) == .fractional)
        #expect(shape.money(scale: 1, exponent: 0) == .fractional)
        let zero = try #require(Self.number("45,00"))
        #expect(zero.money(scale: 2, exponent: 0) == .value(Money(dong: 45)))
    }

    @Test("numbers beyond 64 bits overflow instead of wrapping")
    func overflow() throws {
        let huge = try #require(Self.number("99999999999999999999"))
        #expect(huge.money(scale: 0, exponent: 0) == .overflow)
        let big = try #require(Self.number("9.223.372.036.854.775.807"))
        #expect(big.money(scale: 0, exponent: 0) == .value(Money(dong: Int64.max)))
        #expect(big.money(scale: 0, exponent: 3) == .overflow)
    }

    @Test("quantities keep up to nine decimals")
    func quantities() throws {
        let shape = try #require(Self.number("0,123456789"))
        #expect(shape.quantity(scale: 9) == .value(Quantity(mantissa: 123_456_789, scale: 9)))
        let precise = try #require(Self.number("0,1234567891"))
        #expect(precise.quantity(scale: 10) == .tooPrecise)
        let zeros = try #require(Self.number("2,5000000000"))
        #expect(zeros.quantity(scale: 10) == .value(Quantity(mantissa: 25, scale: 1)))
    }
}

@Suite("Numbers from bytes: plain integers")
struct PlainIntegerTests {
    static func reference(_ bytes: [UInt8]) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }

    @Test("eight digits at a time read exactly what digit by digit reads")
    func agreesWithDigitByDigit() {
        var generator = SplitMix(seed: 18)
        let others: [UInt8] = [0x20, 0x2C, 0x2E, 0x2F, 0x3A, 0x00, 0x7F, 0x80, 0xFF, 0x2D, 0x41]
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...20, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x30...0x39, using: &generator) }
            if length > 0 && Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<length, using: &generator)] = others.randomElement(using: &generator) ?? 0x20
            }
            let read = bytes.withUnsafeBufferPointer { NumberLexer.plainInteger($0) }
            #expect(read == Self.reference(bytes), "\(bytes)")
        }
        let max = Array("999999999999999999".utf8)
        #expect(max.withUnsafeBufferPointer { NumberLexer.plainInteger($0) } == 999_999_999_999_999_999)
    }
}
