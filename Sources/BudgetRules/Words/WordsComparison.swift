import BudgetCore

/// Whether a "Bằng chữ" text states a given amount.
///
/// The contract asks for "equal readings", not equal strings: accountants write
/// "Một trăm lẻ năm nghìn đồng chẵn./.", "một trăm linh năm ngàn đồng" and
/// "MỘT TRĂM LINH NĂM NGHÌN ĐỒNG VIỆT NAM" for the same 105 000. So the text is read
/// back into a number (``VietnameseNumberWords/amount(in:)``) and the numbers compared;
/// any spelling the reader accepts passes, and a text that is not an amount at all, or
/// an ambiguous one ("một trăm năm"), does not.
public enum WordsComparison {
    /// Whether `text` reads as exactly `amount`.
    ///
    /// Complexity: O(n) in the length of the text.
    public static func matches(text: String, amount: Money) -> Bool {
        VietnameseNumberWords.amount(in: text) == amount.dong
    }
}
