import BudgetCore
import BudgetRules

/// The words for decisions and agency states, defined once for every output: the
/// terminal, the portal and the documents say the same thing the same way. Documents and
/// sheets start a cell or a note with a capital (``capitalized(_:)``); the words stay the
/// same.
public enum Labels {
    /// A receipt's decision: "chấp nhận", "trả lại để sửa"…
    public static func decision(_ decision: Decision, _ language: Language) -> String {
        switch (decision, language) {
        case (.accepted, .vi): "chấp nhận"
        case (.accepted, .en): "accepted"
        case (.acceptedLate, .vi): "chấp nhận sau hạn (ngoại lệ)"
        case (.acceptedLate, .en): "accepted late (exception)"
        case (.returned, .vi): "trả lại để sửa"
        case (.returned, .en): "returned for correction"
        case (.refusedLate, .vi): "từ chối: nộp sau hạn"
        case (.refusedLate, .en): "refused: after the deadline"
        }
    }

    /// An agency's state: "chưa gửi", "đã nhận"…
    public static func state(_ state: AgencyState, _ language: Language) -> String {
        switch (state, language) {
        case (.missing, .vi): "chưa gửi"
        case (.missing, .en): "missing"
        case (.accepted, .vi): "đã nhận"
        case (.accepted, .en): "accepted"
        case (.acceptedLate, .vi): "nhận muộn (ngoại lệ)"
        case (.acceptedLate, .en): "accepted late"
        case (.returned, .vi): "trả lại để sửa"
        case (.returned, .en): "returned"
        case (.refusedLate, .vi): "từ chối (quá hạn)"
        case (.refusedLate, .en): "refused (late)"
        }
    }

    /// A receipt that was annulled (`budget void`): "đã hủy".
    public static func voided(_ language: Language) -> String {
        switch language {
        case .vi: "đã hủy"
        case .en: "voided"
        }
    }

    /// `text` with its first letter in upper case, as a label starts a table cell or a
    /// note: "chưa gửi" → "Chưa gửi".
    public static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return String(first).uppercased() + text.dropFirst()
    }
}
