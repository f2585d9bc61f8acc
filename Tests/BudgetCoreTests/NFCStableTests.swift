import Foundation
import Testing

@testable import BudgetCore

/// ``Folding/nfc(_:)`` skips Foundation for text NFC cannot change; it must give what
/// Foundation gives on every text.
@Suite("NFC without Foundation for stable text")
struct NFCStableTests {
    @Test("every scalar of the trusted ranges, alone and between letters, is left as Foundation leaves it")
    func trustedRanges() {
        for range: ClosedRange<UInt32> in [0x80...0x2FF, 0x1E00...0x1EFF, 0x2002...0x20BF] {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                for text in [String(scalar), "A\(scalar)b", "Đ\(scalar)\(scalar)ư", "\(scalar)e"] {
                    #expect(Folding.isNFCStable(text))
                    #expect(
                        Folding.nfc(text) == text.precomposedStringWithCanonicalMapping, "U+\(String(value, radix: 16))"
                    )
                }
            }
        }
    }

    /// ``Folding/isNFCStable(_:)`` as it reads in the ranges' own terms, scalar by scalar:
    /// the reference the byte test is checked against.
    static func byScalars(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x300 || value &- 0x1E00 < 0x100 || value &- 0x2002 < 0xBE
        }
    }

    @Test("the test on bytes agrees with the test on scalars for every scalar, alone and beside others")
    func bytesAgreeWithScalars() {
        for value in UInt32(0)...0x10_FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let alone = String(scalar)
            if Folding.isNFCStable(alone) != Self.byScalars(alone) {
                Issue.record("disagree on U+\(String(value, radix: 16))")
            }
            guard value < 0x2200 || value &- 0x1E00 < 0x200 else { continue }
            let beside = "ệ\(scalar)a\(scalar)"
            if Folding.isNFCStable(beside) != Self.byScalars(beside) {
                Issue.record("disagree beside U+\(String(value, radix: 16))")
            }
        }
    }

    @Test("text with a combining mark or a scalar outside the ranges goes through Foundation")
    func otherText() {
        let texts = [
            "Tie\u{0302}\u{0301}n", "e\u{0301}", "\u{2126}", "\u{212B}", "\u{2000}x", "\u{1F71}", "漢字", "Ω\u{0308}",
            "Đắk Glei", "Phóng sự chuyên đề",
        ]
        for text in texts {
            #expect(
                Folding.nfc(text) == text.precomposedStringWithCanonicalMapping, "\(text.unicodeScalars.map(\.value))")
        }
        #expect(!Folding.isNFCStable("e\u{0301}"))
        #expect(!Folding.isNFCStable("\u{2126}"))
        #expect(Folding.isNFCStable("Đắk Glei"))
    }
}
