import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetCore

/// ``Folding/key(_:)`` folds Latin and Vietnamese text a scalar at a time from a table
/// (``ScalarKeys``); it must give what the general fold (NFD, then each scalar) gives.
@Suite("Matching keys a scalar at a time")
struct ScalarKeysTests {
    /// Every scalar the table covers, and some beyond it.
    static let scalars: [Unicode.Scalar] = (Array(0...0x36F) + Array(0x1E00...0x1EFF) + [0x2002, 0x3000, 0x4E2D])
        .compactMap(Unicode.Scalar.init)

    @Test("every scalar of the table, alone and between letters and spaces, folds as the general fold folds it")
    func everyScalar() {
        for scalar in Self.scalars {
            for text in [String(scalar), "Đ\(scalar)a", " \(scalar) ", "a \(scalar)\(scalar) B", "\(scalar)\u{301}"] {
                #expect(
                    Folding.key(text) == Folding.decomposedKey(text), "U+\(String(scalar.value, radix: 16)) in \(text)")
            }
        }
    }

    @Test("random texts of those scalars, white space and combining marks, composed and decomposed, fold alike")
    func randomTexts() {
        var random = SplitMix(seed: 20_261_206)
        let pool: [Unicode.Scalar] =
            Self.scalars + ["\u{A0}", "\t", " ", " ", "\u{300}", "\u{323}", "ư", "Ơ", "đ", "Ế", "ặ"]
        for _ in 0..<5_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                text.append(pool[Int.random(in: 0..<pool.count, using: &random)])
            }
            let string = String(text)
            for form in [
                string, string.decomposedStringWithCanonicalMapping, string.precomposedStringWithCanonicalMapping,
            ] {
                #expect(Folding.key(form) == Folding.decomposedKey(form), "\(Array(form.unicodeScalars))")
            }
        }
    }

    @Test("the names of the examples fold as before")
    func names() {
        #expect(Folding.key("  Sở  Thông tin và Truyền thông ") == "so thong tin va truyen thong")
        #expect(Folding.key("THÀNH TIỀN\u{A0}(đồng)") == "thanh tien (dong)")
        #expect(Folding.key("Thành tiền") == Folding.key("Tha\u{300}nh tie\u{302}\u{300}n"))
        // A scalar beyond the table: the general fold, same answer.
        #expect(Folding.key("Đơn vị 中") == "don vi 中")
    }
}
