import BudgetTestSupport
import Testing

@testable import BudgetIntake

@Suite("Decoding: UTF-8 validation")
struct DecodingUTF8ValidatorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        /// Offset of the first byte of the invalid sequence, or nil when valid.
        let invalidAt: Int?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "ASCII with tab, CR and LF", bytes: Array("a\tb\r\nc\n".utf8), invalidAt: nil),
        Case(name: "two-, three- and four-byte sequences", bytes: Array("đệ₫𠀀".utf8), invalidAt: nil),
        Case(
            name: "the boundaries U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF",
            bytes: [
                0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF, 0xF0, 0x90, 0x80, 0x80, 0xF4,
                0x8F, 0xBF, 0xBF,
            ],
            invalidAt: nil),
        Case(name: "overlong two-byte (C0 80)", bytes: [0x41, 0xC0, 0x80], invalidAt: 1),
        Case(name: "overlong two-byte (C1 BF)", bytes: [0xC1, 0xBF], invalidAt: 0),
        Case(name: "overlong three-byte (E0 9F BF)", bytes: [0x41, 0x42, 0xE0, 0x9F, 0xBF], invalidAt: 2),
        Case(name: "overlong four-byte (F0 8F BF BF)", bytes: [0xF0, 0x8F, 0xBF, 0xBF], invalidAt: 0),
        Case(name: "surrogate U+D800 (ED A0 80)", bytes: [0x61, 0xED, 0xA0, 0x80], invalidAt: 1),
        Case(name: "surrogate U+DFFF (ED BF BF)", bytes: [0xED, 0xBF, 0xBF], invalidAt: 0),
        Case(name: "beyond U+10FFFF (F4 90 80 80)", bytes: [0xF4, 0x90, 0x80, 0x80], invalidAt: 0),
        Case(name: "lead byte F5", bytes: [0x61, 0xF5, 0x80, 0x80, 0x80], invalidAt: 1),
        Case(name: "lead byte FF", bytes: [0xFF], invalidAt: 0),
        Case(name: "lone continuation byte", bytes: [0x61, 0x62, 0x80], invalidAt: 2),
        Case(name: "truncated at the end (E1 BB)", bytes: [0x6E, 0x6F, 0xE1, 0xBB], invalidAt: 2),
        Case(name: "truncated before ASCII (E1 BB 41)", bytes: [0xE1, 0xBB, 0x41], invalidAt: 0),
        Case(
            name: "Windows-1258 letters (Vi + ê + dot below)", bytes: [0x56, 0x69, 0xEA, 0xF2, 0x74],
            invalidAt: 2),
        Case(name: "NUL", bytes: [0x61, 0x00, 0x62], invalidAt: 1),
        Case(
            name: "vertical tab in an ASCII run",
            bytes: Array("abcdefghij".utf8) + [0x0B] + Array("klmnop".utf8), invalidAt: 10),
        Case(name: "escape after Vietnamese", bytes: Array("ệ".utf8) + [0x1B], invalidAt: 3),
    ]

    @Test("well-formed text passes and the first bad sequence is found", arguments: cases)
    func verdict(_ example: Case) {
        #expect(DecodingHarness.validate(example.bytes) == example.invalidAt)
    }

    @Test("a sequence split across chunks validates at every split point", arguments: cases)
    func everySplit(_ example: Case) {
        for split in 0...example.bytes.count {
            let result = DecodingHarness.validate(example.bytes, splits: [split])
            if let expected = example.invalidAt {
                // A sequence begun before the split and broken after it is reported at the split.
                #expect(result != nil, "split at \(split)")
                if let result {
                    #expect(result == expected || result == split, "split at \(split): \(result)")
                }
            } else {
                #expect(result == nil, "split at \(split)")
            }
        }
    }

    @Test("one-byte chunks validate the corpus")
    func oneByteChunks() {
        let bytes = Array(DecodingCorpus.konTum.utf8)
        #expect(DecodingHarness.validate(bytes, splits: Array(1..<bytes.count)) == nil)
    }

    @Test("a bad byte is found at every position of the 8-byte fast path")
    func fastPathPositions() {
        for bad: UInt8 in [0x00, 0x01, 0x0B, 0x1F, 0x80, 0xFF] {
            for position in 0..<40 {
                var bytes = Array(repeating: UInt8(ascii: "x"), count: 40)
                bytes[position] = bad
                #expect(
                    DecodingHarness.validate(bytes) == position, "0x\(String(bad, radix: 16)) at \(position)")
            }
        }
        var lines = Array(repeating: UInt8(ascii: "x"), count: 64)
        for position in stride(from: 0, to: 64, by: 5) { lines[position] = 0x0A }
        lines[3] = 0x0D
        lines[9] = 0x09
        #expect(DecodingHarness.validate(lines) == nil)
    }

    @Test("agrees with the standard library on random bytes")
    func agreesWithStandardLibrary() {
        var generator = SplitMix(seed: 1258)
        let alphabet: [UInt8] = [
            0x41, 0x20, 0x0A, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF,
            0xF0, 0xF4, 0xF5,
        ]
        for _ in 0..<5000 {
            let length = Int.random(in: 0...12, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0x41 }
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(
                (DecodingHarness.validate(bytes) == nil) == expected, "\(bytes.map { String($0, radix: 16) })"
            )
            let split = Int.random(in: 0...length, using: &generator)
            #expect(
                (DecodingHarness.validate(bytes, splits: [split]) == nil) == expected, "split at \(split)")
        }
    }
}
