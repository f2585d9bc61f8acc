/// A money unit as a file states it: đồng, nghìn đồng (× 1 000) or triệu đồng (× 1 000 000).
///
/// Accountants often keep big estimates in thousands of đồng and say so once, in a row
/// above the table (`Đơn vị tính: nghìn đồng`) or in the amount or price header
/// (`Thành tiền (nghìn đồng)`). Everything the reader reports is whole đồng.
struct MoneyUnit: Hashable, Sendable {
    /// The power of ten: 0, 3 or 6.
    var exponent: Int

    var factor: Int64 {
        var value: Int64 = 1
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Reads a folded unit text ("nghin dong", "trieu vnd", "dong/cai", "1.000 d").
    ///
    /// The words for đồng (`dong`, `d`, `vnd`) may be absent only when a multiplier word
    /// is present; anything else ("cai", "kg") is not a money unit.
    static func parse(folded: String) -> MoneyUnit? {
        let beforeSlash = folded.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var hasCurrency = false
        var rest: [Substring] = []
        for token in beforeSlash.split(separator: " ") {
            if currencyWords.contains(String(token)) {
                hasCurrency = true
            } else {
                rest.append(token)
            }
        }
        if rest.isEmpty { return hasCurrency ? MoneyUnit(exponent: 0) : nil }
        guard rest.count == 1 else { return nil }
        switch rest[0] {
        case "nghin", "ngan", "thousand", "thousands", "1000", "1.000", "1,000", "k":
            return MoneyUnit(exponent: 3)
        case "trieu", "million", "millions", "1000000", "1.000.000", "1,000,000", "tr":
            return MoneyUnit(exponent: 6)
        default:
            return nil
        }
    }

    private static let currencyWords: Set<String> = ["dong", "d", "vnd", "₫"]
}
