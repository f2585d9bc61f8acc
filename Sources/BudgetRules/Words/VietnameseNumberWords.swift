import BudgetCore

/// Vietnamese amounts in words ("Bằng chữ"), as an official document writes them.
///
/// The package going to the Department of Finance states its totals in figures and in
/// words, and every submission carries a "Bằng chữ" line that must agree with its total.
/// Public converters get common cases wrong (105 as "một trăm lăm"), so the reading is
/// built here from a small, documented set of conventions; see
/// <doc:AmountInWords> for the whole list and the variants ``amount(in:)`` accepts.
///
/// The canonical form, in short:
/// - groups of three digits named `nghìn`, `triệu`, `tỷ`; above a tỷ the word repeats
///   (10^12 "một nghìn tỷ", 10^15 "một triệu tỷ", 10^18 "một tỷ tỷ"), so the whole
///   non-negative `Int64` range has a reading;
/// - groups that are zero are skipped ("một triệu đồng", "một triệu không trăm linh năm");
///   a later non-zero group says its hundreds, even "không trăm";
/// - `mười` for 10–19, `mươi` for tens from 20; `linh` for a zero tens digit after
///   hundreds ("một trăm linh năm" = 105); after a tens word, `mốt` for 1 from 21,
///   `tư` for 4 from 24, `lăm` for 5 from 15 ("mười lăm", "hai mươi lăm");
/// - the first letter capitalised, the word "đồng" last, no "chẵn".
public enum VietnameseNumberWords {
    /// The digit words 0…9 in their plain form.
    static let digitWords = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

    /// The amount in words, capitalised, ending with "đồng":
    /// 150 000 000 → "Một trăm năm mươi triệu đồng", 0 → "Không đồng".
    ///
    /// A negative amount (which no valid estimate has) reads with "Âm" first, so that the
    /// function is total over `Int64` and input can never make it trap.
    ///
    /// Complexity: O(log n).
    public static func words(for amount: Int64) -> String {
        let number = reading(amount.magnitude)
        let phrase = amount < 0 ? "âm " + number + " đồng" : number + " đồng"
        return capitalisingFirstLetter(phrase)
    }

    /// The amount in words; see the `Int64` overload.
    public static func words(for amount: Money) -> String { words(for: amount.dong) }

    /// The number in lower-case words without a unit: 105 → "một trăm linh năm",
    /// 0 → "không".
    ///
    /// Complexity: O(log n).
    public static func reading(_ number: UInt64) -> String {
        if number == 0 { return digitWords[0] }
        var words: [String] = []
        appendReading(number, into: &words)
        return words.joined(separator: " ")
    }

    /// Appends the reading of `number` (> 0), which starts the phrase.
    ///
    /// Everything above 10^9 is itself a number read the same way and followed by "tỷ":
    /// that is the repeated-tỷ convention, and recursion gives it for free.
    private static func appendReading(_ number: UInt64, into words: inout [String]) {
        let billions = number / 1_000_000_000
        let rest = number % 1_000_000_000
        if billions > 0 {
            appendReading(billions, into: &words)
            words.append("tỷ")
        }
        if rest > 0 { appendBelowBillion(rest, leading: billions == 0, into: &words) }
    }

    /// Appends 1 … 999 999 999 as up to three groups; zero groups are skipped.
    private static func appendBelowBillion(_ number: UInt64, leading: Bool, into words: inout [String]) {
        let groups: [(value: UInt64, scale: String?)] = [
            (number / 1_000_000, "triệu"),
            (number / 1_000 % 1_000, "nghìn"),
            (number % 1_000, nil),
        ]
        var leading = leading
        for group in groups where group.value > 0 {
            appendGroup(Int(group.value), leading: leading, into: &words)
            if let scale = group.scale { words.append(scale) }
            leading = false
        }
    }

    /// Appends one group 1…999. A group that does not start the phrase says its
    /// hundreds even when they are zero ("không trăm"), and then "linh" before a lone unit.
    private static func appendGroup(_ group: Int, leading: Bool, into words: inout [String]) {
        let hundreds = group / 100
        let tens = group / 10 % 10
        let units = group % 10
        let saysHundreds = hundreds > 0 || !leading
        if saysHundreds {
            words.append(digitWords[hundreds])
            words.append("trăm")
        }
        switch tens {
        case 0:
            guard units > 0 else { return }
            if saysHundreds { words.append("linh") }
            words.append(digitWords[units])
        case 1:
            words.append("mười")
            if units == 5 {
                words.append("lăm")
            } else if units > 0 {
                words.append(digitWords[units])
            }
        default:
            words.append(digitWords[tens])
            words.append("mươi")
            switch units {
            case 0: break
            case 1: words.append("mốt")
            case 4: words.append("tư")
            case 5: words.append("lăm")
            default: words.append(digitWords[units])
            }
        }
    }

    private static func capitalisingFirstLetter(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
