import BudgetCore
import BudgetRules

/// The words for decisions and agency states, defined once for every output: the
/// terminal, the portal and the documents say the same thing the same way.
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
}
