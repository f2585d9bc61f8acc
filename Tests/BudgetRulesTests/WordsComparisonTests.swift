import BudgetCore
import Foundation
import Testing

@testable import BudgetRules

@Suite("Comparing an amount in words with a total")
struct WordsComparisonTests {
    /// Ways people write the same amount; each must match.
    static let accepted: [(String, Int64)] = [
        ("Một trăm năm mươi triệu đồng", 150_000_000),
        ("một trăm năm mươi triệu đồng", 150_000_000),
        ("MỘT TRĂM NĂM MƯƠI TRIỆU ĐỒNG", 150_000_000),
        ("  Một   trăm năm mươi\u{00A0}triệu đồng  ", 150_000_000),
        ("Một trăm năm mươi triệu đồng chẵn", 150_000_000),
        ("Một trăm năm mươi triệu đồng chẵn./.", 150_000_000),
        ("Một trăm năm mươi triệu đồng./.", 150_000_000),
        ("(Một trăm năm mươi triệu đồng)", 150_000_000),
        ("Một trăm năm mươi triệu đồng Việt Nam", 150_000_000),
        ("Một trăm năm mươi triệu đồng Việt Nam chẵn./.", 150_000_000),
        ("Một trăm năm mươi triệu VNĐ", 150_000_000),
        ("Một trăm năm mươi triệu", 150_000_000),
        ("Bằng chữ: Một trăm năm mươi triệu đồng", 150_000_000),
        ("Một trăm linh năm đồng", 105),
        ("Một trăm lẻ năm đồng", 105),
        ("Một trăm linh tư đồng", 104),
        ("Một trăm lẻ bốn đồng", 104),
        ("Hai mươi tư đồng", 24),
        ("Hai mươi bốn đồng", 24),
        ("Mười tư đồng", 14),
        ("Hai mươi lăm đồng", 25),
        ("Hai mươi năm đồng", 25),
        ("Mười năm đồng", 15),
        ("Hai mươi mốt đồng", 21),
        ("Hai mươi một đồng", 21),
        ("Một nghìn không trăm linh năm đồng", 1_005),
        ("Một ngàn không trăm lẻ năm đồng", 1_005),
        ("Một nghìn linh năm đồng", 1_005),
        ("Một nghìn năm mươi đồng", 1_050),
        ("Một triệu lẻ năm đồng", 1_000_005),
        ("Một tỉ đồng", 1_000_000_000),
        ("Bẩy trăm đồng", 700),
        ("Một nghìn tỷ đồng", 1_000_000_000_000),
        ("Không đồng", 0),
    ]

    @Test("an accepted way of writing the amount matches", arguments: accepted)
    func accepts(text: String, amount: Int64) {
        #expect(WordsComparison.matches(text: text, amount: Money(dong: amount)))
    }

    @Test("decomposed (NFD) text matches", arguments: accepted)
    func acceptsNFD(text: String, amount: Int64) {
        let nfd = text.decomposedStringWithCanonicalMapping
        #expect(WordsComparison.matches(text: nfd, amount: Money(dong: amount)))
    }

    /// Near misses: wrong amounts, ambiguous or ill-formed readings.
    static let rejected: [(String, Int64)] = [
        ("Một trăm năm mươi đồng", 105),
        ("Một trăm năm đồng", 105),
        ("Một trăm năm đồng", 150),
        ("Một trăm lăm đồng", 105),
        ("Một trăm lăm đồng", 115),
        ("Một nghìn hai đồng", 1_002),
        ("Một nghìn hai đồng", 1_200),
        ("Mười mốt đồng", 11),
        ("Một mươi đồng", 10),
        ("Năm mươi triệu đồng", 150_000_000),
        ("Một trăm năm mươi nghìn đồng", 150_000_000),
        ("Một triệu không trăm nghìn đồng", 1_000_000),
        ("Một trăm hai trăm đồng", 300),
        ("Một nghìn một triệu đồng", 1_001_000_000),
        ("Linh năm đồng", 5),
        ("Không trăm linh năm đồng", 5),
        ("Một trăm năm mươi triệu đồng lẻ", 150_000_000),
        ("Một trăm năm mươi triệu đồng 150.000.000", 150_000_000),
        ("Mot tram nam muoi trieu dong", 150_000_000),
        ("", 0),
        ("đồng", 0),
        ("Một trăm năm mươi triệu đồng chẵn chẵn", 150_000_000),
        ("Mười chín tỷ tỷ đồng", 0),
    ]

    @Test("a near miss does not match", arguments: rejected)
    func rejects(text: String, amount: Int64) {
        #expect(!WordsComparison.matches(text: text, amount: Money(dong: amount)))
    }

    @Test("an amount that overflows 64 bits is not a number")
    func overflow() {
        #expect(VietnameseNumberWords.amount(in: "Mười tỷ tỷ đồng") == nil)
        #expect(VietnameseNumberWords.amount(in: "Chín tỷ tỷ đồng") == 9_000_000_000_000_000_000)
    }
}
