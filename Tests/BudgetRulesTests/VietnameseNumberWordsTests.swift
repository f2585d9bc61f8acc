import BudgetCore
import BudgetTestSupport
import Foundation
import Testing

@testable import BudgetRules

@Suite("Vietnamese amount in words")
struct VietnameseNumberWordsTests {
    /// Known readings, checked by hand against the conventions in AmountInWords.md.
    static let table: [(Int64, String)] = [
        (0, "Không đồng"),
        (1, "Một đồng"),
        (4, "Bốn đồng"),
        (5, "Năm đồng"),
        (10, "Mười đồng"),
        (11, "Mười một đồng"),
        (14, "Mười bốn đồng"),
        (15, "Mười lăm đồng"),
        (20, "Hai mươi đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (25, "Hai mươi lăm đồng"),
        (55, "Năm mươi lăm đồng"),
        (91, "Chín mươi mốt đồng"),
        (100, "Một trăm đồng"),
        (101, "Một trăm linh một đồng"),
        (104, "Một trăm linh bốn đồng"),
        (105, "Một trăm linh năm đồng"),
        (110, "Một trăm mười đồng"),
        (111, "Một trăm mười một đồng"),
        (115, "Một trăm mười lăm đồng"),
        (150, "Một trăm năm mươi đồng"),
        (500, "Năm trăm đồng"),
        (1_000, "Một nghìn đồng"),
        (1_005, "Một nghìn không trăm linh năm đồng"),
        (1_050, "Một nghìn không trăm năm mươi đồng"),
        (1_500, "Một nghìn năm trăm đồng"),
        (10_005, "Mười nghìn không trăm linh năm đồng"),
        (15_000, "Mười lăm nghìn đồng"),
        (21_000, "Hai mươi mốt nghìn đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (105_000, "Một trăm linh năm nghìn đồng"),
        (1_000_000, "Một triệu đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_050_000, "Một triệu không trăm năm mươi nghìn đồng"),
        (150_000_000, "Một trăm năm mươi triệu đồng"),
        (1_000_000_000, "Một tỷ đồng"),
        (1_000_000_001, "Một tỷ không trăm linh một đồng"),
        (1_234_567_890, "Một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi đồng"),
        (2_005_000_000, "Hai tỷ không trăm linh năm triệu đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (1_000_000_001_000, "Một nghìn tỷ không trăm linh một nghìn đồng"),
        (15_000_000_000_000, "Mười lăm nghìn tỷ đồng"),
        (1_000_000_000_000_000, "Một triệu tỷ đồng"),
        (
            999_999_999_999_999,
            "Chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng"
        ),
        (1_000_000_000_000_000_000, "Một tỷ tỷ đồng"),
        (
            Int64.max,
            "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng"
        ),
    ]

    @Test("an amount reads as the table says", arguments: table)
    func reading(amount: Int64, expected: String) {
        #expect(VietnameseNumberWords.words(for: amount) == expected)
    }

    @Test("every reading in the table parses back to its amount", arguments: table)
    func roundTrip(amount: Int64, words: String) {
        #expect(VietnameseNumberWords.amount(in: words) == amount)
    }

    @Test("105 is never read as 'một trăm lăm'")
    func oneHundredFive() {
        #expect(!VietnameseNumberWords.words(for: 105).contains("lăm"))
        #expect(VietnameseNumberWords.amount(in: "Một trăm lăm đồng") == nil)
    }

    @Test("a negative amount reads with 'Âm' and parses back")
    func negative() {
        #expect(VietnameseNumberWords.words(for: -105) == "Âm một trăm linh năm đồng")
        #expect(VietnameseNumberWords.amount(in: "Âm một trăm linh năm đồng") == -105)
        #expect(VietnameseNumberWords.words(for: Int64.min).hasPrefix("Âm chín tỷ"))
        #expect(VietnameseNumberWords.amount(in: VietnameseNumberWords.words(for: Int64.min)) == Int64.min)
    }

    @Test("every amount in a sample of the range reads and parses back")
    func sampledRoundTrip() {
        var generator = SplitMix(seed: 2020)
        var samples: [Int64] = Array(0...2_100)
        for _ in 0..<3_000 {
            let digits = Int(generator.next() % 19) + 1
            var limit: UInt64 = 1
            for _ in 0..<digits { limit = limit &* 10 }
            samples.append(Int64(generator.next() % min(limit, UInt64(Int64.max))))
        }
        for amount in samples {
            let words = VietnameseNumberWords.words(for: amount)
            #expect(VietnameseNumberWords.amount(in: words) == amount, "\(amount): \(words)")
        }
    }

    @Test("reading without the unit is lower case")
    func bareReading() {
        #expect(VietnameseNumberWords.reading(0) == "không")
        #expect(VietnameseNumberWords.reading(1_005) == "một nghìn không trăm linh năm")
    }
}
